// The standard collection parameters (limit, offset, count, filters, sorters), checked before
// anything is sent: a wrong limit is the caller's mistake, not something to learn from ISC.
import type { CollectionOptions, ListAccountsOptions } from './api';
import { invalidRequest } from './errors';

export const MAX_PAGE_SIZE = 250;

export function checkLimit(limit: number | undefined, what = 'limit'): number {
  const value = limit ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw invalidRequest(`The ${what} must be a whole number from 1 to ${MAX_PAGE_SIZE} (ISC's maximum page size); got ${limit}.`);
  }
  return value;
}

export function checkOffset(offset: number | undefined): number {
  const value = offset ?? 0;
  if (!Number.isInteger(value) || value < 0) throw invalidRequest(`The offset must be a whole number of 0 or more; got ${offset}.`);
  return value;
}

/** `['name', '-modified']` or `'name, -modified'` → `name,-modified`; undefined when empty. */
export function sortersParam(sorters: string | string[] | undefined): string | undefined {
  if (sorters === undefined) return undefined;
  const list = (Array.isArray(sorters) ? sorters : sorters.split(',')).map((s) => s.trim()).filter(Boolean);
  return list.length > 0 ? list.join(',') : undefined;
}

export interface CollectionQuery {
  params: URLSearchParams;
  limit: number;
  offset: number;
}

export function collectionQuery(options: CollectionOptions & Pick<ListAccountsOptions, 'detailLevel'> = {}): CollectionQuery {
  const limit = checkLimit(options.limit);
  const offset = checkOffset(options.offset);
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (options.count) params.set('count', 'true');
  const filters = options.filters?.trim();
  if (filters) params.set('filters', filters);
  const sorters = sortersParam(options.sorters);
  if (sorters) params.set('sorters', sorters);
  if (options.detailLevel !== undefined) {
    if (options.detailLevel !== 'SLIM' && options.detailLevel !== 'FULL') {
      throw invalidRequest(`The detail level must be SLIM or FULL; got ${String(options.detailLevel)}.`);
    }
    params.set('detailLevel', options.detailLevel);
  }
  return { params, limit, offset };
}
