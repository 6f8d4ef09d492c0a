// The accounts a bulk edit targets, read fresh from ISC: a selection (read by id, a chunk per
// request) or every account matching a source's current filter (paged). Read with progress and
// cancellable. Of each account only what the plan, the journal and the report need is kept:
// id, names, source, modified and its attributes; the value distribution is tallied as pages
// arrive. Whether a source is flat-file is asked once per source.
import type { IscApi } from '../isc/api';
import { accountFilter } from '../isc/filters';
import type { Account, Source } from '../isc/models';
import { isFlatFileSource } from '../isc/source-kind';
import { READ_CHUNK } from '../isc/chunked-account-reads';
import { AttributeTally } from '../core/attribute-overview';
import type { BulkEditTarget } from '../core/bulk-edit-plan';
import { accountLabel } from '../tree/account-presentation';
import { sourceAccountsFilter } from '../tree/source-presentation';
import type { CommandContext } from './context';
import { accountCount } from './account-bulk';

export interface LoadedTargets {
  tenantId: string;
  /** "Roster", "340 selected accounts" */
  scope: string;
  targets: BulkEditTarget[];
  /** The same accounts, slimmed, for the journal and the report. */
  accounts: Account[];
  tally: AttributeTally;
}

/** What the explorer shows of a source: its filter and sort. */
export interface SourceScope {
  source: Source;
  filter?: string;
  sorters?: string;
}

export async function loadSelection(ctx: CommandContext, tenantId: string, accountIds: readonly string[]): Promise<LoadedTargets> {
  const client = await ctx.clients.forTenant(tenantId);
  const ids = [...new Set(accountIds)];
  return ctx.ui.progress(`Reading ${accountCount(ids.length)}`, async (signal, report) => {
    const loaded = new Loading(client, tenantId, `${accountCount(ids.length)} selected`);
    for (let start = 0; start < ids.length; start += READ_CHUNK) {
      const chunk = ids.slice(start, start + READ_CHUNK);
      const page = await client.listAccounts({ filters: accountFilter.in('id', chunk), limit: chunk.length, signal });
      await loaded.add(page.items, signal);
      report(`${loaded.count} of ${ids.length}…`);
    }
    const missing = ids.filter((id) => !loaded.has(id));
    if (missing.length > 0) throw new Error(`${accountCount(missing.length)} of the selection ${missing.length === 1 ? 'is' : 'are'} no longer in ISC (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); refresh the explorer and select again.`);
    return loaded.result();
  });
}

export async function loadMatching(ctx: CommandContext, tenantId: string, scope: SourceScope): Promise<LoadedTargets> {
  const client = await ctx.clients.forTenant(tenantId);
  const name = scope.source.name ?? scope.source.id ?? 'source';
  return ctx.ui.progress(`Reading the accounts of "${name}"${scope.filter ? ` matching ${scope.filter}` : ''}`, async (signal, report) => {
    const loaded = new Loading(client, tenantId, scope.filter ? `"${name}" matching ${scope.filter}` : `"${name}"`, scope.source);
    const filters = sourceAccountsFilter(scope.source.id ?? '', scope.filter);
    for await (const page of client.accountPages({ filters, sorters: scope.sorters, pageSize: 250, signal })) {
      await loaded.add(page.items, signal);
      report(`${loaded.count}${page.totalCount === undefined ? '' : ` of ${page.totalCount}`}…`);
    }
    return loaded.result();
  });
}

class Loading {
  private readonly targets: BulkEditTarget[] = [];
  private readonly accounts: Account[] = [];
  private readonly ids = new Set<string>();
  private readonly tally = new AttributeTally();
  private readonly sources = new Map<string, Promise<Source>>();

  constructor(
    private readonly client: IscApi,
    private readonly tenantId: string,
    private readonly scope: string,
    known?: Source,
  ) {
    if (known?.id) this.sources.set(known.id, Promise.resolve(known));
  }

  get count(): number {
    return this.targets.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  async add(page: readonly Account[], signal: AbortSignal): Promise<void> {
    for (const account of page) {
      if (!account.id || this.ids.has(account.id)) continue;
      this.ids.add(account.id);
      const attributes = account.attributes ?? {};
      const source = await this.sourceOf(account.sourceId, signal);
      this.tally.add(attributes);
      this.targets.push({ accountId: account.id, accountName: accountLabel(account), notEditable: notEditable(source), attributes });
      this.accounts.push(slim(account));
    }
  }

  result(): LoadedTargets {
    return { tenantId: this.tenantId, scope: this.scope, targets: this.targets, accounts: this.accounts, tally: this.tally };
  }

  private sourceOf(sourceId: string | undefined, signal: AbortSignal): Promise<Source | undefined> {
    if (!sourceId) return Promise.resolve(undefined);
    let source = this.sources.get(sourceId);
    if (!source) this.sources.set(sourceId, (source = this.client.getSource(sourceId, { signal })));
    return source;
  }
}

function notEditable(source: Source | undefined): string | undefined {
  if (!source) return 'its source is not known, so it cannot be told to be flat-file';
  if (isFlatFileSource(source)) return undefined;
  return `"${source.name ?? source.id}" is not a flat-file source (type "${source.type ?? '?'}"); ISC changes attributes only on flat-file (DelimitedFile) accounts`;
}

/** What the journal and the report name an account by; the attributes are kept by the plan's target. */
function slim(account: Account): Account {
  const { id, name, nativeIdentity, sourceId, sourceName, modified, identityId } = account;
  return { id, name, nativeIdentity, sourceId, sourceName, modified, identityId } as Account;
}
