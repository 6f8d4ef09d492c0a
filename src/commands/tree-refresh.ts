// After an action, the affected rows are refreshed in place: the account's own row (one
// GET), or its source's loaded pages when accounts were added or removed. Never the whole
// tree. An account can show twice (in its source and in a pinned identity): both rows follow.
// A failed refresh is logged, not reported: the action itself succeeded. A row takes only the
// account it asked for: another one in the answer leaves the row as it was, marked.
import { IscError } from '../isc/errors';
import type { Account } from '../isc/models';
import { AccountNode, type AccountParent } from '../tree/account-node';
import type { ExplorerNode } from '../tree/node';
import type { ChangeReport } from '../core/change-report';
import type { CommandContext } from './context';
import { rowOfTarget, type AccountTarget } from './targets';

export function treeNodeOf(ctx: CommandContext, target: AccountTarget): AccountNode | undefined {
  return target.node ?? ctx.explorer.accountNode(target.tenantId, target.accountId, rowOfTarget(target)?.sourceId);
}

/** Marks the account's rows (those in the tree) pending with what is in flight ("Disable") until the returned function is called. */
export function markPending(ctx: CommandContext, target: AccountTarget, label?: string): () => void {
  const done = rowsOf(ctx, target).map((row) => row.beginPending(label));
  return () => done.forEach((finish) => finish());
}

/** The account's rows: the one acted on, and any other row showing the same account. */
function rowsOf(ctx: CommandContext, target: AccountTarget): AccountNode[] {
  const rows = new Set(ctx.explorer.accountNodesShowing(target.tenantId, target.accountId));
  const node = treeNodeOf(ctx, target);
  if (node) rows.add(node);
  return [...rows];
}

/**
 * Gives the account's rows what ISC answered when asked for it. An answer about another account
 * is refused (its data on this row would be shown, and acted on, as this one): the rows keep
 * theirs and are marked, the log says what came, and the problem is returned.
 */
export function showReadAccount(ctx: CommandContext, target: AccountTarget, account: Account): string | undefined {
  const rows = rowsOf(ctx, target);
  if (account.id === target.accountId) {
    target.account = account;
    for (const row of rows) row.updateRead(account);
    return undefined;
  }
  const came = account.id ? `account ${account.id}` : 'an account without an id';
  ctx.log.warn(`Refreshing account ${target.accountId}: ISC answered with ${came} instead (${describeAnswer(account)}); the row keeps what it showed before.`);
  const problem = `ISC answered the request for account ${target.accountId} with ${came}${account.name ? ` ("${account.name}")` : ''}.`;
  for (const row of rows) row.markWrongAnswer(problem);
  return problem;
}

export async function refreshAccountRow(ctx: CommandContext, target: AccountTarget): Promise<void> {
  const rows = rowsOf(ctx, target);
  try {
    const client = await ctx.clients.forTenant(target.tenantId);
    const account = await client.getAccount(target.accountId);
    if (showReadAccount(ctx, target, account) === undefined) await refreshIdentityMembers(ctx, target.tenantId, account);
  } catch (error) {
    if (error instanceof IscError && error.status === 404 && rows.length > 0) {
      await Promise.all([...new Set(rows.map((row) => row.parent))].map((list) => refreshSourceRows(ctx, list)));
      return;
    }
    ctx.log.warn(`Could not refresh account ${target.accountId} after the action: ${String(error)}`);
  }
}

/** What came back, for the log: enough to recognise the account, none of its attributes. */
function describeAnswer(account: Account): string {
  const { id, name, nativeIdentity, sourceId, sourceName } = account;
  return JSON.stringify({ id, name, nativeIdentity, sourceId, sourceName });
}

/**
 * Refresh from the tree: an account row reads its account again (one GET) and its
 * entitlements from the first page; any other node reloads its subtree; none, the whole tree.
 */
export async function refreshTreeNode(ctx: CommandContext, node: ExplorerNode | undefined): Promise<void> {
  if (node instanceof AccountNode) await refreshAccountRow(ctx, { tenantId: node.tenantId, accountId: node.accountId, node });
  ctx.explorer.refresh(node);
}

export async function refreshSourceRows(ctx: CommandContext, source: AccountParent | undefined): Promise<void> {
  if (!source) return;
  try {
    await source.reloadInPlace();
  } catch (error) {
    ctx.log.warn(`Could not refresh the accounts of ${source.id}: ${String(error)}`);
    ctx.explorer.refresh(source);
  }
}

/** A pinned identity that gained or lost the account (reassigned, uncorrelated) lists its accounts again. */
async function refreshIdentityMembers(ctx: CommandContext, tenantId: string, account: Account): Promise<void> {
  const owner = account.uncorrelated ? undefined : (account.identityId ?? account.identity?.id);
  const stale = (ctx.explorer.tenantNodeById(tenantId)?.identityNodes() ?? []).filter(
    (identity) => (identity.findAccount(account.id ?? '') !== undefined) !== (identity.identityId === owner && identity.isLoaded),
  );
  await Promise.all(stale.map((identity) => refreshSourceRows(ctx, identity)));
}

/** The source rows an action on these accounts touched (for bulk work and deletes). */
export function sourcesOf(ctx: CommandContext, targets: AccountTarget[]): AccountParent[] {
  const sources = new Set<AccountParent>();
  for (const target of targets) {
    const rows = rowsOf(ctx, target);
    for (const row of rows) sources.add(row.parent);
    const known = rowOfTarget(target);
    if (rows.length === 0 && known) {
      const source = ctx.explorer.sourceNode(target.tenantId, known.sourceId);
      if (source) sources.add(source);
    }
  }
  return [...sources];
}

/** Rows of accounts whose change may have been applied say so ("may have been disabled"). */
export function showUnconfirmed(ctx: CommandContext, report: ChangeReport, past: string): void {
  for (const result of report.results) {
    if (result.outcome !== 'unknown' || !result.accountId) continue;
    for (const row of rowsOf(ctx, { tenantId: result.tenantId, accountId: result.accountId })) row.markUnconfirmed(`may have been ${past}`);
  }
}
