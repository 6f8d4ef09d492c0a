// When a failed request may be sent again. The rule that matters: a change (POST, PATCH) is
// repeated only when it provably never reached ISC, so no account is created, enabled or
// removed twice. GET, PUT and DELETE are idempotent, so repeating them is always safe.
import type { HttpMethod } from './endpoints';

/** What went wrong with one attempt, as far as retrying is concerned. */
export type AttemptFailure =
  | { type: 'status'; status: number; retryAfterMs?: number }
  /** `reachedServer: false` only for failures before a connection existed (refused, DNS). */
  | { type: 'network'; code: string; reachedServer: false | 'unknown' }
  | { type: 'timeout' };

export interface BackoffOptions {
  /** First back-off ceiling; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 300, maxDelayMs: 8000 };

/** A Retry-After longer than this is not waited out: the caller gets an error naming the wait. */
export const MAX_RETRY_AFTER_MS = 60_000;

export function isIdempotent(method: HttpMethod): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE';
}

/**
 * Whether this failure may be retried for this method.
 * - 429: the gateway refused the request before ISC saw it, so any method may be retried.
 * - refused connection, DNS failure: nothing was sent, so any method.
 * - 5xx, reset after sending, timeout: idempotent methods only. A POST that got a 500 or 503
 *   may still have been applied by ISC (the gateway answers 5xx for back-end trouble after
 *   forwarding), so it is reported with `outcomeUnknown` instead of being repeated.
 */
export function isRetryable(method: HttpMethod, failure: AttemptFailure): boolean {
  switch (failure.type) {
    case 'status':
      if (failure.status === 429) return true;
      return failure.status >= 500 && isIdempotent(method);
    case 'network':
      return failure.reachedServer === false || isIdempotent(method);
    case 'timeout':
      return isIdempotent(method);
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
