// Waiting that the caller's AbortSignal can cut short: every wait in the client (back-off,
// shared token request, task polling) goes through these, so cancel is prompt.
import { abortedError } from './errors';

export function throwIfAborted(signal: AbortSignal | undefined, method?: string, path?: string): void {
  if (signal?.aborted) throw abortedError(method, path);
}

/** Resolves after `ms`, or rejects with an IscError of kind 'aborted' as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `promise`, unless `signal` fires first (then rejects with kind 'aborted').
 * The promise itself keeps running: used where the work is shared with other callers.
 */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
