// An account: its look comes from account-presentation.ts; its children are its
// entitlements, paged like a source's accounts.
import * as vscode from 'vscode';
import type { Account, Entitlement } from '../isc/models';
import {
  accountContextValue,
  accountDescription,
  accountIcon,
  accountLabel,
  accountTooltipRows,
  type AccountView,
} from './account-presentation';
import { EntitlementNode } from './entitlement-node';
import { LoadMoreNode, type PagedNode } from './load-more-node';
import { MessageNode } from './message-node';
import type { ExplorerNode, TreeServices } from './node';
import { PagedList } from './paged-list';
import type { SourceNode } from './source-node';


export class AccountNode implements PagedNode {
  readonly id: string;
  private pendingActions = 0;
  private unconfirmed: string | undefined;
  private moreError: unknown;
  private readonly entitlements: PagedList<Entitlement>;

  constructor(
    readonly parent: SourceNode,
    private current: Account,
    private readonly services: TreeServices,
  ) {
    this.id = `${parent.id}/account/${current.id}`;
    this.entitlements = new PagedList(async ({ offset, limit, count }) => {
      const client = await services.client(this.tenantId);
      return client.listAccountEntitlements(this.accountId, { offset, limit, count });
    }, services.pageSize);
  }

  get account(): Account {
    return this.current;
  }
  get accountId(): string {
    return this.current.id ?? '';
  }
  get tenantId(): string {
    return this.parent.tenantId;
  }
  get flatFile(): boolean {
    return this.parent.flatFile;
  }
  get pending(): boolean {
    return this.pendingActions > 0;
  }
  get label(): string {
    return accountLabel(this.current);
  }

  /** New data from the server; redraws this row only (unless its parent is redrawing anyway). */
  update(account: Account, redraw = true): void {
    this.current = account;
    this.unconfirmed = undefined;
    if (redraw) this.services.changed(this);
  }

  /** Says on the row that the last change may have been applied (until the row is read again). */
  markUnconfirmed(text: string): void {
    this.unconfirmed = text;
    this.services.changed(this);
  }

  /** Marks an action in flight (icon and contextValue say pending) until `done` is called. */
  beginPending(): () => void {
    this.pendingActions++;
    this.services.changed(this);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.pendingActions--;
      this.services.changed(this);
    };
  }

  private view(): AccountView {
    return { account: this.current, flatFile: this.flatFile, pending: this.pending, unconfirmed: this.unconfirmed };
  }

  getTreeItem(): vscode.TreeItem {
    const view = this.view();
    const item = new vscode.TreeItem(
      this.label,
      this.current.hasEntitlements ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.contextValue = accountContextValue(view);
    item.description = accountDescription(view);
    const icon = accountIcon(view);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    const tooltip = new vscode.MarkdownString();
    for (const [label, value] of accountTooltipRows(view)) {
      tooltip.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
    }
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${this.label}, account, ${item.description}` };
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    try {
      await this.entitlements.ensureLoaded();
    } catch (error) {
      return [MessageNode.error(this, 'entitlements', error, { command: 'iscAccounts.refresh', title: 'Retry', arguments: [this] })];
    }
    const nodes: ExplorerNode[] = this.entitlements.items.map((e, index) => new EntitlementNode(this, e, index));
    if (nodes.length === 0) nodes.push(new MessageNode(this, 'empty', 'No entitlements'));
    if (this.moreError !== undefined) {
      const retry = { command: 'iscAccounts.loadMore', title: 'Retry', arguments: [this] };
      nodes.push(MessageNode.error(this, 'more entitlements', this.moreError, retry, 'more-error'));
    } else if (this.entitlements.hasMore) {
      nodes.push(new LoadMoreNode(this, this.entitlements.items.length, this.entitlements.total, this.services.pageSize()));
    }
    return nodes;
  }

  async loadMore(): Promise<void> {
    this.moreError = undefined;
    try {
      await this.entitlements.loadMore();
    } catch (error) {
      this.moreError = error;
    }
    this.services.changed(this);
  }

  /** The entitlements loaded so far (Show Entitlements lists them without another request). */
  async loadedEntitlements(): Promise<readonly Entitlement[]> {
    await this.entitlements.ensureLoaded();
    return this.entitlements.items;
  }

  reset(): void {
    this.moreError = undefined;
    this.entitlements.reset();
  }
}
