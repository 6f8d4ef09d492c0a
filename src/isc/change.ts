// Sends one change once and says what became of it, with its evidence: the answer, the
// task followed to its end, or (when the answer was lost) a read-back over a window. A change
// that may have reached ISC is never sent again. No vscode here.
import { isIscError } from './errors';
import type { WaitForTaskOptions } from './api';
import type { TaskStatus } from './models';
import { outcomeOfError, outcomeOfTask, type ChangeOutcome } from './change-outcome';
import { settleByReadBack, type ProofPlan, type ReadBackWindow } from './read-back';

export interface ChangeRequest<T> {
  /** Reads what is needed to prove the change later (before it is sent). */
  prepare?: (signal?: AbortSignal) => Promise<ProofPlan>;
  send: (signal?: AbortSignal) => Promise<T>;
  /** The task the answer names, if any. */
  taskIdOf?: (answer: T) => string | undefined;
  waitForTask?: (taskId: string, options: WaitForTaskOptions) => Promise<TaskStatus>;
  window: ReadBackWindow;
  signal?: AbortSignal;
  /** Where the change is: "sending", "following task …", "checking …". */
  onPhase?: (message: string, task?: TaskStatus) => void;
  /** Called once the request is answered (or failed): what follows only waits and reads. */
  onSent?: () => void;
}

export interface ChangeRun<T> {
  outcome: ChangeOutcome;
  answer?: T;
  /** Reads back again (for "Check Again" on an unknown outcome); undefined when nothing can prove it. */
  recheck?: (window: ReadBackWindow, signal?: AbortSignal) => Promise<ChangeOutcome>;
}

export async function runChange<T>(request: ChangeRequest<T>): Promise<ChangeRun<T>> {
  const { signal } = request;
  let plan: ProofPlan | undefined;
  if (request.prepare) {
    try {
      plan = await request.prepare(signal);
    } catch (error) {
      if (signal?.aborted) return { outcome: notSent('Cancelled before it was sent.') };
      plan = { unprovable: `The state before could not be read (${error instanceof Error ? error.message : String(error)}), so reading back cannot prove the change.` };
    }
  }
  if (signal?.aborted) return { outcome: notSent('Cancelled before it was sent.') };
  const recheck = plan && 'read' in plan ? recheckWith(plan) : undefined;

  request.onPhase?.('sending…');
  let answer: T;
  try {
    answer = await request.send(signal);
  } catch (error) {
    request.onSent?.();
    const outcome = outcomeOfError(error);
    if (outcome.outcome !== 'unknown' || signal?.aborted) return { outcome };
    request.onPhase?.('the answer was lost: checking whether ISC applied it…');
    return { outcome: await settleByReadBack(plan ?? { unprovable: 'Nothing can be read back to prove it.' }, outcome, request.window, signal), recheck };
  }

  request.onSent?.();
  const taskId = request.taskIdOf?.(answer);
  if (!taskId || !request.waitForTask) return { outcome: { outcome: 'applied', evidence: { kind: 'answer' } }, answer };
  request.onPhase?.(`task ${taskId} running…`);
  try {
    // Short read-back windows (tests) poll short tasks sooner; a real window keeps the client's pace.
    const pollIntervalMs = Math.min(500, Math.max(20, request.window.windowMs / 8));
    const status = await request.waitForTask(taskId, { signal, pollIntervalMs, onProgress: (task) => request.onPhase?.(`task ${taskId} running…`, task) });
    return { outcome: outcomeOfTask(taskId, status), answer };
  } catch (error) {
    if (isIscError(error) && error.taskStatus?.completionStatus) return { outcome: outcomeOfTask(taskId, error.taskStatus), answer };
    const following = outcomeOfTask(taskId, undefined);
    if (signal?.aborted || (isIscError(error) && error.kind === 'aborted')) {
      return { outcome: { ...following, reason: `You stopped following ISC task ${taskId}; it keeps running in ISC and may still apply the change.` }, answer, recheck };
    }
    // The task could not be followed to its end: reading back may still settle it.
    const why = { ...following, reason: `Following ISC task ${taskId} failed (${error instanceof Error ? error.message : String(error)}).` };
    return { outcome: await settleByReadBack(plan ?? { unprovable: 'Nothing can be read back to prove it.' }, why, request.window, signal), answer, recheck };
  }
}

function recheckWith(plan: ProofPlan) {
  return (window: ReadBackWindow, signal?: AbortSignal) =>
    settleByReadBack(plan, { outcome: 'unknown', evidence: { kind: 'none', detail: 'checked again' } }, window, signal);
}

function notSent(reason: string): ChangeOutcome {
  return { outcome: 'not-sent', reason, evidence: { kind: 'none', detail: 'cancelled' } };
}
