// The one outcome model of every change the extension makes. A change ends as applied, not
// applied (ISC said no, or the request provably never reached it), unknown (it may have been
// applied: the answer was lost or unreadable and no evidence settled it), or not sent
// (cancelled first). Each outcome keeps the evidence it rests on. Sending a change and settling
// a lost answer is change.ts's job; this file names the outcomes, reads them off an error or a
// task, and puts them in words. No vscode here.
import { isIscError } from './errors';
import type { TaskStatus } from './models';

export type Outcome = 'applied' | 'not-applied' | 'unknown' | 'not-sent';

export type Evidence =
  /** ISC's own answer: a 2xx without a task, or its error answer. */
  | { kind: 'answer'; status?: number }
  /** The task ISC started, followed to its end (or as far as it got). */
  | { kind: 'task'; taskId: string; completionStatus: string | null }
  /** The account read back after the answer was lost. */
  | { kind: 'read-back'; detail: string }
  /** The account read back as gone (404) after a delete or remove whose answer was lost. */
  | { kind: 'not-found' }
  | { kind: 'none'; detail: string };

export interface ChangeOutcome {
  outcome: Outcome;
  /** Why it was not applied, or why it is unknown, in words a person can act on. */
  reason?: string;
  trackingId?: string;
  taskId?: string;
  /** Warnings of a task that ended with WARNING. */
  warnings?: string[];
  evidence: Evidence;
}

/** The outcome of a change whose request threw. */
export function outcomeOfError(error: unknown): ChangeOutcome {
  if (isIscError(error)) {
    const trackingId = error.trackingId;
    if (error.outcomeUnknown) {
      return { outcome: 'unknown', reason: error.message, trackingId, evidence: { kind: 'none', detail: 'the answer was lost or unreadable' } };
    }
    if (error.kind === 'aborted') return { outcome: 'not-sent', reason: 'Cancelled before it was sent.', evidence: { kind: 'none', detail: 'cancelled' } };
    return { outcome: 'not-applied', reason: error.message, trackingId, evidence: { kind: 'answer', status: error.status } };
  }
  // Not the client's error: nothing says how far the change got, so it is not called refused.
  const text = error instanceof Error ? error.message : String(error);
  return { outcome: 'unknown', reason: `Something unforeseen went wrong (${text}); the change may have been applied.`, evidence: { kind: 'none', detail: 'unexpected error' } };
}

/** The texts of a task's messages; tolerant of a status without `messages`. */
export function taskMessages(status: Pick<TaskStatus, 'messages'> | undefined): string[] {
  const messages = Array.isArray(status?.messages) ? status.messages : [];
  return messages.map((m) => m?.localizedText?.message ?? m?.key).filter((text): text is string => typeof text === 'string' && text !== '');
}

/** The outcome a finished (or given-up) task shows. */
export function outcomeOfTask(taskId: string, status: TaskStatus | undefined): ChangeOutcome {
  const completionStatus = status?.completionStatus ?? null;
  const evidence: Evidence = { kind: 'task', taskId, completionStatus };
  if (completionStatus === 'SUCCESS') return { outcome: 'applied', taskId, evidence };
  if (completionStatus === 'WARNING') {
    const texts = taskMessages(status);
    return { outcome: 'applied', taskId, warnings: texts.length ? texts : [`task ${taskId} ended with WARNING and no message`], evidence };
  }
  if (completionStatus) {
    const said = taskMessages(status).join('; ');
    return { outcome: 'not-applied', taskId, reason: `ISC task ${taskId} ended with ${completionStatus}${said ? `: ${said}` : ' and no message'}.`, evidence };
  }
  return { outcome: 'unknown', taskId, reason: `ISC task ${taskId} had not finished when the extension stopped following it; it may still finish.`, evidence };
}

/** One line for a person: what became of the change. */
export function describeOutcome(label: string, what: string, outcome: ChangeOutcome): string {
  const tracking = outcome.trackingId && !outcome.reason?.includes(outcome.trackingId) ? ` (tracking id ${outcome.trackingId})` : '';
  switch (outcome.outcome) {
    case 'applied':
      return `${label}: ${what}.${warnedText(outcome.warnings)}`;
    case 'not-applied':
      return `${label}: not ${what}. ${outcome.reason ?? ''}${tracking}`.trim();
    case 'not-sent':
      return `${label}: not sent. ${outcome.reason ?? ''}`.trim();
    default:
      return `${label}: may have been ${what}; not confirmed. ${outcome.reason ?? ''}${tracking}`.trim();
  }
}

/** " ISC warned: …" for the warnings of a task that ended WARNING, to follow a sentence; "" for none. */
export function warnedText(warnings: readonly string[] | undefined): string {
  return warnings?.length ? ` ISC warned: ${warnings.join('; ')}` : '';
}
