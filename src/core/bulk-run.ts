// Runs one action per item with at most `concurrency` in flight, and says what became of
// every item: nothing is dropped. Cancelling starts nothing new; items never started are
// "not-attempted", items whose action was under way and then gave up are "stopped".
// An action may give its place back early (`release`) when what is left of it only waits,
// e.g. for an ISC task: the next item starts while it finishes, and the run still waits for it.
// No vscode here: tested in plain Node (test/unit/bulk-run.test.ts).

export type BulkOutcome<T, R> =
  | { item: T; status: 'succeeded'; result: R }
  | { item: T; status: 'failed'; error: unknown }
  | { item: T; status: 'stopped'; error: unknown }
  | { item: T; status: 'not-attempted' };

export interface BulkRunOptions<T, R> {
  /** At least 1. */
  concurrency: number;
  signal?: AbortSignal;
  /** Called as each item settles, with how many have settled so far. */
  onSettled?: (outcome: BulkOutcome<T, R>, settled: number, total: number) => void;
}

export async function runBulk<T, R>(
  items: readonly T[],
  action: (item: T, signal: AbortSignal, release: () => void) => Promise<R>,
  options: BulkRunOptions<T, R>,
): Promise<Array<BulkOutcome<T, R>>> {
  const outcomes: Array<BulkOutcome<T, R> | undefined> = new Array(items.length);
  // A private controller so a caller's signal and our own stop reach the actions alike.
  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });

  let next = 0;
  let settled = 0;
  const settle = (index: number, outcome: BulkOutcome<T, R>) => {
    outcomes[index] = outcome;
    settled++;
    options.onSettled?.(outcome, settled, items.length);
  };

  const finishing: Array<Promise<void>> = [];
  const worker = async () => {
    while (!controller.signal.aborted && next < items.length) {
      const index = next++;
      const item = items[index];
      let release!: () => void;
      const placeFree = new Promise<void>((resolve) => (release = resolve));
      const running = (async () => {
        try {
          settle(index, { item, status: 'succeeded', result: await action(item, controller.signal, release) });
        } catch (error) {
          settle(index, { item, status: controller.signal.aborted ? 'stopped' : 'failed', error });
        } finally {
          release();
        }
      })();
      finishing.push(running);
      await placeFree;
    }
  };

  const workers = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, items.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
    // Actions that gave their place back are still running; a cancel must still reach them.
    await Promise.all(finishing);
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  for (let index = 0; index < items.length; index++) {
    if (!outcomes[index]) settle(index, { item: items[index], status: 'not-attempted' });
  }
  return outcomes as Array<BulkOutcome<T, R>>;
}
