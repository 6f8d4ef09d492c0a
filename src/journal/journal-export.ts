// Export Activity: the entries as JSON Lines (one entry a line, whole), or as CSV (one row an
// item, so a bulk run of 800 accounts is 800 rows a spreadsheet can filter). What is exported
// is what the journal holds, so it is already redacted. No vscode here.
import { bodySent } from './change-spec';
import { toCsv, type CsvValue } from '../formats/csv';
import type { JournalEntry, JournalItem } from './entry';

export function entriesToJsonLines(entries: readonly JournalEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

type Row = { entry: JournalEntry; item: JournalItem };

const json = (value: unknown): CsvValue => (value === undefined ? undefined : JSON.stringify(value));

const COLUMNS: ReadonlyArray<{ header: string; value: (row: Row) => CsvValue }> = [
  { header: 'entryId', value: ({ entry }) => entry.id },
  { header: 'created', value: ({ entry }) => entry.created },
  { header: 'updated', value: ({ item }) => item.updated },
  { header: 'tenantId', value: ({ entry }) => entry.tenantId },
  { header: 'title', value: ({ entry }) => entry.title },
  { header: 'action', value: ({ entry }) => entry.action },
  { header: 'item', value: ({ item }) => item.index },
  { header: 'state', value: ({ item }) => item.state },
  { header: 'accountId', value: ({ item }) => item.target.accountId ?? ('accountId' in item.spec ? item.spec.accountId : undefined) },
  { header: 'accountName', value: ({ item }) => item.target.accountName ?? item.target.label },
  { header: 'sourceId', value: ({ item }) => item.target.sourceId ?? (item.spec.kind === 'remove-all' ? item.spec.sourceId : undefined) },
  { header: 'sourceName', value: ({ item }) => item.target.sourceName },
  { header: 'identityId', value: ({ item }) => item.target.identityId ?? (item.spec.kind === 'idn' ? item.spec.identityId : undefined) },
  { header: 'identityName', value: ({ item }) => item.target.identityName },
  { header: 'taskId', value: ({ item }) => item.taskId ?? item.outcome?.taskId },
  { header: 'taskStatus', value: ({ item }) => (item.outcome?.evidence.kind === 'task' ? item.outcome.evidence.completionStatus : undefined) },
  { header: 'evidence', value: ({ item }) => item.outcome?.evidence.kind },
  { header: 'reason', value: ({ item }) => item.outcome?.reason },
  { header: 'trackingId', value: ({ item }) => item.outcome?.trackingId },
  { header: 'sentAt', value: ({ item }) => item.sentAt },
  { header: 'body', value: ({ item }) => json(bodySent(item.spec)) },
];

export function entriesToCsv(entries: readonly JournalEntry[]): string {
  return toCsv(COLUMNS, entries.flatMap((entry) => entry.items.map((item) => ({ entry, item }))));
}
