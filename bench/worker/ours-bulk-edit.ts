// This project's bulk attribute edit without VS Code, as the command runs it: the targets read
// by id in chunks and planned (src/core), one journal entry on the disk (a real JournalStore),
// then every change through the journal (the guard checked against the account read with its
// chunk just before sending), paced by the client, at most `concurrency` in flight.
import { IscClient } from '../../src/isc';
import { ChunkedAccountReads, READ_CHUNK } from '../../src/isc/chunked-account-reads';
import { JournaledRun, JournalStore } from '../../src/journal';
import { runBulk } from '../../src/core/bulk-run';
import { BulkEditTargets } from '../../src/core/bulk-edit-targets';
import { planBulkEdit } from '../../src/core/bulk-edit-plan';
import type { BulkEditTask, WorkerResult } from './protocol';

export async function oursBulkEdit(task: BulkEditTask): Promise<WorkerResult> {
  const settings = task.ours ?? { concurrency: 8, requestsPer10Seconds: 95 };
  const started = performance.now();
  const client = new IscClient({ ...task.tenant, ...settings });
  const store = new JournalStore(task.journalFolder!);
  const collected = new BulkEditTargets(client, (account) => account.name ?? account.id ?? '');
  const reads = new ChunkedAccountReads(client, task.accountIds);
  for (const id of task.accountIds) {
    const account = await reads.before(id);
    if (account) await collected.add([account]);
  }
  const plan = planBulkEdit(collected.targets, { kind: 'set', attribute: task.attribute, value: task.value }, { requestsPer10Seconds: settings.requestsPer10Seconds, readChunk: READ_CHUNK });
  const applyStarted = performance.now();
  const run = await JournaledRun.begin(store, {
    tenantId: 'bench',
    action: 'patch',
    title: `Edit ${task.attribute} (${plan.changes.length})`,
    bulk: true,
    items: plan.changes.map(({ accountId, accountName, operations, guard }) => ({ spec: { kind: 'patch', accountId, operations, guard }, target: { accountId, accountName } })),
  });
  const befores = new ChunkedAccountReads(client, plan.changes.map((change) => change.accountId));
  const outcomes = await runBulk(
    plan.changes.map((_, index) => index),
    async (index, signal, release) => {
      const before = await befores.before(plan.changes[index].accountId, signal);
      return (await run.send(index, client, { window: { windowMs: 30_000 }, signal, onSent: release, before })).outcome;
    },
    { concurrency: settings.concurrency },
  );
  await store.close();
  const failureSamples: string[] = [];
  let failures = plan.view.targets - plan.changes.length;
  for (const outcome of outcomes) {
    if (outcome.status === 'succeeded' && outcome.result.outcome === 'applied') continue;
    failures++;
    const why = outcome.status === 'succeeded' ? `${outcome.result.outcome}: ${outcome.result.reason ?? ''}` : outcome.status;
    if (failureSamples.length < 3) failureSamples.push(`${plan.changes[outcome.item].accountId}: ${why}`);
  }
  const ended = performance.now();
  return {
    wallMs: ended - started,
    applyMs: ended - applyStarted,
    failures,
    failureSamples,
    retries: client.stats().retries,
    planned: plan.changes.length,
    plannedRequests: plan.view.requests,
  };
}
