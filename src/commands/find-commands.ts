// Find Account, across the tenant or in one source, by name, native identity, identity name
// or account id (find-query.ts). The chosen account is revealed when the tree has it loaded,
// else its JSON is shown; a correlated result's button shows its identity's accounts instead.
import * as vscode from 'vscode';
import type { Tenant } from '../tenants/tenant-store';
import type { AccountRow } from '../tree/account-row';
import type { SearchItem } from '../ui/prompt-types';
import type { CommandContext, CommandGroup } from './context';
import { findAccounts } from './find-query';
import { revealWithRetry } from './reveal';
import { FIND_ACCOUNT_PLACEHOLDER, accountPickItem, required } from './pickers';
import { resolveSourceTarget, resolveTenantTarget } from './targets';

export const SHOW_IDENTITY_ACCOUNTS_COMMAND = 'iscAccounts.account.showIdentityAccounts';
/** The tooltip of a Find result's button, which scripts name to press it. */
export const SHOW_IDENTITY_ACCOUNTS_ACTION = 'Show Accounts of Identity';

interface FindChoice {
  account: AccountRow;
  show: 'account' | 'identity';
}

function findItem(account: AccountRow): SearchItem<FindChoice> {
  const identityId = account.uncorrelated ? undefined : (account.identityId ?? account.identity?.id);
  return {
    ...accountPickItem(account),
    value: { account, show: 'account' },
    actions: identityId
      ? [{ icon: 'person', tooltip: SHOW_IDENTITY_ACCOUNTS_ACTION, value: { account, show: 'identity' } }]
      : undefined,
  };
}

async function showFound(ctx: CommandContext, tenant: Tenant, account: AccountRow): Promise<unknown> {
  const accountId = account.id ?? '';
  const node = ctx.explorer.accountNode(tenant.id, accountId, account.sourceId);
  if (node && (await revealWithRetry(ctx, node))) return node;
  // Not on a loaded page: rather than load pages until it shows up, show what ISC has.
  return ctx.documents.showAccount(tenant.id, tenant.label, accountId, account.name ?? accountId);
}

async function find(ctx: CommandContext, tenant: Tenant, title: string, sourceId?: string): Promise<unknown> {
  const client = await ctx.clients.forTenant(tenant.id);
  const chosen = required(
    await ctx.ui.search<FindChoice>({
      title,
      placeHolder: FIND_ACCOUNT_PLACEHOLDER,
      search: async (text, signal) => (await findAccounts(client, text, { sourceId, signal })).map(findItem),
    }),
  ).value;
  const { account } = chosen;
  if (chosen.show === 'account') return showFound(ctx, tenant, account);
  return vscode.commands.executeCommand(SHOW_IDENTITY_ACCOUNTS_COMMAND, {
    tenantId: tenant.id,
    identityId: account.identityId ?? account.identity?.id,
    identityName: account.identity?.name,
  });
}

async function findAccount(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const tenant = await resolveTenantTarget(ctx, args, 'Find Account');
  return find(ctx, tenant, `Find Account in ${tenant.label}`);
}

async function findInSource(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const target = await resolveSourceTarget(ctx, args, 'Find in This Source');
  const tenant = ctx.tenants.get(target.tenantId);
  const sourceId = target.source.id;
  if (!tenant || !sourceId) throw new Error(`Find in This Source: the source "${target.source.name}" is not in a configured tenant.`);
  return find(ctx, tenant, `Find Account in ${target.source.name}`, sourceId);
}

export const findCommands: CommandGroup = (ctx) => ({
  'iscAccounts.findAccount': (...args) => findAccount(ctx, args),
  'iscAccounts.source.findAccount': (...args) => findInSource(ctx, args),
});
