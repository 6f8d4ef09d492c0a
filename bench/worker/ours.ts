// This project's client, used as the extension uses it: `accountPages()` for listing (the
// first page asks for the total, the rest come concurrently), and for bulk work a bounded pool
// of calls (the extension's runBulk), each change made as the commands make it (runChange with
// the same change request), so a lost answer is settled by reading back, never by re-sending.
import type { Account } from '../../src/isc/models';
import { IscClient } from '../../src/isc';
import { runChange } from '../../src/isc/change';
import { lifecycleChange } from '../../src/isc/change-requests';
import { runBulk } from '../../src/core/bulk-run';
import type { BulkTask, ListTask, OurSettings, WorkerResult } from './protocol';
import { heapWhileHolding } from './sdk';

function connect(task: ListTask | BulkTask): IscClient {
  const settings: OurSettings = task.ours ?? { concurrency: 8, requestsPer10Seconds: 95 };
  return new IscClient({ ...task.tenant, ...settings });
}

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function oursList(task: ListTask): Promise<WorkerResult> {
  const heapBefore = task.measureHeap ? heapAfterGc() : undefined;
  const started = performance.now();
  const client = connect(task);
  const held: Account[] = [];
  const ids = new Set<string | undefined>();
  let items = 0;
  try {
    for await (const page of client.accountPages({ filters: `sourceId eq "${task.sourceId}"`, pageSize: 250 })) {
      items += page.items.length;
      for (const account of page.items) ids.add(account.id);
      if (task.measureHeap) held.push(...page.items);
    }
  } catch (error) {
    return {
      wallMs: performance.now() - started,
      items,
      failures: 1,
      failureSamples: [(error as Error).message],
      retries: client.stats().retries,
    };
  }
  const wallMs = performance.now() - started;
  return {
    wallMs,
    items,
    distinctIds: ids.size,
    failures: 0,
    failureSamples: [],
    retries: client.stats().retries,
    heapBeforeBytes: heapBefore,
    heapUsedBytes: task.measureHeap ? heapWhileHolding(held) : undefined,
  };
}

export async function oursBulk(task: BulkTask): Promise<WorkerResult> {
  const started = performance.now();
  const client = connect(task);
  const failureSamples: string[] = [];
  let failures = 0;
  let settledByReadBack = 0;
  for (const action of ['disable', 'enable'] as const) {
    // The extension's own bulk runner and change path (src/isc/change.ts), as the commands use them.
    const outcomes = await runBulk(
      task.accountIds,
      async (id, _signal, release) => (await runChange({ ...lifecycleChange(client, action, id), window: { windowMs: 30_000 }, onSent: release })).outcome,
      { concurrency: task.ours?.concurrency ?? 8 },
    );
    for (const outcome of outcomes) {
      if (outcome.status === 'succeeded' && outcome.result.outcome === 'applied') {
        if (outcome.result.evidence.kind === 'read-back') settledByReadBack++;
        continue;
      }
      failures++;
      const why =
        outcome.status === 'succeeded'
          ? `${outcome.result.outcome}: ${outcome.result.reason ?? ''}`
          : outcome.status === 'not-attempted'
            ? 'not attempted'
            : (outcome.error as Error).message;
      if (failureSamples.length < 3) failureSamples.push(`${action} ${outcome.item}: ${why}`);
    }
  }
  return { wallMs: performance.now() - started, failures, failureSamples, retries: client.stats().retries, settledByReadBack };
}
