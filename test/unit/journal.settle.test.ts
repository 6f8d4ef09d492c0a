// Settling after a restart, by the evidence rules of the outcome model, against the sandbox's
// ledger: an item cut off in flight is applied exactly when the ledger says applied, proven by
// the task kept in the journal or by reading back against the before-state kept before sending.
// Settling never sends anything.
import * as assert from 'node:assert/strict';
import type { ChangeSpec } from '../../src/journal/change-spec';
import type { ItemRef } from '../../src/journal/journal-store';
import { JournaledRun } from '../../src/journal/journaled-run';
import type { JournalStore } from '../../src/journal/journal-store';
import { settleItem } from '../../src/journal/settle';
import { eachTestFolder, JOURNAL_WINDOW, startJournalTenant, type JournalTenant } from './support/journal-fixture';

const TENANT = 'sandbox';

describe('journal: settling what a restart cut off', () => {
  let tenant: JournalTenant;
  before(async () => (tenant = await startJournalTenant({ taskDurationMs: 30 })));
  after(() => tenant.sandbox.close());
  const { open } = eachTestFolder();

  /** A store whose process "dies" once the request is on its way: the outcome is never written. */
  function dyingStore(diesWhen: (change: Parameters<JournalStore['updateItem']>[1]) => boolean): JournalStore {
    const store = open();
    const write = store.updateItem.bind(store);
    store.updateItem = (ref, change) => (diesWhen(change) ? new Promise(() => undefined) : write(ref, change));
    return store;
  }

  async function restartAndSettle(crashed: JournalStore, ref: ItemRef) {
    const restarted = open({ sessionLives: (session) => session !== crashed.session });
    const item = (await restarted.entry(TENANT, ref.entryId))!.items[0];
    assert.equal(item.state, 'unknown', 'cut off in flight: may have been applied');
    const mark = tenant.sandbox.ledger.mark();
    const outcome = await settleItem(restarted, ref, tenant.client, JOURNAL_WINDOW);
    assert.equal(tenant.sandbox.ledger.count({ since: mark }), 0, 'settling sent nothing');
    return { outcome, item: (await restarted.entry(TENANT, ref.entryId))!.items[0] };
  }

  const freshAccount = (offset: number) => tenant.sandbox.tenant.accountsOfSource(tenant.sandbox.tenant.largeSource().id).filter((a) => !a.disabled)[offset];
  const disable = (accountId: string): ChangeSpec => ({ kind: 'lifecycle', action: 'disable', accountId });

  it('journaled in flight but never sent: stays unknown, and the ledger has nothing', async () => {
    const account = freshAccount(0);
    const crashed = dyingStore(() => false);
    const run = await JournaledRun.begin(crashed, { tenantId: TENANT, action: 'disable', title: 'Disabling', items: [{ spec: disable(account.id) }] });
    const ref = { tenantId: TENANT, entryId: run.entryId, index: 0 };
    await crashed.updateItem(ref, { state: 'in-progress', sentAt: new Date().toISOString(), before: { kind: 'flags', disabled: false, locked: false } });
    const { outcome } = await restartAndSettle(crashed, ref);
    assert.equal(outcome.outcome, 'unknown');
    assert.match(outcome.reason!, /interrupted.*did not show the change yet/s);
    assert.equal(tenant.sandbox.ledger.count({ kind: 'disable', accountId: account.id }), 0);
  });

  it('sent, its answer lost, then the host died: applied by reading back against the kept flags', async () => {
    const account = freshAccount(1);
    tenant.sandbox.faults.next({ kind: 'disable', path: account.id, fate: 'hang-after-apply' });
    const crashed = dyingStore((change) => change.state !== undefined && change.state !== 'in-progress');
    const run = await JournaledRun.begin(crashed, { tenantId: TENANT, action: 'disable', title: 'Disabling', items: [{ spec: disable(account.id) }] });
    void run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    const deadline = Date.now() + 5_000;
    while (tenant.sandbox.ledger.count({ kind: 'disable', accountId: account.id, state: 'applied' }) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const { outcome, item } = await restartAndSettle(crashed, { tenantId: TENANT, entryId: run.entryId, index: 0 });
    assert.equal(outcome.outcome, 'applied');
    assert.equal(item.state, 'applied');
    assert.equal(item.outcome?.evidence.kind, 'read-back');
    assert.equal(tenant.sandbox.ledger.count({ kind: 'disable', accountId: account.id }), 1);
  });

  it('answered with a task, then the host died while following it: settled by the task kept in the journal', async () => {
    const account = freshAccount(2);
    const crashed = dyingStore((change) => change.state !== undefined && change.state !== 'in-progress');
    const run = await JournaledRun.begin(crashed, { tenantId: TENANT, action: 'disable', title: 'Disabling', items: [{ spec: disable(account.id) }] });
    void run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    const deadline = Date.now() + 5_000;
    while (!(await crashed.entry(TENANT, run.entryId))?.items[0].taskId && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const { item } = await restartAndSettle(crashed, { tenantId: TENANT, entryId: run.entryId, index: 0 });
    const [ledgerEntry] = tenant.sandbox.ledger.entries({ kind: 'disable', accountId: account.id });
    assert.equal(item.state, 'applied');
    assert.deepEqual(item.outcome?.evidence, { kind: 'task', taskId: ledgerEntry.taskId, completionStatus: 'SUCCESS' });
    assert.equal(ledgerEntry.state, 'applied');
  });
});
