// This project's client, used as the extension uses it: `accountPages()` for listing (the
// first page asks for the total, the rest come concurrently), and for bulk work a bounded pool
// of calls (the extension's runBulk) whose ambiguous outcomes are settled by reading the
// account back (outcome.ts).
import type { Account } from '../../src/isc/models';
import { IscClient } from '../../src/isc';
import { applyExactlyOnce } from '../../src/isc/outcome';
import { runBulk } from '../../src/commands/bulk-run';
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
    const wantDisabled = action === 'disable';
    // The extension's own bulk runner, with each change made exactly once (outcome.ts).
    const outcomes = await runBulk(
      task.accountIds,
      (id) =>
        applyExactlyOnce(
          () => (wantDisabled ? client.disableAccount(id) : client.enableAccount(id)),
          async () => ((await client.getAccount(id)).disabled === wantDisabled ? 'applied' : 'not-applied'),
          { graceMs: 500, intervalMs: 100 },
        ),
      { concurrency: task.ours?.concurrency ?? 8 },
    );
    for (const outcome of outcomes) {
      if (outcome.status === 'succeeded') {
        if (outcome.result.settledByReadBack) settledByReadBack++;
        continue;
      }
      failures++;
      const why = outcome.status === 'not-attempted' ? 'not attempted' : (outcome.error as Error).message;
      if (failureSamples.length < 3) failureSamples.push(`${action} ${outcome.item}: ${why}`);
    }
  }
  return { wallMs: performance.now() - started, failures, failureSamples, retries: client.stats().retries, settledByReadBack };
}
