// The rows an IDN toggle touches: each identity's IDN account as the IdentityNow source and
// pinned identities show it. ISC takes a toggle with 202 and applies it in a task a moment
// later, so after an accepted toggle the rows stay pending and are read back until they show
// the new state (for a bounded time), then redrawn; the command does not wait for that.
import { settleByReadBack } from '../isc/read-back';
import type { AccountNode, AccountParent } from '../tree/account-node';
import { readBackWindow } from './change-run';
import type { CommandContext } from './context';
import { refreshSourceRows } from './tree-refresh';

/** More IDN accounts than this are not read back one by one: their lists are read again once. */
const READ_BACK_MAX_ACCOUNTS = 25;
const READ_BACK_MAX_MS = 60_000;

/** The loaded rows of these identities' IDN accounts (in the IdentityNow source and in pinned identities). */
export function idnRowsOf(ctx: CommandContext, tenantId: string, identityIds: readonly string[]): AccountNode[] {
  const ids = new Set(identityIds);
  return ctx.explorer.loadedAccountNodes(tenantId).filter((node) => node.idn && ids.has(node.row.identityId ?? node.row.identity?.id ?? ''));
}

function pinnedOf(ctx: CommandContext, tenantId: string, identityIds: readonly string[]) {
  return (ctx.explorer.tenantNodeById(tenantId)?.identityNodes() ?? []).filter((node) => identityIds.includes(node.identityId));
}

/** The IDN rows of these identities say pending (their pinned identities too) until the returned function is called. */
export function markIdnPending(ctx: CommandContext, tenantId: string, identityIds: readonly string[]): () => void {
  const pinned = pinnedOf(ctx, tenantId, identityIds);
  const done = idnRowsOf(ctx, tenantId, identityIds).map((row) => row.beginPending());
  for (const node of pinned) ctx.explorer.changed(node);
  return () => {
    for (const finish of done) finish();
    for (const node of pinned) ctx.explorer.changed(node);
  };
}

/** Waits (bounded) until the accepted toggles show on the IDN accounts, then reads the lists showing them again. */
export async function followIdnToggle(
  ctx: CommandContext,
  tenantId: string,
  toggle: 'enable' | 'disable',
  identityIds: readonly string[],
  accepted: readonly string[],
): Promise<void> {
  const client = await ctx.clients.forTenant(tenantId);
  const accounts = [...new Set(idnRowsOf(ctx, tenantId, accepted).map((row) => row.accountId))];
  if (accounts.length <= READ_BACK_MAX_ACCOUNTS) {
    const window = { windowMs: Math.min(readBackWindow(ctx).windowMs, READ_BACK_MAX_MS), firstIntervalMs: 200, maxIntervalMs: 5_000 };
    const stillUnknown = { outcome: 'unknown' as const, evidence: { kind: 'none' as const, detail: 'reading back' } };
    await Promise.all(
      accounts.map((accountId) =>
        settleByReadBack(
          { what: 'the IDN account', read: async (signal) => ((await client.getAccount(accountId, { signal })).disabled === (toggle === 'disable') ? 'applied' : 'not-yet') },
          stillUnknown,
          window,
        ),
      ),
    );
  }
  const lists = new Set<AccountParent>(idnRowsOf(ctx, tenantId, identityIds).map((row) => row.parent));
  for (const node of pinnedOf(ctx, tenantId, identityIds)) lists.add(node);
  await Promise.all([...lists].map((list) => refreshSourceRows(ctx, list)));
}
