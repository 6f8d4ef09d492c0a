// A paged list of account rows: a source's accounts, or an identity's across sources. One
// AccountNode per account id, kept across pages and reloads so expansion and selection survive.
// A listed item that cannot be a row (its id listed twice) shows as an error row in its place.
// Pages are listed SLIM (no attributes) and only their rows are kept (account-row.ts).
import type { ListAccountsOptions } from '../isc/api';
import type { Source } from '../isc/models';
import { AccountNode, type AccountParent } from './account-node';
import { listedAccountProblems } from './account-presentation';
import { listAccountRows, type AccountRow } from './account-row';
import { MessageNode } from './message-node';
import type { ExplorerNode } from './node';
import type { FetchedPage, PageRequest } from './paged-list';
import { PagedNode } from './paged-node';

export abstract class AccountListNode extends PagedNode<AccountRow> implements AccountParent {
  private readonly accountNodes = new Map<string, AccountNode>();
  /** Listed items that cannot be rows (an id listed twice), as of the last listing. */
  private badItems = new Map<number, string>();

  abstract readonly tenantId: string;
  abstract readonly mixesSources: boolean;
  abstract sourceOf(account: AccountRow): Source | undefined;

  /** The list's filter and sort for one page; the page is asked SLIM here. */
  protected abstract pageQuery(request: PageRequest): ListAccountsOptions | Promise<ListAccountsOptions>;

  /** A page just listed (a source reads its total from the first). */
  protected listed(_request: PageRequest, _page: FetchedPage<AccountRow>): void {}

  protected async fetchPage(request: PageRequest): Promise<FetchedPage<AccountRow>> {
    const query = await this.pageQuery(request);
    const { offset, limit, count } = request;
    const page = await listAccountRows(await this.services.client(this.tenantId), { ...query, offset, limit, count });
    this.listed(request, page);
    return page;
  }

  protected override afterLoad(): void {
    this.badItems = listedAccountProblems(this.pages.items);
  }

  protected childFor(account: AccountRow, index: number): ExplorerNode {
    const problem = this.badItems.get(index);
    if (!problem) return this.nodeFor(account);
    const retry = { command: 'iscAccounts.refresh', title: 'Retry', arguments: [this] };
    return new MessageNode(this, 'error', `${problem} — click to reload`, { retry, slot: `listed-${index}`, tooltip: `${problem}; this row stands in for it until the list is loaded again.` });
  }

  /** Re-fetches the pages already shown (after bulk or list-wide changes) and redraws. */
  async reloadInPlace(): Promise<void> {
    try {
      await this.reloadPages();
      // Rows keep their node objects; give each the fresh data before the redraw.
      for (const account of this.pages.items) this.nodeFor(account);
    } finally {
      this.services.changed(this);
    }
  }

  /** The loaded account node with this id, if the account is on a loaded page. */
  findAccount(accountId: string): AccountNode | undefined {
    return this.pages.items.some((account) => account.id === accountId) ? this.accountNodes.get(accountId) : undefined;
  }

  /** One node per loaded account (an id listed twice gives one). */
  loadedAccounts(): AccountNode[] {
    return [...new Set(this.pages.items.map((account) => this.nodeFor(account)))];
  }

  override reset(): void {
    super.reset();
    for (const node of this.accountNodes.values()) node.reset();
  }

  private nodeFor(account: AccountRow): AccountNode {
    const key = account.id ?? account.nativeIdentity;
    const existing = this.accountNodes.get(key);
    if (existing) {
      if (existing.row !== account) existing.update(account, false);
      return existing;
    }
    const node = new AccountNode(this, account, this.services);
    this.accountNodes.set(key, node);
    return node;
  }
}
