// The accounts a bulk edit targets, read fresh from ISC with progress and cancellable: a
// selection (read by id, one list request per chunk) or every account matching a source's
// current filter and sort (paged). What is kept of each is core/bulk-edit-targets.ts's choice.
import { ChunkedAccountReads } from '../isc/chunked-account-reads';
import type { Source } from '../isc/models';
import { BulkEditTargets } from '../core/bulk-edit-targets';
import { accountLabel } from '../tree/account-presentation';
import { sourceAccountsFilter } from '../tree/source-presentation';
import type { CommandContext } from './context';
import { accountCount } from './account-bulk';

export interface LoadedTargets {
  tenantId: string;
  /** What the accounts are: "the selection", "\"Roster\" matching name sw \"a\"". */
  scope: string;
  /** "Edit attributes of 3 selected accounts", "Edit attributes of 340 accounts of \"Roster\"". */
  title: string;
  collected: BulkEditTargets;
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
    const collected = new BulkEditTargets(client, accountLabel);
    const reads = new ChunkedAccountReads(client, ids);
    for (const id of ids) {
      const account = await reads.before(id, signal);
      if (account) await collected.add([account], signal);
      if (collected.count % 50 === 0) report(`${collected.count} of ${ids.length}…`);
    }
    const missing = ids.filter((id) => !collected.has(id));
    if (missing.length > 0) {
      const listed = `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`;
      throw new Error(`${accountCount(missing.length)} of the selection ${missing.length === 1 ? 'is' : 'are'} no longer in ISC (${listed}); refresh the explorer and select again.`);
    }
    return { tenantId, scope: 'the selection', title: `Edit attributes of ${collected.count} selected ${collected.count === 1 ? 'account' : 'accounts'}`, collected };
  });
}

export async function loadMatching(ctx: CommandContext, tenantId: string, scope: SourceScope): Promise<LoadedTargets> {
  const client = await ctx.clients.forTenant(tenantId);
  const name = `"${scope.source.name ?? scope.source.id ?? 'source'}"`;
  const described = scope.filter ? `${name} matching ${scope.filter}` : name;
  return ctx.ui.progress(`Reading the accounts of ${described}`, async (signal, report) => {
    const collected = new BulkEditTargets(client, accountLabel, scope.source);
    const filters = sourceAccountsFilter(scope.source.id ?? '', scope.filter);
    for await (const page of client.accountPages({ filters, sorters: scope.sorters, pageSize: 250, signal })) {
      await collected.add(page.items, signal);
      report(`${collected.count}${page.totalCount === undefined ? '' : ` of ${page.totalCount}`}…`);
    }
    return { tenantId, scope: described, title: `Edit attributes of ${accountCount(collected.count)} of ${described}`, collected };
  });
}
