// How a source and its paging look in the tree, and the filter its account list sends;
// decided without VS Code and tested in plain Node.
import { accountFilter } from '../isc/filters';
import type { Source } from '../isc/models';
import { isFlatFileSource, isIdentityNowSource } from '../isc/source-kind';

/** `source[:flatfile|:idn][:filtered]` */
export function sourceContextValue(source: Source, filtered: boolean): string {
  const kind = isFlatFileSource(source) ? 'flatfile' : isIdentityNowSource(source) ? 'idn' : '';
  return ['source', kind, filtered ? 'filtered' : ''].filter(Boolean).join(':');
}

/** A codicon per kind of source: the IdentityNow source holds the identities' own accounts. */
export function sourceIcon(source: Source): string {
  if (isFlatFileSource(source)) return 'file';
  return isIdentityNowSource(source) ? 'organization' : 'database';
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(value: number, one: string, many: string): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}

export interface SourceCounts {
  /** All accounts of the source (the background count), if known. */
  total?: number;
  /** Accounts matching the filter, once the filtered list was loaded. */
  matching?: number;
  counting?: boolean;
}

export function sourceDescription(source: Source, filter: string | undefined, counts: SourceCounts): string {
  const parts = [source.type || source.connectorName || source.connector];
  if (isFlatFileSource(source)) parts.push('flat file');
  if (counts.total !== undefined) parts.push(plural(counts.total, 'account', 'accounts'));
  else if (counts.counting) parts.push('counting…');
  if (filter) {
    const matching = counts.matching === undefined ? '' : `${formatCount(counts.matching)} match `;
    parts.push(`${matching}filter: ${filter}`);
  }
  return parts.filter(Boolean).join(' · ');
}

/** "Loaded 250 of 25,000 — load 250 more"; without a total, only what is loaded. */
export function loadMoreLabel(loaded: number, total: number | undefined, pageSize: number): string {
  if (total === undefined) return `Loaded ${formatCount(loaded)} — load ${formatCount(pageSize)} more`;
  const next = Math.min(pageSize, Math.max(0, total - loaded));
  return `Loaded ${formatCount(loaded)} of ${formatCount(total)} — load ${formatCount(next)} more`;
}

/** The filter a source's account list sends: its own id, and the user's (validated) filter if any. */
export function sourceAccountsFilter(sourceId: string, userFilter: string | undefined): string {
  const own = accountFilter.eq('sourceId', sourceId);
  const extra = userFilter?.trim();
  return extra ? accountFilter.and(own, extra) : own;
}
