// Settling an item that may have been applied (cut off by a restart, or unknown when it ran):
// by the evidence rules of the outcome model, never by sending anything. A task id kept in the
// journal is asked first (its end is ISC's own word); otherwise the proof is rebuilt from the
// spec and the before-state kept before sending, and the account is read back over a window.
// No vscode here.
import type { IscApi } from '../isc/api';
import { isIscError } from '../isc/errors';
import { outcomeOfTask, type ChangeOutcome } from '../isc/change-outcome';
import { settleByReadBack, type ReadBackWindow } from '../isc/read-back';
import type { JournalEntry, JournalItem } from './entry';
import { INTERRUPTED_IN_FLIGHT } from './interruption';
import type { ItemRef, JournalStore } from './journal-store';
import { proofFromSpec } from './spec-proof';

/** Items whose outcome is unknown: what Check Again, and settling after a restart, work on. */
export function unknownItems(entry: JournalEntry): JournalItem[] {
  return entry.items.filter((item) => item.state === 'unknown');
}

/** What the evidence says now about one item; nothing is sent. */
export async function evidenceFor(client: IscApi, item: JournalItem, window: ReadBackWindow, signal?: AbortSignal): Promise<ChangeOutcome> {
  // Each check starts from what is known for good (the task, the tracking id, the interruption),
  // not from the last check's words: checking again must not pile up "did not show yet" sentences.
  const unknown: ChangeOutcome = { outcome: 'unknown', evidence: { kind: 'none', detail: 'checked again' } };
  if (item.taskId) unknown.taskId = item.taskId;
  if (item.outcome?.trackingId) unknown.trackingId = item.outcome.trackingId;
  if (item.interrupted) unknown.reason = INTERRUPTED_IN_FLIGHT;
  if (item.taskId) {
    // A task still running after the window stays unknown: its end, not a read, will tell.
    const byTask = await taskOutcome(client, item.taskId, window, signal);
    if (byTask) return byTask;
  }
  const plan = await proofFromSpec(client, item.spec, item.before, signal).catch((error: unknown) => ({
    unprovable: `The proof could not be made (${error instanceof Error ? error.message : String(error)}).`,
  }));
  return settleByReadBack(plan, unknown, window, signal);
}

/** What the task says: its end, or still running after the window; undefined when ISC no longer knows it. */
async function taskOutcome(client: IscApi, taskId: string, window: ReadBackWindow, signal?: AbortSignal): Promise<ChangeOutcome | undefined> {
  try {
    const status = await client.getTaskStatus(taskId, { signal });
    if (status.completionStatus) return outcomeOfTask(taskId, status);
  } catch {
    return undefined;
  }
  try {
    return outcomeOfTask(taskId, await client.waitForTask(taskId, { signal, timeoutMs: window.windowMs, pollIntervalMs: Math.min(500, Math.max(20, window.windowMs / 8)) }));
  } catch (error) {
    return outcomeOfTask(taskId, isIscError(error) ? error.taskStatus : undefined);
  }
}

/** Check Again on one item: reads, then journals what the evidence says. */
export async function settleItem(store: JournalStore, ref: ItemRef, client: IscApi, window: ReadBackWindow, signal?: AbortSignal): Promise<ChangeOutcome> {
  const item = (await store.entry(ref.tenantId, ref.entryId))?.items.find((candidate) => candidate.index === ref.index);
  if (!item) throw new Error(`The journal has no item ${ref.index} in entry ${ref.entryId}.`);
  if (item.state !== 'unknown') throw new Error(`Item ${ref.index} of entry ${ref.entryId} is ${item.state}: only an unknown outcome is checked again.`);
  const outcome = await evidenceFor(client, item, window, signal);
  await store.updateItem(ref, { state: outcome.outcome, outcome });
  return outcome;
}

/** Settles every unknown item of an entry, a few at a time; returns how each ended. */
export async function settleEntry(
  store: JournalStore,
  entry: JournalEntry,
  client: IscApi,
  window: ReadBackWindow,
  options: { signal?: AbortSignal; concurrency?: number } = {},
): Promise<Map<number, ChangeOutcome>> {
  const results = new Map<number, ChangeOutcome>();
  const queue = unknownItems(entry).map((item) => item.index);
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined && !options.signal?.aborted; index = queue.shift()) {
      results.set(index, await settleItem(store, { tenantId: entry.tenantId, entryId: entry.id, index }, client, window, options.signal));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return results;
}
