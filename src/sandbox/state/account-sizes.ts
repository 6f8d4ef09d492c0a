// How big a tenant's account JSON is, per source: the distribution README "Realistic accounts"
// documents, measured on the bytes the list endpoint sends (FULL and SLIM), for the test that
// keeps it in range and for tools/sandbox-account-sizes.ts, which prints the README's table.
import type { DetailLevel } from '../../isc/models';
import type { SandboxTenant } from './tenant';

export interface SourceSizes {
  source: string;
  accounts: number;
  /** Attribute names per account, median. */
  attributes: number;
  /** FULL JSON of one account, in bytes. */
  median: number;
  p95: number;
  max: number;
  /** The first FULL page (up to 250 accounts in id order, as an unsorted list gives them), in bytes. */
  fullPage: number;
  /** The same page with detailLevel=SLIM. */
  slimPage: number;
}

export const PAGE_SIZE = 250;

/** Renders through the tenant's JSON cache, as GET /accounts does (so it fills that cache). */
export function accountSizes(tenant: SandboxTenant): SourceSizes[] {
  return tenant.sources().map((source) => {
    const accounts = tenant.accountsOfSource(source.id);
    const sizes = accounts.map((account) => tenant.accountJson.account(account, 'FULL').bytes.length).sort(ascending);
    const attributeCounts = accounts.map((account) => Object.keys(tenant.attributesOf(account)).length).sort(ascending);
    const firstPage = (detail: DetailLevel): number => tenant.accountJson.page(accounts.slice(0, PAGE_SIZE), detail).bytes.length;
    return {
      source: source.name,
      accounts: accounts.length,
      attributes: quantile(attributeCounts, 0.5),
      median: quantile(sizes, 0.5),
      p95: quantile(sizes, 0.95),
      max: sizes.at(-1) ?? 0,
      fullPage: firstPage('FULL'),
      slimPage: firstPage('SLIM'),
    };
  });
}

const ascending = (a: number, b: number): number => a - b;

/** Nearest-rank quantile of sorted numbers; 0 for none. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
