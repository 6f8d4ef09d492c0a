// An item queued or in progress whose session no longer runs was cut off: by a window reload,
// or by the extension host ending. One that was in progress may have reached ISC, so it
// becomes unknown ("may have been applied"), ready to be settled by evidence; one still queued
// never left the journal, so it becomes not sent, and a resume may send it. No vscode here.
import type { ChangeOutcome } from '../isc/change-outcome';
import type { Folded } from './journal-records';
import type { SessionLiveness } from './sessions';

export const INTERRUPTED_IN_FLIGHT =
  'The run was interrupted (the window reloaded or the extension host ended) after this change was sent, before its outcome was known; it may have been applied.';
export const INTERRUPTED_QUEUED = 'The run was interrupted (the window reloaded or the extension host ended) before this change was sent.';

/** Marks the cut-off items of dead sessions; returns how many. */
export function interruptOrphans(folded: Folded, lives: SessionLiveness, now: Date): number {
  const alive = new Map<string, boolean>();
  const livesCached = (session: string) => alive.get(session) ?? alive.set(session, lives(session)).get(session)!;
  let count = 0;
  for (const entry of folded.entries.values()) {
    for (const slot of entry.items.values()) {
      const { item } = slot;
      if ((item.state !== 'queued' && item.state !== 'in-progress') || livesCached(slot.owner)) continue;
      const outcome: ChangeOutcome =
        item.state === 'in-progress'
          ? { outcome: 'unknown', reason: INTERRUPTED_IN_FLIGHT, evidence: { kind: 'none', detail: 'interrupted' } }
          : { outcome: 'not-sent', reason: INTERRUPTED_QUEUED, evidence: { kind: 'none', detail: 'interrupted before sending' } };
      if (item.taskId) outcome.taskId = item.taskId;
      slot.item = { ...item, state: outcome.outcome, outcome, interrupted: true, updated: now.toISOString() };
      count++;
    }
  }
  return count;
}
