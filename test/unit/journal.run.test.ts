// Every change the extension makes leaves a journal entry: when, the tenant, the target, the
// action, the spec, the body sent for PATCH and PUT, the ISC task, the outcome and its
// evidence. Against the sandbox over loopback HTTP, with a real client.
import * as assert from 'node:assert/strict';
import { bodySent, type ChangeSpec } from '../../src/journal/change-spec';
import { countStates } from '../../src/journal/entry';
import { JournaledRun, sendJournaled } from '../../src/journal/journaled-run';
import { JOURNAL_WINDOW, sharedJournalTenant } from './support/journal-fixture';

const TENANT = 'sandbox';

describe('journal: an entry for each kind of change', () => {
  const tenant = sharedJournalTenant();

  const send = (spec: ChangeSpec, title: string) => sendJournaled(tenant.store, { tenantId: TENANT, title, spec }, tenant.client, { window: JOURNAL_WINDOW });
  const itemOf = async (entryId: string) => (await tenant.store.entry(TENANT, entryId))!.items[0];

  it('disable and enable: the flags before, the task, applied by the task’s end, the target read', async () => {
    const { tenant: data } = tenant.sandbox;
    const account = data.accountsOfSource(data.largeSource().id).find((a) => !a.disabled && !a.locked)!;
    const disabled = await send({ kind: 'lifecycle', action: 'disable', accountId: account.id }, `Disabling ${account.name}`);
    const item = await itemOf(disabled.entryId);
    const entry = (await tenant.store.entry(TENANT, disabled.entryId))!;
    assert.equal(entry.action, 'disable');
    assert.equal(entry.tenantId, TENANT);
    assert.ok(Date.parse(entry.created) <= Date.parse(entry.updated));
    assert.equal(item.state, 'applied');
    assert.deepEqual(item.before, { kind: 'flags', disabled: false, locked: false });
    assert.equal(item.outcome?.evidence.kind, 'task');
    assert.ok(item.taskId && item.taskId === tenant.sandbox.ledger.entries({ kind: 'disable', accountId: account.id })[0].taskId);
    assert.equal(item.target.accountName, account.name, 'the target is completed from the account read before sending');
    assert.equal(item.target.sourceId, account.sourceId);
    assert.ok(item.sentAt);
    const enabled = await send({ kind: 'lifecycle', action: 'enable', accountId: account.id }, `Enabling ${account.name}`);
    assert.equal((await itemOf(enabled.entryId)).state, 'applied');
  });

  it('unlock and reload', async () => {
    const { tenant: data } = tenant.sandbox;
    const account = data.accountsOfSource(data.largeSource().id)[3];
    data.updateAccount(account.id, { locked: true });
    const unlocked = await send({ kind: 'lifecycle', action: 'unlock', accountId: account.id, body: { unlockIDNAccount: false } }, 'Unlocking');
    assert.equal((await itemOf(unlocked.entryId)).state, 'applied');
    const reloaded = await send({ kind: 'lifecycle', action: 'reload', accountId: account.id }, 'Reloading');
    const item = await itemOf(reloaded.entryId);
    assert.equal(item.state, 'applied');
    assert.equal(item.before, undefined, 'a reload reads nothing before');
  });

  it('create, PUT, attribute PATCH and delete on the flat-file source; PATCH and PUT keep the body sent', async () => {
    const flat = tenant.sandbox.tenant.flatFileSource();
    const created = await send({ kind: 'create', attributes: { sourceId: flat.id, nativeIdentity: 'J1000', name: 'journal.one', email: 'j1@example.com' } }, 'Creating');
    const createItem = await itemOf(created.entryId);
    assert.equal(createItem.state, 'applied');
    assert.deepEqual(createItem.before, { kind: 'create', nativeIdentityExisted: false });
    const account = tenant.sandbox.tenant.accountsOfSource(flat.id).find((a) => a.nativeIdentity === 'J1000')!;

    const put = await send({ kind: 'put', accountId: account.id, attributes: { name: 'journal.one', email: 'new@example.com' } }, 'Replacing');
    const putItem = await itemOf(put.entryId);
    assert.equal(putItem.state, 'applied');
    assert.deepEqual(bodySent(putItem.spec), { attributes: { name: 'journal.one', email: 'new@example.com' } });
    assert.equal(putItem.before?.kind, 'editable');

    const operations = [{ op: 'replace' as const, path: '/attributes/email', value: 'patched@example.com' }];
    const patched = await send({ kind: 'patch', accountId: account.id, operations }, 'Patching');
    const patchItem = await itemOf(patched.entryId);
    assert.equal(patchItem.state, 'applied');
    assert.deepEqual(bodySent(patchItem.spec), operations);
    assert.equal(patchItem.before?.kind === 'editable' && patchItem.before.attributes.email, 'new@example.com');
    assert.equal(patchItem.outcome?.evidence.kind, 'answer', 'a PATCH applies before it answers, without a task');

    const deleted = await send({ kind: 'delete', accountId: account.id }, 'Deleting');
    assert.equal((await itemOf(deleted.entryId)).state, 'applied');
  });

  it('correlation PATCH, remove, remove all of a source, and an IDN account', async () => {
    const { tenant: data } = tenant.sandbox;
    const account = data.accountsOfSource(data.largeSource().id)[7];
    const correlated = await send({ kind: 'patch', accountId: account.id, operations: [{ op: 'replace', path: '/manuallyCorrelated', value: !account.manuallyCorrelated }] }, 'Setting');
    assert.equal((await itemOf(correlated.entryId)).state, 'applied');
    const removed = await send({ kind: 'remove', accountId: data.accountsOfSource(data.largeSource().id)[8].id }, 'Removing');
    assert.equal((await itemOf(removed.entryId)).state, 'applied');
    const serviceNow = data.findSource((s) => s.kind === 'servicenow')!;
    const all = await send({ kind: 'remove-all', sourceId: serviceNow.id }, 'Removing all');
    assert.equal((await itemOf(all.entryId)).state, 'applied');
    const identity = data.identities().find((i) => data.identityNowAccountOf(i.id)?.disabled === false)!;
    const idn = await send({ kind: 'idn', toggle: 'disable', identityId: identity.id }, 'Disabling IDN');
    const idnItem = await itemOf(idn.entryId);
    assert.equal(idnItem.state, 'applied');
    assert.equal((await tenant.store.entry(TENANT, idn.entryId))?.action, 'idn-disable');
  });

  it('a refusal is not applied with ISC’s reason and tracking id', async () => {
    const { tenant: data } = tenant.sandbox;
    const direct = data.accountsOfSource(data.largeSource().id)[9];
    const refused = await send({ kind: 'patch', accountId: direct.id, operations: [{ op: 'add', path: '/attributes/note', value: 'x' }] }, 'Patching');
    const item = await itemOf(refused.entryId);
    assert.equal(item.state, 'not-applied');
    assert.ok(item.outcome?.reason);
    assert.ok(item.outcome?.trackingId);
  });

  it('a bulk run is one entry with its items and counts', async () => {
    const { tenant: data } = tenant.sandbox;
    const accounts = data.accountsOfSource(data.largeSource().id).filter((a) => !a.disabled).slice(20, 26);
    const items = [...accounts.map((a) => ({ spec: { kind: 'lifecycle', action: 'disable', accountId: a.id } as ChangeSpec, target: { accountId: a.id, label: a.name } })), { spec: { kind: 'lifecycle', action: 'disable', accountId: '2c9180000000000000000000dead0001' } as ChangeSpec }];
    const run = await JournaledRun.begin(tenant.store, { tenantId: TENANT, action: 'disable', title: `Disable accounts (${items.length})`, items });
    tenant.sandbox.faults.next({ kind: 'disable', path: accounts[0].id, fate: 'drop-after-apply' });
    await Promise.all(run.indexes.map((index) => run.send(index, tenant.client, { window: JOURNAL_WINDOW })));
    const entry = await run.entry();
    assert.equal(entry.bulk, true);
    assert.equal(entry.items.length, 7);
    const counts = countStates(entry);
    assert.equal(counts.applied, 6);
    assert.equal(entry.items[0].outcome?.evidence.kind, 'read-back', 'the lost answer was settled by reading back');
    assert.equal(counts['not-applied'], 1, 'the unknown account is refused (404)');
  });
});

describe('journal: nothing is sent that is not journaled first', () => {
  const tenant = sharedJournalTenant();

  it('when the in-flight record cannot be written, the change is not sent and says so', async () => {
    const { store } = tenant;
    const { tenant: data } = tenant.sandbox;
    const account = data.accountsOfSource(data.largeSource().id).find((a) => !a.disabled)!;
    const run = await JournaledRun.begin(store, { tenantId: TENANT, action: 'disable', title: 'Disabling', items: [{ spec: { kind: 'lifecycle', action: 'disable', accountId: account.id } }] });
    const mark = tenant.sandbox.ledger.mark();
    const write = store.updateItem.bind(store);
    let failed = false;
    store.updateItem = async (ref, change) => {
      if (change.state === 'in-progress' && !failed) {
        failed = true;
        throw new Error('ENOSPC: no space left on device');
      }
      return write(ref, change);
    };
    const result = await run.send(0, tenant.client, { window: JOURNAL_WINDOW });
    assert.equal(result.outcome.outcome, 'not-sent');
    assert.match(result.outcome.reason!, /journal could not be written.*ENOSPC/);
    assert.equal(tenant.sandbox.ledger.count({ since: mark }), 0, 'nothing reached ISC');
    assert.equal((await run.entry()).items[0].state, 'not-sent');
  });
});
