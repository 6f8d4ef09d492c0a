// Resuming a bulk run that was cut off: only items the journal never marked as handed to the
// client can be sent. An item with an in-flight record may have reached ISC, so it is settled
// by evidence (settle.ts), never sent again from here. An item refused by its stale check is
// not offered either: its plan no longer holds (plan again). No vscode here.
import { isStaleOutcome } from './attribute-guard';
import type { JournalEntry, JournalItem } from './entry';
import { JournaledRun } from './journaled-run';
import type { JournalStore } from './journal-store';

export function resumableItems(entry: JournalEntry): JournalItem[] {
  return entry.items.filter((item) => item.state === 'not-sent' && item.sentAt === undefined && !item.redacted && !isStaleOutcome(item.outcome));
}

/** A run over the entry's resumable items, in place: the same entry fills up as they are sent. */
export function resumeRun(store: JournalStore, entry: JournalEntry): JournaledRun {
  return JournaledRun.of(store, entry, resumableItems(entry).map((item) => item.index));
}
