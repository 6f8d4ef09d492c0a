// The journal on disk is JSON Lines of small records, each an upsert: an entry's header, one
// item, or "cleared". Appending a record never rewrites what is there, so a crash can tear at
// most the line being written; reading skips a torn or foreign line and keeps the rest.
// Folding replays the records in time order into entries. No vscode here.
import type { JournalEntry, JournalItem } from './entry';

export type EntryHeader = Omit<JournalEntry, 'items'>;

interface Stamp {
  /** Epoch ms when written; the fold replays records of all files in this order. */
  at: number;
  /** The writing session (see sessions.ts): an item runs only while its session lives. */
  session: string;
}

export type JournalRecord =
  | (Stamp & { entry: EntryHeader })
  | (Stamp & { item: JournalItem; entryId: string })
  /** Entries settled by `at` are gone (Clear, a removed tenant); one still running stays. */
  | (Stamp & { cleared: true });

export function recordLine(record: JournalRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** The records of a file's text; lines that do not parse (a torn last line) are counted, not fatal. */
export function parseRecords(text: string): { records: JournalRecord[]; skipped: number } {
  const records: JournalRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (isRecord(value)) records.push(value);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

function isRecord(value: unknown): value is JournalRecord {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if (typeof record.at !== 'number' || typeof record.session !== 'string') return false;
  if (record.cleared === true) return true;
  if (record.entry && typeof record.entry === 'object') return typeof (record.entry as { id?: unknown }).id === 'string';
  return typeof record.entryId === 'string' && !!record.item && typeof record.item === 'object' && Number.isInteger((record.item as { index?: unknown }).index);
}

/** An entry as folded, with when and by which session each part was last written. */
export interface FoldedEntry {
  header: EntryHeader;
  /** The first header record's time: writing it back keeps it before its items. */
  headerAt: number;
  items: Map<number, { item: JournalItem; at: number; owner: string }>;
}

export interface Folded {
  entries: Map<string, FoldedEntry>;
  /** The latest Clear seen, kept so that older records still in other files stay cleared. */
  clearedAt?: number;
}

/** Replays records (from any number of files) in time order; an item without its entry is dropped. */
export function foldRecords(records: readonly JournalRecord[], into: Folded = { entries: new Map() }): Folded {
  for (const record of [...records].sort((a, b) => a.at - b.at)) applyRecord(into, record);
  return into;
}

export function applyRecord(folded: Folded, record: JournalRecord): void {
  if ('cleared' in record) {
    for (const [id, known] of folded.entries) if (!isRunning(known)) folded.entries.delete(id);
    folded.clearedAt = Math.max(folded.clearedAt ?? 0, record.at);
  } else if ('entry' in record) {
    const known = folded.entries.get(record.entry.id);
    if (known) known.header = record.entry;
    else folded.entries.set(record.entry.id, { header: record.entry, headerAt: record.at, items: new Map() });
  } else {
    folded.entries.get(record.entryId)?.items.set(record.item.index, { item: record.item, at: record.at, owner: record.session });
  }
}

/** An item of it is queued or in progress. */
export function isRunning(folded: FoldedEntry): boolean {
  return [...folded.items.values()].some(({ item }) => item.state === 'queued' || item.state === 'in-progress');
}

/** The entry with its items in order (a torn write may have lost some; those that are there keep their index). */
export function entryOf(folded: FoldedEntry): JournalEntry {
  const items = [...folded.items.values()].map(({ item }) => item).sort((a, b) => a.index - b.index);
  // The header is written once; the entry was last updated when its latest item was.
  const updated = items.reduce((latest, item) => (item.updated > latest ? item.updated : latest), folded.header.updated);
  return { ...folded.header, updated, items };
}

/** The records that write a folded journal back out: one per header and item, Clear first. */
export function recordsOf(folded: Folded): JournalRecord[] {
  const records: JournalRecord[] = [];
  if (folded.clearedAt !== undefined) records.push({ at: folded.clearedAt, session: 'compaction', cleared: true });
  for (const { header, headerAt, items } of folded.entries.values()) {
    records.push({ at: headerAt, session: 'compaction', entry: header });
    for (const { item, at, owner } of items.values()) records.push({ at, session: owner, entryId: header.id, item });
  }
  return records;
}
