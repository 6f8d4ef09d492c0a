// Runs list-accounts queries fast on 100k accounts. The candidates come from an index when the
// filter pins `sourceId` or `id` at its top level; with no other condition and the default
// (id) order, a page is a slice of the per-source index. Other results are cached per
// (filters, sorters) until an account of the sources involved changes, so paging through a
// filtered or sorted list sorts once, not once per page.
import { parseSorters, sortRecords } from './collection-params';
import type { SortKey, SorterTable } from './collection-params';
import { compileFilter } from './filter-fields';
import type { CompiledFilter, FilterFieldTable } from './filter-fields';
import type { FilterNode } from './filter-parser';
import { accountFilterFields, accountSorters } from './account-fields';
import type { SandboxAccount } from '../state/records';
import type { SandboxTenant } from '../state/tenant';

const RESOURCE = '/accounts';
const CACHE_SIZE = 32;

interface CachedResult {
  version: string;
  accounts: readonly SandboxAccount[];
}

interface Candidates {
  /** In id order; computed only when the cache cannot answer. */
  accounts: () => readonly SandboxAccount[];
  /** Sources whose changes can change the result; null: any source. */
  sourceIds: string[] | null;
  /** True when the candidates are exactly the filter's result (nothing left to test). */
  exact: boolean;
  /** True when `accounts` is an index as it stands: no work, nothing worth caching. */
  direct: boolean;
}

export class AccountQueryEngine {
  private readonly fields: FilterFieldTable<SandboxAccount>;
  private readonly sorters: SorterTable<SandboxAccount>;
  private readonly cache = new Map<string, CachedResult>();

  constructor(private readonly tenant: SandboxTenant) {
    this.fields = accountFilterFields(tenant);
    this.sorters = accountSorters(tenant);
  }

  /** Throws ApiError 400 for a bad filter or sorter. The result is in the requested order. */
  run(filters: string | null, sortersText: string | null): readonly SandboxAccount[] {
    const filter = compileFilter(filters, this.fields, RESOURCE);
    const sorters = parseSorters(sortersText, this.sorters, RESOURCE);
    const candidates = this.candidates(filter?.node ?? null);
    const defaultOrder = sorters.length === 0 || (sorters.length === 1 && sorters[0].field === 'id' && !sorters[0].descending);
    if (candidates.exact && candidates.direct && defaultOrder) return candidates.accounts();

    const key = `${filters ?? ''}\u0000${sortersText ?? ''}`;
    const version = this.tenant.accountsVersion(candidates.sourceIds);
    const cached = this.cache.get(key);
    if (cached && cached.version === version) return cached.accounts;
    const accounts = this.evaluate(candidates, filter, defaultOrder ? [] : sorters);
    this.cache.delete(key);
    this.cache.set(key, { version, accounts });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return accounts;
  }

  private evaluate(candidates: Candidates, filter: CompiledFilter<SandboxAccount> | null, sorters: SortKey[]): SandboxAccount[] {
    const accounts = candidates.accounts();
    const matched = filter && !candidates.exact ? accounts.filter(filter.test) : accounts.slice();
    return sortRecords(matched, sorters, this.sorters);
  }

  /** Narrows the search with the indexes, from a top-level `sourceId`/`id` eq or in. */
  private candidates(node: FilterNode | null): Candidates {
    const all: Candidates = { accounts: () => this.tenant.allAccounts(), sourceIds: null, exact: node === null, direct: true };
    if (node === null) return all;
    const conjuncts = node.kind === 'and' ? node.operands : [node];
    for (const term of conjuncts) {
      if (term.kind !== 'condition' || (term.operator !== 'eq' && term.operator !== 'in')) continue;
      const values = term.values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
      if (term.field === 'sourceId') {
        const sourceIds = [...new Set(values)].filter((id) => this.tenant.source(id));
        const lists = () => sourceIds.map((id) => this.tenant.accountsOfSource(id));
        const exact = conjuncts.length === 1;
        if (sourceIds.length === 1) return { accounts: () => lists()[0], sourceIds, exact, direct: true };
        return { accounts: () => lists().flat().sort(byId), sourceIds, exact, direct: false };
      }
      if (term.field === 'id') {
        const accounts = [...new Set(values)]
          .map((id) => this.tenant.account(id))
          .filter((a): a is SandboxAccount => a !== undefined)
          .sort(byId);
        return { accounts: () => accounts, sourceIds: null, exact: false, direct: false };
      }
    }
    return all;
  }
}

function byId(a: SandboxAccount, b: SandboxAccount): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
