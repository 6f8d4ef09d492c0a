// The IDN accounts of many identities, enabled or disabled through ISC's bulk endpoint in
// chunks of 100. Each identity gets its own outcome: from its entry in the 207 answer, from
// its chunk's error (unknown when the chunk may have reached ISC), or "not sent" when an
// earlier chunk failed. Answers already received are never thrown away. No vscode here.
import type { IscApi } from './api';
import { outcomeOfError, type ChangeOutcome } from './change-outcome';

export const IDN_BULK_CHUNK = 100;

export async function toggleIdnAccounts(
  client: IscApi,
  toggle: 'enable' | 'disable',
  identityIds: readonly string[],
  signal?: AbortSignal,
  chunkSize = IDN_BULK_CHUNK,
): Promise<Map<string, ChangeOutcome>> {
  const outcomes = new Map<string, ChangeOutcome>();
  let stopped: string | undefined;
  for (let start = 0; start < identityIds.length; start += chunkSize) {
    const ids = identityIds.slice(start, start + chunkSize);
    if (stopped === undefined && signal?.aborted) stopped = 'Cancelled before it was sent.';
    if (stopped !== undefined) {
      for (const id of ids) outcomes.set(id, { outcome: 'not-sent', reason: stopped, evidence: { kind: 'none', detail: 'not sent' } });
      continue;
    }
    try {
      const answers = toggle === 'enable' ? await client.enableIdnAccountsForIdentities(ids, { signal }) : await client.disableIdnAccountsForIdentities(ids, { signal });
      const list = Array.isArray(answers) ? answers : [];
      for (const id of ids) {
        const answer = list.find((entry) => entry?.id === id);
        if (!answer) {
          outcomes.set(id, { outcome: 'unknown', reason: "ISC's answer did not mention this identity.", evidence: { kind: 'answer', status: 207 } });
        } else if (typeof answer.statusCode === 'number' && answer.statusCode >= 200 && answer.statusCode < 300) {
          outcomes.set(id, { outcome: 'applied', evidence: { kind: 'answer', status: answer.statusCode } });
        } else {
          const reason = `${answer.statusCode ?? '?'}: ${answer.message ?? 'no message'}`;
          outcomes.set(id, { outcome: 'not-applied', reason, evidence: { kind: 'answer', status: answer.statusCode } });
        }
      }
    } catch (error) {
      const outcome = outcomeOfError(error);
      for (const id of ids) outcomes.set(id, outcome);
      stopped = `Not sent: an earlier chunk of ${chunkSize} ${outcome.outcome === 'unknown' ? 'may not have reached ISC' : 'failed'}.`;
    }
  }
  return outcomes;
}
