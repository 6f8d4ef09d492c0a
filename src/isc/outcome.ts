// A change request whose answer was lost (the connection dropped after the server may have
// applied it) must not simply be sent again: that could disable, create or patch twice.
// These helpers settle such an ambiguous outcome by reading the state back first.
import { IscError, isIscError } from './errors';

/** What one read of the state says about the change. */
export type ReadBack = 'applied' | 'not-applied' | 'pending';

export interface SettleOptions {
  /**
   * How long a 'not-applied' reading must last before it is believed. A change that was
   * received may still be running as a task; this should exceed the usual task duration.
   */
  graceMs?: number;
  /** Pause between reads. */
  intervalMs?: number;
  /** Give up reading (outcome stays unknown) after this long, even while 'pending'. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type Settled = 'applied' | 'not-applied' | 'unknown';

const defaults = { graceMs: 2_000, intervalMs: 250, timeoutMs: 30_000 };

/**
 * Reads the state back until it is clear whether an ambiguous change happened: 'applied' as
 * soon as a read shows it, 'not-applied' once reads kept saying so for `graceMs`, 'unknown'
 * when reading keeps failing or stays 'pending' past `timeoutMs`.
 */
export async function settleAmbiguous(read: () => Promise<ReadBack>, options: SettleOptions = {}): Promise<Settled> {
  const { graceMs, intervalMs, timeoutMs } = { ...defaults, ...options };
  const start = Date.now();
  let notAppliedSince: number | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    let seen: ReadBack | undefined;
    try {
      seen = await read();
    } catch (error) {
      if (isIscError(error) && error.kind === 'aborted') throw error;
      seen = undefined; // A failed read says nothing; keep trying until the time limit.
    }
    const now = Date.now();
    if (seen === 'applied') return 'applied';
    if (seen === 'not-applied') {
      notAppliedSince ??= now;
      if (now - notAppliedSince >= graceMs) return 'not-applied';
    } else {
      notAppliedSince = undefined;
    }
    if (now - start >= timeoutMs) return 'unknown';
    await delay(intervalMs, options.signal);
  }
}

export interface ExactlyOnceOptions extends SettleOptions {
  /** Times the change is sent at most (a resend happens only after 'not-applied'). Default 3. */
  maxSends?: number;
}

export interface ExactlyOnceResult<T> {
  /** The server's answer, when one arrived; undefined when the change was confirmed by reading back. */
  answer?: T;
  /** How many times the change request was sent. */
  sends: number;
  /** True when an answer was lost and the state read back showed the change. */
  settledByReadBack: boolean;
}

/**
 * Sends a change and makes sure it is applied once: when the client reports
 * `outcomeUnknown`, the state is read back and the change resent only if it did not happen.
 * Throws the client's error when the change failed for sure, or an IscError (outcomeUnknown)
 * when reading back could not tell.
 */
export async function applyExactlyOnce<T>(
  send: () => Promise<T>,
  read: () => Promise<ReadBack>,
  options: ExactlyOnceOptions = {},
): Promise<ExactlyOnceResult<T>> {
  const maxSends = options.maxSends ?? 3;
  let lastUnknown: IscError | undefined;
  let settled: Settled = 'unknown';
  let sends = 0;
  while (sends < maxSends) {
    sends++;
    try {
      return { answer: await send(), sends, settledByReadBack: false };
    } catch (error) {
      if (!isIscError(error) || !error.outcomeUnknown) throw error;
      lastUnknown = error;
    }
    settled = await settleAmbiguous(read, options);
    if (settled === 'applied') return { sends, settledByReadBack: true };
    if (settled === 'unknown') break;
  }
  const why =
    settled === 'unknown'
      ? 'reading the state back could not tell whether it was applied'
      : `it was still not applied after ${sends} attempts`;
  throw new IscError({
    ...lastUnknown!.details(),
    outcomeUnknown: settled === 'unknown',
    message: `${lastUnknown!.message} Gave up: ${why}.`,
    cause: lastUnknown,
  });
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
