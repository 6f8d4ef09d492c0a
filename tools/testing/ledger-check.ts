// Lost and duplicated actions, counted from the sandbox's applied-actions ledger (what the
// tenant really did), never from what the client believes it did.

export interface LedgerEntry {
  action: string;
  targetId: string;
}

export interface IntendedAction {
  action: string;
  targetId: string;
}

export interface LedgerCheck {
  /** Intended but never applied. */
  lost: IntendedAction[];
  /** Applied more than once: one entry per extra application. */
  duplicated: IntendedAction[];
  /** Applied but never intended (e.g. a retry that hit the wrong account). */
  unexpected: IntendedAction[];
}

const keyOf = (entry: LedgerEntry): string => `${entry.action}\u0000${entry.targetId}`;

function tally(entries: LedgerEntry[]): Map<string, { entry: LedgerEntry; count: number }> {
  const counts = new Map<string, { entry: LedgerEntry; count: number }>();
  for (const entry of entries) {
    const found = counts.get(keyOf(entry));
    if (found) found.count++;
    else counts.set(keyOf(entry), { entry, count: 1 });
  }
  return counts;
}

/** Compares what was applied (the ledger entries of this run) with what was meant, as multisets. */
export function checkLedger(intended: IntendedAction[], applied: LedgerEntry[]): LedgerCheck {
  const wanted = tally(intended);
  const done = tally(applied);
  const lost: IntendedAction[] = [];
  const duplicated: IntendedAction[] = [];
  const unexpected: IntendedAction[] = [];
  const repeat = (entry: LedgerEntry, times: number, into: IntendedAction[]): void => {
    for (let i = 0; i < times; i++) into.push({ action: entry.action, targetId: entry.targetId });
  };
  for (const [key, { entry, count }] of wanted) {
    const appliedCount = done.get(key)?.count ?? 0;
    repeat(entry, count - appliedCount, lost);
    repeat(entry, appliedCount - count, duplicated);
  }
  for (const [key, { entry, count }] of done) if (!wanted.has(key)) repeat(entry, count, unexpected);
  return { lost, duplicated, unexpected };
}
