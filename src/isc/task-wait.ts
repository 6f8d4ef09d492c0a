// Waiting for an ISC task. SUCCESS and WARNING resolve with the final status; ERROR,
// TERMINATED and TEMPERROR reject with an IscError that carries the task's own messages and
// the status (`taskStatus`), because a caller awaiting "disable this account" wants a failure
// it cannot overlook, and the status is still there for those who want the details.
import { sleep, throwIfAborted } from './abortable';
import type { WaitForTaskOptions } from './api';
import { formatSeconds, IscError } from './errors';
import type { TaskStatus } from './models';

const DEFAULT_POLL_MS = 500;
const MAX_POLL_MS = 5_000;
/** Each wait is this much longer than the last, up to MAX_POLL_MS. */
const POLL_GROWTH = 1.25;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

export async function waitForTask(
  id: string,
  getStatus: (signal?: AbortSignal) => Promise<TaskStatus>,
  options: WaitForTaskOptions = {},
): Promise<TaskStatus> {
  const { signal, onProgress } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let interval = options.pollIntervalMs ?? DEFAULT_POLL_MS;
  for (;;) {
    // A task has never ended the moment its request is answered: a status read then is one
    // request of the rate limit's budget spent for nothing, so the first read waits too.
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), signal);
    throwIfAborted(signal);
    const answer = await getStatus(signal);
    // A finished task without messages is still finished: nothing downstream may trip on it.
    const status: TaskStatus = { ...answer, messages: answer.messages ?? [] };
    onProgress?.(status);
    if (status.completionStatus === 'SUCCESS' || status.completionStatus === 'WARNING') return status;
    if (status.completionStatus) throw taskFailed(id, status);
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new IscError({
        kind: 'timeout',
        message: `ISC task ${id} did not finish within ${formatSeconds(timeoutMs)} (${status.percentComplete ?? 0}% done); it may still finish later.`,
        taskStatus: status,
      });
    }
    interval = Math.min(MAX_POLL_MS, Math.max(interval, interval * POLL_GROWTH));
  }
}

function taskFailed(id: string, status: TaskStatus): IscError {
  const texts = (status.messages ?? []).map((m) => ({ type: m.type, text: m.localizedText?.message ?? m.key })).filter((m) => m.text);
  const errors = texts.filter((m) => m.type === 'ERROR');
  const said = (errors.length > 0 ? errors : texts).map((m) => m.text).join('; ');
  const name = status.description || status.uniqueName || id;
  const retry = status.completionStatus === 'TEMPERROR' ? ' This was a temporary error: trying again later may work.' : '';
  return new IscError({
    kind: 'http',
    message: `ISC task "${name}" (${id}) ended with ${status.completionStatus}${said ? `: "${said}"` : ' and no message'}.${retry}`,
    serverMessage: said || undefined,
    taskStatus: status,
  });
}
