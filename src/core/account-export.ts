// Export Accounts: a source's accounts (its filter and sort) or chosen accounts, streamed into
// a file as CSV or JSON Lines. Each page is written as it arrives and the next is read only when
// the file has taken it, so memory holds a few pages whatever the count. A page's bytes become
// rows in the reader (the export's worker thread, export-rows-worker.ts): this thread only
// moves bytes. The client paces the requests (its rate limiter); the signal cancels. A
// selection is read with `id in (…)` list requests, a chunk of ids at a time, rather than one
// GET per account. No vscode here.
import { accountFilter } from '../isc/filters';
import type { IscApi, ListPageReader } from '../isc/api';
import { accountCsvHeader } from './account-csv';
import { ExportFile, type PartialFile } from './export-file';
import { ExportClock, type ExportProgress, type Pace } from './export-progress';
import type { ExportFormat, ExportRows, ExportRowsSpec } from './export-rows';
import type { ExportRowsReader } from './export-rows-worker';

export type { ExportFormat } from './export-rows';

export type ExportScope =
  /** The accounts a list request returns: e.g. a source's, with the tree's filter and sort. */
  | { kind: 'query'; filters: string; sorters?: string }
  /** These accounts, in this order. */
  | { kind: 'ids'; ids: readonly string[] };

export interface ExportRequest {
  scope: ExportScope;
  format: ExportFormat;
  /** CSV only: the attribute columns after the account fields. */
  attributes?: readonly string[];
  file: string;
  /** Makes each page into rows: the export's worker thread. */
  rows: ExportRowsReader;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** The client's pacing, for the time-left estimate. */
  pace?: Pace;
}

export interface ExportResult {
  file: string;
  format: ExportFormat;
  rows: number;
  /** How many there were to export: the list's count, or the ids asked for. */
  total: number | undefined;
  /** The export ran to its end and, for a selection, found every account. */
  complete: boolean;
  cancelled: boolean;
  /** Ids asked for that ISC no longer has. */
  missing: string[];
  /** A cancelled export's file: removed, or where it was left. */
  partial?: PartialFile;
}

/** An export that failed part way; `cause` is what failed, `partial` what became of its file. */
export class ExportStoppedError extends Error {
  override name = 'ExportStoppedError';
  constructor(
    override readonly cause: unknown,
    readonly partial: PartialFile,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export const PAGE_SIZE = 250;
/** Ids per `id in (…)` request: short enough for any URL length limit (about 2 KB of query). */
export const ID_CHUNK = 50;

async function* selectedRows(client: IscApi, ids: readonly string[], read: (spec: ExportRowsSpec) => ListPageReader<ExportRows>, spec: ExportRowsSpec, signal?: AbortSignal): AsyncGenerator<ExportRows> {
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const chunk = ids.slice(start, start + ID_CHUNK);
    const page = await client.readAccountPage({ filters: accountFilter.in('id', chunk), limit: chunk.length, signal }, read({ ...spec, order: chunk }));
    yield page.value;
  }
}

async function* queriedRows(client: IscApi, scope: Extract<ExportScope, { kind: 'query' }>, reader: ListPageReader<ExportRows>, onTotal: (total: number | undefined) => void, signal?: AbortSignal): AsyncGenerator<ExportRows> {
  let first = true;
  for await (const page of client.readAccountPages({ filters: scope.filters, sorters: scope.sorters, pageSize: PAGE_SIZE, signal }, reader)) {
    if (first) onTotal(page.totalCount);
    first = false;
    yield page.value;
  }
}

export async function exportAccounts(client: IscApi, request: ExportRequest): Promise<ExportResult> {
  const { scope, signal } = request;
  const ids = scope.kind === 'ids' ? [...new Set(scope.ids)] : [];
  const missing: string[] = [];
  const clock = new ExportClock(request.pace, PAGE_SIZE, scope.kind === 'ids' ? ids.length : undefined);
  const file = await ExportFile.open(request.file);
  let rows = 0;
  try {
    const spec: ExportRowsSpec = { format: request.format, attributes: request.attributes ?? [] };
    if (request.format === 'csv') await file.write(accountCsvHeader(spec.attributes));
    const read = (pageSpec: ExportRowsSpec): ListPageReader<ExportRows> => (bytes) => request.rows.read(bytes, pageSpec);
    const batches = scope.kind === 'ids' ? selectedRows(client, ids, read, spec, signal) : queriedRows(client, scope, read(spec), (total) => clock.setTotal(total), signal);
    for await (const batch of batches) {
      // A page is the unit that waits for the disk.
      await file.write(batch.text);
      rows += batch.rows;
      missing.push(...batch.missing);
      request.onProgress?.(clock.progress(rows));
    }
    if (signal?.aborted) throw signal.reason;
    await file.commit();
  } catch (error) {
    const partial = await file.abandon();
    if (!signal?.aborted) throw new ExportStoppedError(error, partial);
    return { file: request.file, format: request.format, rows, total: clock.total, complete: false, cancelled: true, missing, partial };
  }
  return { file: request.file, format: request.format, rows, total: clock.total, complete: missing.length === 0, cancelled: false, missing };
}
