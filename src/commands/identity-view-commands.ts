// Identities pinned in the explorer. "Show Accounts of Identity" pins one above its tenant's
// sources and reveals it: from a correlated account's row, a pinned identity, the palette (a
// tenant, then an identity searched by name), or `{tenantId, identityId, identityName?}` (how
// Find's results call it). Close unpins it.
import { AccountNode } from '../tree/account-node';
import { IdentityNode } from '../tree/identity-node';
import type { CommandContext, CommandGroup } from './context';
import { searchIdentity } from './pickers';
import { resolveTenantTarget } from './targets';
import { revealWithRetry } from './reveal';

const SHOW = 'Show Accounts of Identity';

export interface IdentityRef {
  tenantId: string;
  identityId: string;
  identityName?: string;
}

async function resolveIdentityRef(ctx: CommandContext, args: unknown[]): Promise<IdentityRef> {
  const [first] = args;
  if (first instanceof IdentityNode) return { tenantId: first.tenantId, identityId: first.identityId, identityName: first.name };
  if (first instanceof AccountNode) {
    const identityId = first.row.identityId ?? first.row.identity?.id;
    if (!identityId || first.row.uncorrelated) throw new Error(`${SHOW}: the account "${first.label}" is not correlated with an identity.`);
    return { tenantId: first.tenantId, identityId, identityName: first.row.identity?.name };
  }
  if (first && typeof first === 'object') {
    const { tenantId, identityId, identityName } = first as Record<string, unknown>;
    if (typeof identityId !== 'string' || identityId.trim() === '') {
      throw new Error(`${SHOW}: expected {tenantId, identityId, identityName?} with the identity's id; identityId is ${JSON.stringify(identityId) ?? 'missing'}.`);
    }
    const tenant = await resolveTenantTarget(ctx, [tenantId], SHOW);
    return { tenantId: tenant.id, identityId: identityId.trim(), identityName: typeof identityName === 'string' ? identityName : undefined };
  }
  if (first !== undefined) throw new Error(`${SHOW}: expected a correlated account, an identity or {tenantId, identityId, identityName?}.`);
  const tenant = await resolveTenantTarget(ctx, [], SHOW);
  const identity = await searchIdentity(ctx, tenant.id, SHOW);
  return { tenantId: tenant.id, identityId: identity.id, identityName: identity.name };
}

/** Pins the identity (once) above its tenant's sources, selects and expands it; returns its node. */
async function showIdentityAccounts(ctx: CommandContext, args: unknown[]): Promise<IdentityNode> {
  const ref = await resolveIdentityRef(ctx, args);
  const tenant = ctx.explorer.tenantNodeById(ref.tenantId);
  if (!tenant) throw new Error(`${SHOW}: no tenant has the id "${ref.tenantId}".`);
  const node = tenant.openIdentity(ref.identityId, ref.identityName);
  if (!(await revealWithRetry(ctx, node, true))) ctx.log.warn(`${SHOW}: ${node.name} is pinned under ${tenant.tenantLabel}, but could not be revealed.`);
  return node;
}

function closeIdentity(ctx: CommandContext, args: unknown[]): boolean {
  const [first] = args;
  if (!(first instanceof IdentityNode)) throw new Error('Close Identity: expected a pinned identity of the explorer.');
  return ctx.explorer.tenantNodeById(first.tenantId)?.closeIdentity(first.identityId) ?? false;
}

export const identityViewCommands: CommandGroup = (ctx) => ({
  'iscAccounts.account.showIdentityAccounts': (...args) => showIdentityAccounts(ctx, args),
  'iscAccounts.identity.close': (...args) => closeIdentity(ctx, args),
});
