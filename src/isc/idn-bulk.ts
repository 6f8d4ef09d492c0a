// The IDN accounts of many identities, enabled or disabled through ISC's bulk endpoint in
// chunks of 100. Each identity gets its own outcome: from its entry in the 207 answer, from
// its chunk's error (unknown when the chunk may have reached ISC), or "not sent" when an
// earlier chunk failed. Answers already received are never thrown away. Hooks let the journal
// write each chunk down before it is sent, and its outcomes as they come. No vscode here.
import type { IscApi } from './api';
import { outcomeOfError, type ChangeOutcome } from './change-outcome';

export const IDN_BULK_CHUNK = 100;

/** What a caller (the journal) does around each chunk's request. */
export interface IdnBulkHooks {
  /** Right before a chunk's request; if it rejects, that chunk and every later one are not sent, with its message as the reason. */
  beforeSend?: (identityIds: readonly string[]) => Promise<void>;
  /** Each chunk's outcomes, as soon as they are known (sent or not). */
  settled?: (outcomes: ReadonlyMap<string, ChangeOutcome>) => Promise<void>;
}

export async function toggleIdnAccounts(
  client: IscApi,
  toggle: 'enable' | 'disable',
  identityIds: readonly string[],
  signal?: AbortSignal,
  chunkSize = IDN_BULK_CHUNK,
  hooks: IdnBulkHooks = {},
): Promise<Map<string, ChangeOutcome>> {
  const outcomes = new Map<string, ChangeOutcome>();
  let stopped: string | undefined;
  for (let start = 0; start < identityIds.length; start += chunkSize) {
    const ids = identityIds.slice(start, start + chunkSize);
    const chunk = await chunkOutcomes(ids);
    for (const [id, outcome] of chunk) outcomes.set(id, outcome);
    await hooks.settled?.(chunk);
  }
  return outcomes;

  async function chunkOutcomes(ids: string[]): Promise<Map<string, ChangeOutcome>> {
    const chunk = new Map<string, ChangeOutcome>();
    if (stopped === undefined && signal?.aborted) stopped = 'Cancelled before it was sent.';
    if (stopped === undefined && hooks.beforeSend) {
      try {
        await hooks.beforeSend(ids);
      } catch (error) {
        stopped = error instanceof Error ? error.message : String(error);
      }
    }
    if (stopped !== undefined) {
      for (const id of ids) chunk.set(id, { outcome: 'not-sent', reason: stopped, evidence: { kind: 'none', detail: 'not sent' } });
      return chunk;
    }
    try {
      const answers = toggle === 'enable' ? await client.enableIdnAccountsForIdentities(ids, { signal }) : await client.disableIdnAccountsForIdentities(ids, { signal });
      const list = Array.isArray(answers) ? answers : [];
      for (const id of ids) {
        const answer = list.find((entry) => entry?.id === id);
        if (!answer) {
          chunk.set(id, { outcome: 'unknown', reason: "ISC's answer did not mention this identity.", evidence: { kind: 'answer', status: 207 } });
        } else if (typeof answer.statusCode === 'number' && answer.statusCode >= 200 && answer.statusCode < 300) {
          chunk.set(id, { outcome: 'applied', evidence: { kind: 'answer', status: answer.statusCode } });
        } else {
          const reason = `${answer.statusCode ?? '?'}: ${answer.message ?? 'no message'}`;
          chunk.set(id, { outcome: 'not-applied', reason, evidence: { kind: 'answer', status: answer.statusCode } });
        }
      }
    } catch (error) {
      const outcome = outcomeOfError(error);
      for (const id of ids) chunk.set(id, outcome);
      stopped = `Not sent: an earlier chunk of ${chunkSize} ${outcome.outcome === 'unknown' ? 'may not have reached ISC' : 'failed'}.`;
    }
    return chunk;
  }
}
