// Settling an unknown outcome by reading the state back. A read either proves the change
// (applied) or shows "not yet", which proves nothing: ISC tasks on a busy source take
// minutes, so after the window the outcome stays unknown. Nothing is ever re-sent here.
// No vscode here.
import { sleep } from './abortable';
import { formatSeconds, isIscError } from './errors';
import type { ChangeOutcome } from './change-outcome';

export type Reading = 'applied' | 'not-yet';

/** How to read back one change, prepared before it is sent (it knows the state before). */
export interface Proof {
  /** What is read, for messages: "the account", "the source's accounts". */
  what: string;
  read(signal?: AbortSignal): Promise<Reading>;
  /** A 404 proves it (delete, remove): the evidence is then 'not-found'. */
  byAbsence?: boolean;
}

/** A proof, or the reason why reading back cannot prove this change. */
export type ProofPlan = Proof | { unprovable: string };

export interface ReadBackWindow {
  /** How long to keep reading before saying "still unknown" (the setting iscAccounts.readBackWindowSeconds). */
  windowMs: number;
  /** First pause before reading; pauses then grow by half, up to `maxIntervalMs`. */
  firstIntervalMs?: number;
  maxIntervalMs?: number;
}

export function isProof(plan: ProofPlan | undefined): plan is Proof {
  return plan !== undefined && 'read' in plan;
}

/**
 * Reads back until a read proves the change or the window ends. A failed read says nothing
 * and is tried again. Cancelling ends the reading; the outcome then stays unknown.
 */
export async function settleByReadBack(
  plan: ProofPlan,
  unknown: ChangeOutcome,
  window: ReadBackWindow,
  signal?: AbortSignal,
): Promise<ChangeOutcome> {
  if (!isProof(plan)) return { ...unknown, outcome: 'unknown', reason: join(unknown.reason, plan.unprovable), evidence: { kind: 'none', detail: plan.unprovable } };
  const started = Date.now();
  let interval = Math.max(10, window.firstIntervalMs ?? Math.min(1_000, window.windowMs / 8));
  const maxInterval = window.maxIntervalMs ?? 15_000;
  let reads = 0;
  for (;;) {
    const left = window.windowMs - (Date.now() - started);
    if (left <= 0) break;
    try {
      await sleep(Math.min(interval, left), signal);
      reads++;
      if ((await plan.read(signal)) === 'applied') {
        const evidence = plan.byAbsence ? ({ kind: 'not-found' } as const) : ({ kind: 'read-back', detail: `${plan.what} shows the change` } as const);
        return { outcome: 'applied', taskId: unknown.taskId, evidence };
      }
    } catch (error) {
      if (signal?.aborted || (isIscError(error) && error.kind === 'aborted')) {
        const stopped = `You stopped checking ${plan.what}; the change may still be applied.`;
        return { ...unknown, outcome: 'unknown', reason: join(unknown.reason, stopped), evidence: { kind: 'none', detail: 'checking cancelled' } };
      }
    }
    interval = Math.min(maxInterval, interval * 1.5);
  }
  const notYet = `Reading ${plan.what} back for ${formatSeconds(window.windowMs)} (${reads} read${reads === 1 ? '' : 's'}) did not show the change yet; it may still be applied.`;
  return { ...unknown, outcome: 'unknown', reason: join(unknown.reason, notYet), evidence: { kind: 'read-back', detail: 'not shown yet' } };
}

function join(first: string | undefined, second: string): string {
  return first ? `${first} ${second}` : second;
}
