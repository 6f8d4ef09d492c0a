// Account actions run as tasks, as on ISC: the request answers 202 at once, the change happens
// only when the task completes, the task's status says so, and the ledger records each applied
// change exactly once.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import type { TaskStatus } from '../../src/isc/models';
import { call, fetchToken, sleep, waitFor } from './support/sandbox-http';

const TASK_MS = 150;

describe('sandbox: actions apply when their task completes', () => {
  let sandbox: SandboxHandle;
  let token: string;
  const post = (path: string, json?: unknown) => call<{ id: string }>(sandbox, token, path, { method: 'POST', json });
  const taskDone = (id: string) => waitFor(() => sandbox.tenant.task(id)?.state !== 'RUNNING', 2000, `task ${id}`);

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 100, identities: 30, taskDurationMs: TASK_MS, rateLimit: false });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  /** Sends the request, checks nothing changed while its task runs, waits for the task,
   * checks the change and that it was applied (once) no earlier than the task's duration. */
  async function expectDeferred(send: () => Promise<{ status: number; body: { id: string } }>, changed: () => boolean): Promise<string> {
    const ledgerBefore = sandbox.tenant.ledger().length;
    const result = await send();
    assert.equal(result.status, 202);
    const task = sandbox.tenant.task(result.body.id);
    assert.ok(task, 'the answer names a task');
    if (task.state === 'RUNNING') {
      assert.equal(changed(), false, 'changed before its task completed');
      assert.equal(sandbox.tenant.ledger().length, ledgerBefore);
    }
    await taskDone(result.body.id);
    assert.equal(changed(), true, 'not changed after its task completed');
    const entries = sandbox.tenant.ledger().slice(ledgerBefore);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].taskId, result.body.id);
    assert.ok(entries[0].at >= task.created + TASK_MS, 'applied before the task had run its course');
    return result.body.id;
  }

  it('disable, enable, unlock and reload', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).find((a) => !a.disabled && !a.locked);
    assert.ok(account);
    const current = () => sandbox.tenant.account(account.id);
    await expectDeferred(() => post(`/v3/accounts/${account.id}/disable`, {}), () => current()?.disabled === true);
    await expectDeferred(() => post(`/beta/accounts/${account.id}/enable`, { forceProvisioning: false }), () => current()?.disabled === false);
    sandbox.tenant.updateAccount(account.id, { locked: true });
    await expectDeferred(() => post(`/v2024/accounts/${account.id}/unlock`, { unlockIDNAccount: false }), () => current()?.locked === false);
    const modified = current()?.modified;
    await expectDeferred(() => post(`/v3/accounts/${account.id}/reload`), () => current()?.modified !== modified);
    assert.deepEqual(sandbox.tenant.ledgerFor(account.id).map((e) => e.action), ['disable', 'enable', 'unlock', 'reload']);
  });

  it('create, PUT and DELETE on the flat-file source', async () => {
    const flat = sandbox.tenant.flatFileSource();
    const find = () => sandbox.tenant.accountsOfSource(flat.id).find((a) => a.nativeIdentity === 'C99999');
    await expectDeferred(
      () => post('/v3/accounts', { attributes: { sourceId: flat.id, id: 'C99999', userName: 'new.hire', displayName: 'New Hire', groups: ['Timesheets'] } }),
      () => find() !== undefined,
    );
    const created = find();
    assert.ok(created);
    assert.equal(created.name, 'new.hire');
    assert.equal(created.origin, 'PROVISIONED');
    assert.equal(created.entitlementIds.length, 1, 'groups became an entitlement');
    const attributes = () => sandbox.tenant.attributesOf(sandbox.tenant.account(created.id) ?? created);
    await expectDeferred(
      () => call<{ id: string }>(sandbox, token, `/v3/accounts/${created.id}`, { method: 'PUT', json: { attributes: { displayName: 'Renamed' } } }),
      () => attributes().displayName === 'Renamed',
    );
    assert.deepEqual(Object.entries(attributes()), [['displayName', 'Renamed']], 'PUT replaces the attributes');
    assert.equal(Object.getPrototypeOf(attributes()), null, 'stored attributes have no prototype');
    await expectDeferred(
      () => call<{ id: string }>(sandbox, token, `/v3/accounts/${created.id}`, { method: 'DELETE' }),
      () => sandbox.tenant.account(created.id) === undefined,
    );
  });

  it('remove (any source) and remove-accounts (a whole source)', async () => {
    const ad = sandbox.tenant.largeSource();
    const victim = sandbox.tenant.accountsOfSource(ad.id)[0];
    await expectDeferred(() => post(`/beta/accounts/${victim.id}/remove`), () => sandbox.tenant.account(victim.id) === undefined);
    const serviceNow = sandbox.tenant.findSource((s) => s.kind === 'servicenow');
    assert.ok(serviceNow);
    const result = await expectDeferred(() => post(`/beta/sources/${serviceNow.id}/remove-accounts`), () => sandbox.tenant.accountsOfSource(serviceNow.id).length === 0);
    assert.deepEqual(sandbox.tenant.ledgerFor(serviceNow.id).map((e) => [e.action, e.taskId]), [['remove-all', result]]);
  });

  it('enable/disable of an identity\'s IdentityNow account', async () => {
    const identity = sandbox.tenant.identities().find((i) => sandbox.tenant.identityNowAccountOf(i.id)?.disabled === false);
    assert.ok(identity);
    const idnDisabled = () => sandbox.tenant.identityNowAccountOf(identity.id)?.disabled;
    const answer = await post(`/beta/identities-accounts/${identity.id}/disable`);
    assert.equal(answer.status, 202);
    assert.deepEqual(answer.body, {});
    const task = sandbox.tenant.tasks().at(-1);
    assert.equal(task?.targetId, identity.id);
    if (task?.state === 'RUNNING') assert.equal(idnDisabled(), false);
    await waitFor(() => idnDisabled() === true, 2000, 'the IDN account to be disabled');
    assert.equal(sandbox.tenant.ledgerFor(identity.id, 'identity-disable').length, 1);
  });

  it('PATCH applies before it answers (202 {}), recorded without a task', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[5];
    const result = await call(sandbox, token, `/v3/accounts/${account.id}`, {
      method: 'PATCH',
      json: [{ op: 'replace', path: '/manuallyCorrelated', value: true }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(result.status, 202);
    assert.deepEqual(result.body, {});
    assert.equal(sandbox.tenant.account(account.id)?.manuallyCorrelated, true);
    assert.deepEqual(sandbox.tenant.ledgerFor(account.id).map((e) => [e.action, e.taskId]), [['patch', null]]);
  });
});

describe('sandbox: task status', () => {
  let sandbox: SandboxHandle;
  let token: string;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 50, identities: 20, taskDurationMs: 400, rateLimit: false });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  const status = async (id: string) => (await call<TaskStatus>(sandbox, token, `/beta/task-status/${id}`)).body;

  it('reports a running task with a rising percentage and no outcome, then SUCCESS', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[0];
    const { body } = await call<{ id: string }>(sandbox, token, `/v3/accounts/${account.id}/reload`, { method: 'POST' });
    const early = await status(body.id);
    assert.equal(early.completionStatus, null);
    assert.equal(early.completed, null);
    assert.ok(early.percentComplete < 100);
    await sleep(120);
    const later = await status(body.id);
    assert.equal(later.completionStatus, null);
    assert.ok(later.percentComplete > early.percentComplete, `${later.percentComplete} > ${early.percentComplete}`);
    await waitFor(() => sandbox.tenant.task(body.id)?.state === 'SUCCESS', 2000);
    const done = await status(body.id);
    assert.equal(done.completionStatus, 'SUCCESS');
    assert.equal(done.percentComplete, 100);
    assert.ok(done.completed && Date.parse(done.completed) >= Date.parse(done.created));
  });

  it('ends in ERROR with a message when the account vanished before the task applied', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[1];
    const removal = await call<{ id: string }>(sandbox, token, `/beta/accounts/${account.id}/remove`, { method: 'POST' });
    const disable = await call<{ id: string }>(sandbox, token, `/beta/accounts/${account.id}/disable`, { method: 'POST', json: {} });
    await waitFor(() => sandbox.tenant.task(disable.body.id)?.state !== 'RUNNING', 2000);
    assert.equal((await status(removal.body.id)).completionStatus, 'SUCCESS');
    const failed = await status(disable.body.id);
    assert.equal(failed.completionStatus, 'ERROR');
    assert.match(failed.messages[0].localizedText?.message ?? '', /no longer exists/);
    assert.deepEqual(sandbox.tenant.ledgerFor(account.id).map((e) => e.action), ['remove']);
  });

  it('answers 404 for an unknown task', async () => {
    assert.equal((await call(sandbox, token, '/v2024/task-status/0123456789abcdef0123456789abcdef')).status, 404);
  });

  it('with taskDurationMs 0, applies at once but still through a task', async () => {
    const instant = await startSandbox({ largeSourceAccounts: 10, identities: 5, taskDurationMs: 0 });
    try {
      const account = instant.tenant.accountsOfSource(instant.tenant.largeSource().id).find((a) => !a.disabled);
      assert.ok(account);
      const result = await call<{ id: string }>(instant, await fetchToken(instant), `/v3/accounts/${account.id}/disable`, { method: 'POST', json: {} });
      assert.equal(instant.tenant.account(account.id)?.disabled, true);
      assert.equal(instant.tenant.task(result.body.id)?.state, 'SUCCESS');
    } finally {
      await instant.close();
    }
  });
});
