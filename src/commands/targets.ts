// What a command acts on, from whatever it was given: a tree node, the selected nodes (the
// second argument of a tree context command), an account id, `{tenantId, accountId}`, or
// nothing (the palette), in which case it asks with quick picks.
import type { Account, Source } from '../isc/models';
import { targetOfAccount, type JournalTarget } from '../journal';
import type { Tenant } from '../tenants/tenant-store';
import { AccountNode } from '../tree/account-node';
import { accountLabel } from '../tree/account-presentation';
import type { AccountRow } from '../tree/account-row';
import { readFullAccount } from '../tree/full-account';
import { isFlatFileSource } from '../isc/source-kind';
import { SourceNode } from '../tree/source-node';
import { TenantNode } from '../tree/tenant-node';
import type { CommandContext } from './context';
import { pickSource, pickTenant, searchAccount } from './pickers';

export interface AccountRef {
  tenantId: string;
  accountId: string;
}

export interface AccountTarget extends AccountRef {
  node?: AccountNode;
  /** The full account, once read (accountOfTarget). */
  account?: Account;
  /** What a listing showed of it (a Find result), when there is no row. */
  row?: AccountRow;
}

export interface SourceTarget {
  tenantId: string;
  source: Source;
  node?: SourceNode;
}

export function isAccountRef(value: unknown): value is AccountRef {
  if (!value || typeof value !== 'object') return false;
  const ref = value as Record<string, unknown>;
  return typeof ref.tenantId === 'string' && typeof ref.accountId === 'string';
}

/** What is known of the account without another request: its row's data, else what was read or listed. */
export function rowOfTarget(target: AccountTarget): AccountRow | undefined {
  return target.node?.row ?? target.account ?? target.row;
}

export function targetLabel(target: AccountTarget): string {
  const account = rowOfTarget(target);
  return account ? accountLabel(account) : target.accountId;
}

/** What the journal keeps of the account: its names, as far as the command has read it. */
export function accountJournalTarget(target: AccountTarget, account = rowOfTarget(target)): JournalTarget {
  return account ? targetOfAccount(account) : {};
}

function fromNode(node: AccountNode): AccountTarget {
  return { tenantId: node.tenantId, accountId: node.accountId, node };
}

/** Targets given as arguments, without asking; [] when none were given. */
async function givenAccounts(ctx: CommandContext, args: unknown[], title: string): Promise<AccountTarget[]> {
  const [first, second] = args;
  if (Array.isArray(second) && second.length > 0 && (first === undefined || second.includes(first))) {
    // A tree selection may mix sources and accounts: the accounts are what was meant.
    const selected = second.filter((node): node is AccountNode => node instanceof AccountNode);
    if (selected.length > 0) return selected.map(fromNode);
  }
  const values = Array.isArray(first) ? first : first === undefined ? [] : [first];
  const targets: AccountTarget[] = [];
  let tenantForIds: string | undefined;
  for (const value of values) {
    if (value instanceof AccountNode) targets.push(fromNode(value));
    else if (isAccountRef(value)) targets.push({ tenantId: value.tenantId, accountId: value.accountId });
    else if (typeof value === 'string' && value.trim()) {
      tenantForIds ??= (await pickTenant(ctx, title)).id;
      targets.push({ tenantId: tenantForIds, accountId: value.trim() });
    } else {
      throw new Error(`${title}: expected an account (a tree node, an account id or {tenantId, accountId}), got ${describeArg(value)}.`);
    }
  }
  return targets;
}

/** One or more accounts (bulk-capable commands). */
export async function resolveAccountTargets(ctx: CommandContext, args: unknown[], title: string): Promise<AccountTarget[]> {
  const given = await givenAccounts(ctx, args, title);
  if (given.length > 0) return given;
  return [await askForAccount(ctx, title)];
}

/** Exactly one account: the clicked one when several are selected. */
export async function resolveAccountTarget(ctx: CommandContext, args: unknown[], title: string): Promise<AccountTarget> {
  const [first] = args;
  const given = await givenAccounts(ctx, first === undefined ? [] : [first], title);
  return given[0] ?? askForAccount(ctx, title);
}

async function askForAccount(ctx: CommandContext, title: string): Promise<AccountTarget> {
  const tenant = await pickTenant(ctx, title);
  const source = await pickSource(ctx, tenant.id, title);
  const row = await searchAccount(ctx, tenant.id, title, source.id);
  const node = ctx.explorer.accountNode(tenant.id, row.id ?? '', row.sourceId);
  return { tenantId: tenant.id, accountId: row.id ?? '', row, node };
}

/**
 * The full account (attributes and all), read once: through its row when the tree has one (the
 * row keeps it for the tooltip and later actions), else by id. `fresh` reads it again.
 */
export async function accountOfTarget(ctx: CommandContext, target: AccountTarget, fresh = false): Promise<Account> {
  if (!fresh && target.account) return target.account;
  const account = target.node
    ? await target.node.fullAccount(fresh)
    : await readFullAccount(await ctx.clients.forTenant(target.tenantId), target.accountId);
  target.account = account;
  return account;
}

export async function resolveSourceTarget(
  ctx: CommandContext,
  args: unknown[],
  title: string,
  options: { flatFileOnly?: boolean } = {},
): Promise<SourceTarget> {
  const [first] = args;
  if (first instanceof SourceNode) return { tenantId: first.tenantId, source: first.source, node: first };
  if (first && typeof first === 'object' && typeof (first as Record<string, unknown>).sourceId === 'string') {
    const { tenantId, sourceId } = first as { tenantId?: unknown; sourceId: string };
    const tenant = typeof tenantId === 'string' ? tenantId : (await pickTenant(ctx, title)).id;
    const source = await (await ctx.clients.forTenant(tenant)).getSource(sourceId);
    return { tenantId: tenant, source, node: ctx.explorer.sourceNode(tenant, sourceId) };
  }
  if (first !== undefined) throw new Error(`${title}: expected a source (a tree node or {tenantId, sourceId}), got ${describeArg(first)}.`);
  const tenant = await pickTenant(ctx, title);
  const source = await pickSource(ctx, tenant.id, title, options);
  return { tenantId: tenant.id, source, node: ctx.explorer.sourceNode(tenant.id, source.id ?? '') };
}

/** A tenant node, a tenant id, anything carrying a `tenantId` (a source or account node), or a pick. */
export async function resolveTenantTarget(ctx: CommandContext, args: unknown[], title: string): Promise<Tenant> {
  const [first] = args;
  if (first instanceof TenantNode) return first.tenant;
  const id =
    typeof first === 'string' ? first : first && typeof first === 'object' ? (first as { tenantId?: unknown }).tenantId : undefined;
  if (typeof id === 'string') {
    const tenant = ctx.tenants.get(id);
    if (!tenant) throw new Error(`${title}: no tenant has the id "${id}".`);
    return tenant;
  }
  if (first !== undefined) throw new Error(`${title}: expected a tenant (a tree node or a tenant id), got ${describeArg(first)}.`);
  return pickTenant(ctx, title);
}

function describeArg(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object with ${Object.keys(value as object).join(', ') || 'no keys'}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Delete, PUT and attribute edits work only on flat-file accounts. Menus offer them only
 * there, but a script or the palette can ask for any account, so the handler checks again.
 */
export async function requireFlatFileAccount(ctx: CommandContext, target: AccountTarget, action: string): Promise<Source> {
  const source = await sourceOfTarget(ctx, target);
  if (!isFlatFileSource(source)) {
    throw new Error(
      `${action} works only on accounts of flat-file (DelimitedFile) sources; "${targetLabel(target)}" belongs to "${source.name}" (${source.type ?? source.connector}).`,
    );
  }
  return source;
}

/**
 * What a command that needs no attributes (names, flags, owner) acts on: the row's data, or the
 * account read by id when a script gave only its id.
 */
export async function accountRowOfTarget(ctx: CommandContext, target: AccountTarget): Promise<AccountRow> {
  return rowOfTarget(target) ?? (await accountOfTarget(ctx, target));
}

/** The account's source: the tree's, or fetched. */
export async function sourceOfTarget(ctx: CommandContext, target: AccountTarget): Promise<Source> {
  const account = await accountRowOfTarget(ctx, target);
  return (
    target.node?.source ??
    ctx.explorer.sourceNode(target.tenantId, account.sourceId)?.source ??
    (await (await ctx.clients.forTenant(target.tenantId)).getSource(account.sourceId))
  );
}
