// Quick picks the palette flows share: tenant → source → account (searched as you type),
// and identities. A person never has to type a raw id where a pick is possible.
import type { Source } from '../isc/models';
import type { Tenant } from '../tenants/tenant-store';
import { accountLabel, accountStates } from '../tree/account-presentation';
import type { AccountRow } from '../tree/account-row';
import { quoteFilterString } from '../isc/filters';
import { isFlatFileSource, isIdentityNowSource } from '../isc/source-kind';
import { CancelledError } from '../ui/error-text';
import type { PickItem } from '../ui/prompt-types';
import type { CommandContext } from './context';
import { findAccounts } from './find-query';

const SEARCH_LIMIT = 50;

/** The value, or a silent end of the command when the user backed out. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new CancelledError();
  return value;
}

export async function pickTenant(ctx: CommandContext, title: string): Promise<Tenant> {
  const tenants = ctx.tenants.list();
  if (tenants.length === 0) {
    throw new Error('No ISC tenant is configured yet: run "ISC: Add Tenant" or "ISC: Connect to Sandbox Tenant" first.');
  }
  if (tenants.length === 1) return tenants[0];
  const items = tenants.map((tenant) => ({ label: tenant.label, description: tenant.baseUrl, value: tenant }));
  return required(await ctx.ui.pick({ title, placeHolder: 'Which tenant?', items })).value;
}

/** The sources the tree shows: its loaded list, or one fetch that the tree then shows too. */
export async function listAllSources(ctx: CommandContext, tenantId: string): Promise<readonly Source[]> {
  const tenant = ctx.explorer.tenantNodeById(tenantId);
  if (!tenant) throw new Error(`No tenant with id "${tenantId}" is configured: add it with "ISC: Add Tenant" first.`);
  return tenant.loadSources();
}

export async function pickSource(
  ctx: CommandContext,
  tenantId: string,
  title: string,
  options: { flatFileOnly?: boolean } = {},
): Promise<Source> {
  const items = listAllSources(ctx, tenantId).then((sources) => {
    const eligible = options.flatFileOnly ? sources.filter(isFlatFileSource) : sources;
    if (eligible.length === 0) {
      throw new Error(options.flatFileOnly ? 'This tenant has no flat-file (DelimitedFile) source.' : 'This tenant has no sources.');
    }
    return eligible.map((source) => ({
      label: source.name,
      description: [source.type ?? source.connector, isFlatFileSource(source) ? 'flat file' : ''].filter(Boolean).join(' · '),
      value: source,
    }));
  });
  return required(await ctx.ui.pick({ title, placeHolder: 'Which source?', items })).value;
}

export function accountPickItem(account: AccountRow): PickItem<AccountRow> {
  const states = accountStates({ account, flatFile: false, pending: false }).join(', ');
  return {
    label: accountLabel(account),
    description: [account.sourceName ?? account.sourceId, states].filter(Boolean).join(' · '),
    // The identity first: a native identity (a DN) is often too long for the row.
    detail: [
      account.identity?.name ? `identity: ${account.identity.name}` : '',
      `native identity: ${account.nativeIdentity}`,
    ]
      .filter(Boolean)
      .join(' · '),
    value: account,
  };
}

export const FIND_ACCOUNT_PLACEHOLDER = 'Type the start of a name, native identity or identity name, or an account id';

/** Accounts found by what is typed (find-query.ts), in the tenant or one source. */
export async function searchAccount(
  ctx: CommandContext,
  tenantId: string,
  title: string,
  sourceId?: string,
): Promise<AccountRow> {
  const client = await ctx.clients.forTenant(tenantId);
  const chosen = await ctx.ui.search<AccountRow>({
    title,
    placeHolder: FIND_ACCOUNT_PLACEHOLDER,
    search: async (text, signal) => (await findAccounts(client, text, { sourceId, signal })).map(accountPickItem),
  });
  return required(chosen).value;
}

export interface IdentityChoice {
  id: string;
  name: string;
}

/**
 * Where every identity has one account: the IdentityNow source (the tree lists it, with
 * includeIDNSource), else an authoritative source; else all accounts.
 */
async function identitySource(ctx: CommandContext, tenantId: string): Promise<Source | undefined> {
  const sources = await listAllSources(ctx, tenantId);
  return (
    sources.find(isIdentityNowSource) ??
    sources.find((s) => s.authoritative)
  );
}

/** Identities found by name through accounts (`identity.name sw "…"`), one row per identity. */
export async function searchIdentity(ctx: CommandContext, tenantId: string, title: string): Promise<IdentityChoice> {
  const client = await ctx.clients.forTenant(tenantId);
  const source = await identitySource(ctx, tenantId);
  const chosen = await ctx.ui.search<IdentityChoice>({
    title,
    placeHolder: 'Type the start of the identity name',
    search: async (text, signal) => {
      const filters = source?.id ? [`sourceId eq ${quoteFilterString(source.id)}`] : [];
      if (text.trim()) filters.push(`identity.name sw ${quoteFilterString(text.trim())}`);
      const page = await client.listAccounts({
        filters: filters.length ? filters.join(' and ') : undefined,
        limit: SEARCH_LIMIT,
        sorters: 'identity.name',
        detailLevel: 'SLIM',
        signal,
      });
      const seen = new Set<string>();
      const items: PickItem<IdentityChoice>[] = [];
      for (const account of page.items) {
        const id = account.identityId ?? account.identity?.id;
        if (!id || seen.has(id)) continue;
        seen.add(id);
        const name = account.identity?.name ?? accountLabel(account);
        items.push({ label: name, description: account.nativeIdentity, detail: `identity id ${id}`, value: { id, name } });
      }
      return items;
    },
  });
  return required(chosen).value;
}
