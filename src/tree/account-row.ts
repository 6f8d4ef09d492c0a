// What an account row keeps of a listed account: what its label, description, icon and
// contextValue show, and what menus and flag-only actions (enable, disable, unlock skip
// checks) decide on. Everything else, attributes above all, is read when needed
// (AccountNode.fullAccount). A copy, so the listed page, FULL or SLIM, can be collected.
// No vscode here.
import type { IscApi, ListAccountsOptions } from '../isc/api';
import type { FetchedPage } from './paged-list';

export interface AccountRow {
  id?: string;
  name?: string;
  nativeIdentity: string;
  sourceId: string;
  sourceName: string | null;
  /** A SLIM listing may omit `identity` and carry only this. */
  identityId?: string;
  identity?: { id?: string; name?: string };
  disabled: boolean;
  locked: boolean;
  uncorrelated: boolean;
  manuallyCorrelated: boolean;
  hasEntitlements: boolean;
}

/**
 * A listed (or read) account's row: a new object with only the row's fields. `shared` gives
 * the rows of one page one copy of the strings they repeat (source id and name).
 */
export function accountRow(account: AccountRow, shared = new Map<string, string>()): AccountRow {
  const { id, name, nativeIdentity, identityId, identity } = account;
  const once = (value: string): string => shared.get(value) ?? (shared.set(value, value), value);
  const row: AccountRow = {
    id,
    name,
    nativeIdentity,
    sourceId: once(account.sourceId),
    sourceName: typeof account.sourceName === 'string' ? once(account.sourceName) : account.sourceName,
    identityId,
    disabled: account.disabled,
    locked: account.locked,
    uncorrelated: account.uncorrelated,
    manuallyCorrelated: account.manuallyCorrelated,
    hasEntitlements: account.hasEntitlements,
  };
  // The reference's id is the identityId: one string for both.
  if (identity) row.identity = { id: identity.id === identityId ? identityId : identity.id, name: identity.name };
  return row;
}

/** One page of accounts as rows: listed SLIM (no attributes), and only the rows kept. */
export async function listAccountRows(client: Pick<IscApi, 'listAccounts'>, options: ListAccountsOptions): Promise<FetchedPage<AccountRow>> {
  const page = await client.listAccounts({ ...options, detailLevel: 'SLIM' });
  const shared = new Map<string, string>();
  return { items: page.items.map((account) => accountRow(account, shared)), totalCount: page.totalCount };
}
