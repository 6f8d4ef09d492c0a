// The IDN accounts of many identities, changed through ISC's bulk endpoint (one request per
// chunk of identities), journaled as one entry with an item per identity. All items are
// written queued before anything is sent; a chunk's items are marked in progress, flushed,
// right before its request (if that write fails, the chunk and the rest are not sent); each
// identity's outcome is written as soon as its chunk's answer gives it. No vscode here.
import type { IscApi } from '../isc/api';
import type { ChangeOutcome } from '../isc/change-outcome';
import { IDN_BULK_CHUNK, toggleIdnAccounts } from '../isc/idn-bulk';
import type { JournalTarget } from './entry';
import type { JournalStore } from './journal-store';
import { notJournaled } from './journaled-run';

export interface IdnBulkEntry {
  tenantId: string;
  title: string;
  toggle: 'enable' | 'disable';
  /** One per identity, in the order they are sent. */
  targets: Array<JournalTarget & { identityId: string }>;
}

export interface JournaledIdnBulk {
  /** Undefined when the entry could not be written (then nothing was sent). */
  entryId?: string;
  /** By identity id. */
  outcomes: Map<string, ChangeOutcome>;
  /** An outcome could not be written (the changes went as `outcomes` says). */
  journalError?: unknown;
}

export async function sendIdnBulkJournaled(
  store: JournalStore,
  entry: IdnBulkEntry,
  client: IscApi,
  signal?: AbortSignal,
  chunkSize = IDN_BULK_CHUNK,
): Promise<JournaledIdnBulk> {
  const { tenantId, toggle, targets } = entry;
  const identityIds = targets.map((target) => target.identityId);
  let entryId: string;
  try {
    entryId = (
      await store.begin({
        tenantId,
        action: `idn-${toggle}`,
        title: entry.title,
        bulk: true,
        items: targets.map((target) => ({ spec: { kind: 'idn', toggle, identityId: target.identityId }, target })),
      })
    ).id;
  } catch (error) {
    const outcome = notJournaled(error);
    return { outcomes: new Map(identityIds.map((id) => [id, outcome])) };
  }

  // A script may name an identity twice: each of its items gets the one answer.
  const indexes = new Map<string, number[]>();
  identityIds.forEach((id, index) => indexes.set(id, [...(indexes.get(id) ?? []), index]));
  const refsOf = (ids: Iterable<string>) => [...ids].flatMap((id) => indexes.get(id) ?? []).map((index) => ({ tenantId, entryId, index }));
  let journalError: unknown;

  const outcomes = await toggleIdnAccounts(client, toggle, identityIds, signal, chunkSize, {
    beforeSend: async (ids) => {
      const sentAt = new Date().toISOString();
      try {
        await Promise.all(refsOf(ids).map((ref) => store.updateItem(ref, { state: 'in-progress', sentAt })));
      } catch (error) {
        throw new Error(notJournaled(error).reason);
      }
    },
    settled: async (chunk) => {
      const writes = [...chunk].flatMap(([id, outcome]) =>
        refsOf([id]).map((ref) => store.updateItem(ref, { state: outcome.outcome, outcome, ...(outcome.taskId ? { taskId: outcome.taskId } : {}) })),
      );
      for (const result of await Promise.allSettled(writes)) if (result.status === 'rejected') journalError ??= result.reason;
    },
  });
  return { entryId, outcomes, journalError };
}
