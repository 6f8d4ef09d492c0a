// A server is ready when it answers, not when its process has started.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

/** Polls `url` until it answers 2xx; fails early when the child exits first. */
export async function waitForHttp(url: string, child: ChildProcess, options: { timeoutMs: number; output: () => string }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before answering at ${url}:\n${options.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`did not answer at ${url} within ${options.timeoutMs / 1000} s:\n${options.output()}`);
}
