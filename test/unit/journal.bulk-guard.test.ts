// The bulk edit's stale check lives in the journal: a guarded patch is sent only if the account,
// as read just before sending, still holds what the plan saw, on the first send and on Resume
// after a reload alike. Chunked before-reads (one list request per chunk) feed it. Against the
// sandbox over loopback HTTP, with a real client and a real journal on the disk.
import * as assert from 'node:assert/strict';
import { planAccount } from '../../src/core/bulk-edit-plan';
import type { BulkEdit } from '../../src/editor/shared/bulk-protocol';
import { ChunkedAccountReads } from '../../src/isc/chunked-account-reads';
import { Redactor } from '../../src/isc/redact';
import { JournaledRun, planUndo, resumableItems, resumeRun, type ChangeSpec } from '../../src/journal';
import type { SandboxAccount } from '../../src/sandbox/state/records';
import { eachTestFolder, JOURNAL_WINDOW, startJournalTenant, type JournalTenant } from './support/journal-fixture';

const TENANT = 'sandbox';

describe('journal: the bulk edit’s stale check (guard)', () => {
  let tenant: JournalTenant;
  const folders = eachTestFolder();
  before(async () => (tenant = await startJournalTenant()));
  after(async () => tenant.sandbox.close());

  let used = 0;
  /** Flat-file accounts no other test touched. */
  const freshAccounts = (count: number): SandboxAccount[] => {
    const data = tenant.sandbox.tenant;
    const found = data.accountsOfSource(data.flatFileSource().id).slice(used, used + count);
    used += count;
    assert.equal(found.length, count, 'enough flat-file accounts');
    return found;
  };
  const attributesOf = (account: SandboxAccount) => tenant.sandbox.tenant.attributesOf(tenant.sandbox.tenant.account(account.id)!);
  const setAttribute = (account: SandboxAccount, name: string, value: string | undefined) => {
    const attributes = { ...attributesOf(account) };
    if (value === undefined) delete attributes[name];
    else attributes[name] = value;
    tenant.sandbox.tenant.updateAccount(account.id, { storedAttributes: attributes });
  };
  /** The guarded patch the plan makes for the account as it is now. */
  const plannedSpec = (account: SandboxAccount, edit: BulkEdit): ChangeSpec => {
    const plan = planAccount(attributesOf(account), edit);
    assert.equal(plan.kind, 'changed');
    if (plan.kind !== 'changed') throw new Error('unreachable');
    return { kind: 'patch', accountId: account.id, operations: plan.operations, guard: plan.guard };
  };
  const begin = (store: ReturnType<typeof folders.open>, specs: ChangeSpec[]) =>
    JournaledRun.begin(store, { tenantId: TENANT, action: 'patch', title: `Edit (${specs.length})`, bulk: true, items: specs.map((spec) => ({ spec })) });
  const patches = (account: SandboxAccount) => tenant.sandbox.ledger.count({ kind: 'patch', accountId: account.id });

  it('sends an account that still holds what the plan saw, and the value is set once', async () => {
    const [account] = freshAccounts(1);
    setAttribute(account, 'department', 'Sales');
    const run = await begin(folders.open(), [plannedSpec(account, { kind: 'set', attribute: 'department', value: 'Finance' })]);
    const sent = await run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    assert.equal(sent.outcome.outcome, 'applied');
    assert.equal(attributesOf(account).department, 'Finance');
    assert.equal(patches(account), 1);
  });

  it('does not send an account changed since the plan: not sent, naming the attribute and both values', async () => {
    const [account] = freshAccounts(1);
    setAttribute(account, 'department', 'Sales');
    const store = folders.open();
    const run = await begin(store, [plannedSpec(account, { kind: 'set', attribute: 'department', value: 'Finance' })]);
    setAttribute(account, 'department', 'HR');
    const sent = await run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    assert.equal(sent.outcome.outcome, 'not-sent');
    assert.equal(sent.outcome.reason, 'skipped: department changed since the plan (was "Sales", now "HR")');
    assert.equal(patches(account), 0, 'nothing reached ISC');
    assert.equal(attributesOf(account).department, 'HR', 'the newer value is kept');
    const item = (await run.entry()).items[0];
    assert.equal(item.state, 'not-sent');
    assert.equal(item.sentAt, undefined, 'never marked as handed to the client');
    assert.deepEqual(resumableItems(await run.entry()), [], 'Resume does not offer it: plan again');
  });

  it('an attribute absent at the plan and present now is stale, shown as (none)', async () => {
    const [account] = freshAccounts(1);
    setAttribute(account, 'costCenter', undefined);
    const run = await begin(folders.open(), [plannedSpec(account, { kind: 'add-item', attribute: 'costCenter', item: 'CC-1' })]);
    setAttribute(account, 'costCenter', 'CC-9');
    const sent = await run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    assert.equal(sent.outcome.reason, 'skipped: costCenter changed since the plan (was (none), now "CC-9")');
    assert.equal(patches(account), 0);
  });

  it('checks the before the caller read (a chunk read), with one list request for many accounts', async () => {
    const accounts = freshAccounts(5);
    for (const account of accounts) setAttribute(account, 'department', 'Sales');
    const run = await begin(folders.open(), accounts.map((account) => plannedSpec(account, { kind: 'set', attribute: 'department', value: 'Legal' })));
    setAttribute(accounts[2], 'department', 'Ops');
    const requestsBefore = tenant.sandbox.stats().requests;
    const reads = new ChunkedAccountReads(tenant.client, accounts.map((account) => account.id), 3);
    const outcomes = [];
    for (const [index, account] of accounts.entries()) {
      outcomes.push((await run.send(index, tenant.client, { window: JOURNAL_WINDOW, before: await reads.before(account.id) })).outcome.outcome);
    }
    assert.deepEqual(outcomes, ['applied', 'applied', 'not-sent', 'applied', 'applied']);
    // 2 list requests (chunks of 3 and 2) + 4 PATCHes; no GET per account.
    assert.equal(tenant.sandbox.stats().requests - requestsBefore, 6);
    assert.deepEqual(accounts.map(patches), [1, 1, 0, 1, 1]);
  });

  it('a guarded patch whose account cannot be read is not sent', async () => {
    const [account] = freshAccounts(1);
    const run = await begin(folders.open(), [plannedSpec(account, { kind: 'set', attribute: 'department', value: 'Gone' })]);
    assert.ok(tenant.sandbox.tenant.removeAccount(account.id));
    const sent = await run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    assert.equal(sent.outcome.outcome, 'not-sent');
    assert.match(sent.outcome.reason!, /could not be read just before sending/);
  });

  it('Resume after a reload: items cancelled before sending are sent from the journal, each checked against its guard', async () => {
    const accounts = freshAccounts(3);
    for (const account of accounts) setAttribute(account, 'title', 'Clerk');
    const store = folders.open();
    const run = await begin(store, accounts.map((account) => plannedSpec(account, { kind: 'set', attribute: 'title', value: 'Analyst' })));
    assert.equal((await run.send(0, tenant.client, { window: JOURNAL_WINDOW })).outcome.outcome, 'applied');
    await run.notSent(1, 'Cancelled before it was sent.');
    await run.notSent(2, 'Cancelled before it was sent.');
    await store.close();
    setAttribute(accounts[2], 'title', 'Manager');

    const reopened = folders.open();
    const entry = (await reopened.entry(TENANT, run.entryId))!;
    assert.deepEqual(resumableItems(entry).map((item) => item.index), [1, 2]);
    const resumed = resumeRun(reopened, entry);
    const outcomes = [];
    for (const index of resumed.indexes) outcomes.push((await resumed.send(index, tenant.client, { window: JOURNAL_WINDOW })).outcome);
    assert.equal(outcomes[0].outcome, 'applied');
    assert.deepEqual([outcomes[1].outcome, outcomes[1].reason], ['not-sent', 'skipped: title changed since the plan (was "Clerk", now "Manager")']);
    assert.deepEqual(accounts.map(patches), [1, 1, 0], 'each change applied once, the stale one never');
    assert.deepEqual(resumableItems((await reopened.entry(TENANT, run.entryId))!), []);
  });

  it('undo of an applied guarded patch is its inverse (the guard is not part of the undo)', async () => {
    const [account] = freshAccounts(1);
    setAttribute(account, 'department', 'Sales');
    const run = await begin(folders.open(), [plannedSpec(account, { kind: 'set', attribute: 'department', value: 'Finance' })]);
    await run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    const plan = planUndo((await run.entry()).items[0]);
    assert.ok('spec' in plan);
    assert.deepEqual(plan.spec, { kind: 'patch', accountId: account.id, operations: [{ op: 'replace', path: '/attributes/department', value: 'Sales' }] });
  });

  it('the journal scrubs guard values like any other: a masked one marks the item redacted, never resumed', async () => {
    const [account] = freshAccounts(1);
    setAttribute(account, 'apiKey', 'very-secret-value');
    const store = folders.open({ redactor: new Redactor(['very-secret-value']) });
    const run = await begin(store, [plannedSpec(account, { kind: 'remove', attribute: 'apiKey' })]);
    await run.notSent(0, 'Cancelled before it was sent.');
    const item = (await run.entry()).items[0];
    assert.equal(item.redacted, true);
    assert.ok(!JSON.stringify(item).includes('very-secret-value'));
    assert.deepEqual(resumableItems(await run.entry()), []);
  });
});
