// When a failed request may be sent again. The rule that matters: a change (POST, PUT, PATCH,
// DELETE) is never sent again once it may have reached ISC. PUT and DELETE are idempotent on
// paper only: a DELETE whose answer was lost and is sent again gets a 404 (or starts a
// second delete task), which would report an applied change as refused. So only a GET is
// repeated after a 5xx, a reset or a timeout. A change is repeated only when ISC provably did
// nothing with it: a 429 (the gateway refused it), a 401 (the token was refused, handled by
// the runner) or a failure before any byte was sent (refused connection, DNS). A TLS failure
// is never retried: the certificate will not change in the next second.
import { isChange } from './errors';
import type { HttpMethod } from './endpoints';

/** What went wrong with one attempt, as far as retrying is concerned. */
export type AttemptFailure =
  | { type: 'status'; status: number; retryAfterMs?: number }
  /** `reachedServer: false` only for failures before a connection existed (refused, DNS). */
  | { type: 'network'; code: string; reachedServer: false | 'unknown' }
  | { type: 'timeout' }
  | { type: 'tls'; code: string; detail: string };

export interface BackoffOptions {
  /** First back-off ceiling; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 300, maxDelayMs: 8000 };

/** A Retry-After longer than this is not waited out: the caller gets an error naming the wait. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether this failure may be retried for this method.
 * - 429: the gateway refused the request before ISC saw it, so any method may be retried.
 * - refused connection, DNS failure: nothing was sent, so any method.
 * - 5xx, reset after sending, timeout: GET only. A change that got a 500 or 503 may still
 *   have been applied by ISC (the gateway answers 5xx for back-end trouble after forwarding),
 *   so it is reported with `outcomeUnknown` instead of being repeated.
 * - TLS failure: never.
 */
export function isRetryable(method: HttpMethod, failure: AttemptFailure): boolean {
  switch (failure.type) {
    case 'status':
      if (failure.status === 429) return true;
      return failure.status >= 500 && !isChange(method);
    case 'network':
      return failure.reachedServer === false || !isChange(method);
    case 'timeout':
      return !isChange(method);
    case 'tls':
      return false;
  }
}

/** Exponential back-off with full jitter: uniform in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/** The wait before retry number `attempt + 1`: the server's Retry-After when it gave one. */
export function retryDelay(failure: AttemptFailure, attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (failure.type === 'status' && failure.retryAfterMs !== undefined) return failure.retryAfterMs;
  return backoffDelay(attempt, options);
}

/** `Retry-After` in milliseconds, from delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
