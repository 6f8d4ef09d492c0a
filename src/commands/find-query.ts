// What Find Account asks ISC for what a person typed: one list-accounts request whose filter
// ORs every field they may mean (name, native identity, identity name, and the account id when
// the text has an id's shape), so a settled query costs one request however it is meant.
// No vscode here: the unit tests run it against the sandbox.
import type { IscApi } from '../isc/api';
import { accountFilter, type FilterExpression } from '../isc/filters';
import { listAccountRows, type AccountRow } from '../tree/account-row';

/** What one Find answers: a screenful; typing more narrows it. */
export const FIND_LIMIT = 50;

// ISC's ids are 32 hex digits; a few newer objects use dashed UUIDs.
const ID_SHAPE = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function looksLikeAccountId(text: string): boolean {
  return ID_SHAPE.test(text);
}

/** The conditions on what was typed; undefined for empty text. */
function textCondition(text: string): FilterExpression | undefined {
  const typed = text.trim();
  if (!typed) return undefined;
  // A pasted list of ids (from a report, a log): exactly those accounts.
  const tokens = typed.split(/[\s,;]+/).filter(Boolean);
  if (tokens.length > 1 && tokens.every(looksLikeAccountId)) {
    return accountFilter.or(accountFilter.in('id', tokens), accountFilter.in('nativeIdentity', tokens));
  }
  const conditions = [
    accountFilter.sw('name', typed),
    accountFilter.sw('nativeIdentity', typed),
    accountFilter.sw('identity.name', typed),
  ];
  if (looksLikeAccountId(typed)) conditions.push(accountFilter.eq('id', typed));
  return accountFilter.or(...conditions);
}

/**
 * The filter for `text`, within one source when `sourceId` is given; undefined when there is
 * nothing to ask (no text across the whole tenant: sorting every account of a tenant by name
 * to show the first screenful is expensive and says nothing).
 */
export function findAccountsFilter(text: string, sourceId?: string): FilterExpression | undefined {
  const typed = textCondition(text);
  if (!sourceId) return typed;
  const inSource = accountFilter.eq('sourceId', sourceId);
  return typed ? accountFilter.and(inSource, typed) : inSource;
}

export interface FindOptions {
  sourceId?: string;
  signal?: AbortSignal;
  limit?: number;
}

/**
 * The accounts matching `text`, sorted by name, in one SLIM request (a pick shows names, source,
 * state and owner); none, without a request, when there is nothing to ask.
 */
export async function findAccounts(client: Pick<IscApi, 'listAccounts'>, text: string, options: FindOptions = {}): Promise<AccountRow[]> {
  const filters = findAccountsFilter(text, options.sourceId);
  if (!filters) return [];
  const page = await listAccountRows(client, { filters, limit: options.limit ?? FIND_LIMIT, sorters: 'name', signal: options.signal });
  return page.items;
}
