// The journal is bounded: entries older than a number of days go, and beyond a number of
// entries per tenant the oldest go. An entry with an item still queued or in progress is
// never dropped: it is the one a person may need to settle. No vscode here.
import { isRunning, type Folded, type FoldedEntry } from './journal-records';

export interface RetentionLimits {
  /** Days an entry is kept after its last update. */
  maxDays: number;
  /** Entries kept per tenant, newest first. */
  maxEntries: number;
}

export const DEFAULT_RETENTION: RetentionLimits = { maxDays: 30, maxEntries: 1000 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Drops what is past the limits from `folded`; returns how many entries went. */
export function applyRetention(folded: Folded, limits: RetentionLimits, now: number): number {
  const oldestKept = now - limits.maxDays * DAY_MS;
  const entries = [...folded.entries.values()];
  // Running entries take their places first; the newest settled ones fill what is left.
  let places = limits.maxEntries - entries.filter(isRunning).length;
  let dropped = 0;
  for (const entry of entries.filter((e) => !isRunning(e)).sort((a, b) => lastWrite(b) - lastWrite(a))) {
    if (lastWrite(entry) >= oldestKept && places > 0) {
      places--;
      continue;
    }
    folded.entries.delete(entry.header.id);
    dropped++;
  }
  return dropped;
}

function lastWrite(entry: FoldedEntry): number {
  let latest = entry.headerAt;
  for (const { at } of entry.items.values()) latest = Math.max(latest, at);
  return latest;
}
