// The extension host killed mid-bulk: a child process runs a journaled bulk disable against the
// sandbox and is killed (SIGKILL) while requests are in flight. Reopening the journal shows
// what was in flight as "may have been applied"; settling it by evidence says applied exactly
// when the sandbox's ledger says applied, and sends nothing; resuming sends only the items
// that were never sent, so every account ends disabled exactly once.
//
// This file is also the child: run with JOURNAL_CRASH_CHILD set, it does the bulk run instead
// of defining tests (one file, so the child runs exactly the code under test).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { IscClient } from '../../src/isc';
import type { ChangeSpec } from '../../src/journal/change-spec';
import { countStates } from '../../src/journal/entry';
import { INTERRUPTED_IN_FLIGHT } from '../../src/journal/interruption';
import { JournaledRun } from '../../src/journal/journaled-run';
import { JournalStore } from '../../src/journal/journal-store';
import { resumableItems, resumeRun } from '../../src/journal/resume';
import { settleEntry } from '../../src/journal/settle';
import { eachTestFolder, JOURNAL_WINDOW, startJournalTenant, type JournalTenant } from './support/journal-fixture';

const TENANT = 'sandbox';

interface ChildPlan {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  folder: string;
  accountIds: string[];
}

async function runChild(plan: ChildPlan): Promise<void> {
  const client = new IscClient({ baseUrl: plan.baseUrl, clientId: plan.clientId, clientSecret: plan.clientSecret, requestsPer10Seconds: 1_000_000, timeoutMs: 60_000 });
  const store = new JournalStore(plan.folder);
  const items = plan.accountIds.map((accountId) => ({ spec: { kind: 'lifecycle', action: 'disable', accountId } as ChangeSpec, target: { accountId } }));
  const run = await JournaledRun.begin(store, { tenantId: TENANT, action: 'disable', title: `Disable accounts (${items.length})`, items });
  process.stdout.write(`entry ${run.entryId}\n`);
  const queue = [...run.indexes];
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) await run.send(index, client, { window: { windowMs: 60_000 } });
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

if (process.env.JOURNAL_CRASH_CHILD) {
  void runChild(JSON.parse(process.env.JOURNAL_CRASH_CHILD) as ChildPlan);
} else {
  describe('journal: the extension host killed mid-bulk, then restarted', function () {
    this.timeout(60_000);
    let tenant: JournalTenant;
    before(async () => (tenant = await startJournalTenant({ taskDurationMs: 40 })));
    after(() => tenant.sandbox.close());
    const folders = eachTestFolder();

    it('in-flight items settle against the ledger, nothing is sent twice, and resume sends only what was never sent', async () => {
      const { sandbox } = tenant;
      const accounts = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).filter((a) => !a.disabled).slice(0, 40);
      // Requests that are never answered keep their items in flight when the host dies: two
      // that ISC took on (applied by their task), two it never took on.
      sandbox.faults.next({ kind: 'disable', fate: 'hang-after-apply', count: 2 });
      sandbox.faults.next({ kind: 'disable', fate: 'hang', count: 2 });
      const plan: ChildPlan = { baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, folder: folders.folder, accountIds: accounts.map((a) => a.id) };
      const child = spawn(process.execPath, ['--import', 'tsx', __filename], { env: { ...process.env, JOURNAL_CRASH_CHILD: JSON.stringify(plan) }, stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const deadline = Date.now() + 30_000;
      while (sandbox.ledger.count({ kind: 'disable' }) < 12 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill('SIGKILL');
      await exited;
      const afterKill = sandbox.ledger.mark();
      assert.ok(sandbox.ledger.count({ kind: 'disable' }) >= 12, 'the child got going before it was killed');
      // Tasks ISC had taken on finish after the host died, as they would in a real tenant.
      await new Promise((resolve) => setTimeout(resolve, 200));

      const store = folders.open();
      const [entry] = await store.entries(TENANT);
      const counts = countStates(entry);
      assert.equal(counts['in-progress'] + counts.queued, 0, 'nothing shows as still running');
      assert.ok(counts.unknown >= 4, `the four unanswered requests are unknown: ${JSON.stringify(counts)}`);
      assert.ok(counts['not-sent'] > 0, 'the items never sent show as not sent');
      for (const item of entry.items.filter((i) => i.state === 'unknown')) assert.equal(item.outcome?.reason, INTERRUPTED_IN_FLIGHT);

      await settleEntry(store, entry, tenant.client, JOURNAL_WINDOW);
      assert.equal(sandbox.ledger.count({ since: afterKill }), 0, 'settling sent nothing');
      const settled = (await store.entries(TENANT))[0];
      for (const item of settled.items) {
        const accountId = (item.spec as { accountId: string }).accountId;
        const appliedInLedger = sandbox.ledger.count({ kind: 'disable', accountId, state: 'applied' }) > 0;
        assert.equal(item.state === 'applied', appliedInLedger, `${accountId}: journal ${item.state}, ledger applied ${appliedInLedger}`);
        if (!appliedInLedger) assert.ok(item.state === 'unknown' || item.state === 'not-sent', `${accountId} is ${item.state}`);
      }
      assert.ok(settled.items.some((item) => item.state === 'unknown'), 'a request ISC never took on stays unknown: reading back proves nothing');

      const resumable = resumableItems(settled).map((item) => item.index);
      const run = resumeRun(store, settled);
      assert.deepEqual(run.indexes, resumable);
      await Promise.all(run.indexes.map((index) => run.send(index, tenant.client, { window: JOURNAL_WINDOW })));
      for (const item of settled.items) {
        const accountId = (item.spec as { accountId: string }).accountId;
        const requests = sandbox.ledger.count({ kind: 'disable', accountId });
        assert.ok(requests <= 1, `${accountId} was sent ${requests} times`);
        if (item.state === 'not-sent') assert.equal(sandbox.ledger.count({ kind: 'disable', accountId, state: 'applied' }), 1, `${accountId} resumed once`);
      }
      const final = countStates((await store.entries(TENANT))[0]);
      assert.equal(final['not-sent'], 0);
      assert.equal(final.applied + final.unknown, accounts.length);
    });
  });
}
