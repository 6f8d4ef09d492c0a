// The extension's Activity journal as it is on the disk of the code-server under test, read
// from the test process without writing anything (no JournalStore: opening one would compact
// the folder and take part as a session). Records of the base file and of every session's
// segment are folded as the journal folds them; a line torn by a write in progress is skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { JournalEntry } from '../../../src/journal';
import { entryOf, foldRecords, parseRecords, type JournalRecord } from '../../../src/journal/journal-records';

/** `<user data>/User/globalStorage/<extension id>/journal/<tenant>`, as the extension names it. */
export function tenantJournalFolder(userDataDir: string, extensionId: string, tenantId: string): string {
  return path.join(userDataDir, 'User', 'globalStorage', extensionId, 'journal', encodeURIComponent(tenantId));
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // folded into the base and deleted meanwhile
  }
}

/** The tenant's entries now, newest first. */
export function journalEntries(folder: string): JournalEntry[] {
  if (!existsSync(folder)) return [];
  // Segments first: a compaction that runs meanwhile folds them into the base before deleting them.
  const segments = readdirSync(folder).filter((name) => name.endsWith('.jsonl') && name !== 'journal.jsonl');
  const records: JournalRecord[] = [];
  for (const name of segments) records.push(...parseRecords(readIfThere(path.join(folder, name))).records);
  records.push(...parseRecords(readIfThere(path.join(folder, 'journal.jsonl'))).records);
  return [...foldRecords(records).entries.values()].map(entryOf).sort((a, b) => (a.created < b.created ? 1 : -1));
}
