// The change ledger records every change request received, in order, with what became of it,
// so a doubled change always shows: a second create onto the same native identity, a DELETE
// re-sent after its answer was lost, a request refused before anything applied.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { call, fetchToken, waitFor } from './support/sandbox-http';

const TASK_MS = 40;

describe('sandbox: change ledger', () => {
  let sandbox: SandboxHandle;
  let token: string;
  const post = (path: string, json?: unknown, headers?: Record<string, string>) => call<{ id: string }>(sandbox, token, path, { method: 'POST', json, headers });
  const settled = (since: number) => waitFor(() => sandbox.ledger.count({ since, state: 'pending' }) === 0, 2000, 'pending changes to settle');

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 60, identities: 30, taskDurationMs: TASK_MS, rateLimit: false });
    token = await fetchToken(sandbox);
  });
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  it('shows a second create of the same native identity as a second applied create (merged into the account)', async () => {
    const flat = sandbox.tenant.flatFileSource();
    const mark = sandbox.ledger.mark();
    const body = { attributes: { sourceId: flat.id, id: 'twice-1', userName: 'twice.one' } };
    const first = await post('/v3/accounts', body);
    await settled(mark);
    const second = await post('/v3/accounts', { attributes: { ...body.attributes, title: 'Again' } });
    await settled(mark);
    assert.deepEqual([first.status, second.status], [202, 202]);

    const creates = sandbox.ledger.entries({ since: mark, kind: 'create', nativeIdentity: 'twice-1' });
    assert.equal(creates.length, 2);
    assert.equal(sandbox.ledger.count({ kind: 'create', nativeIdentity: 'twice-1', state: 'applied' }), 2, 'a doubled create must count twice');
    const accounts = sandbox.tenant.accountsOfSource(flat.id).filter((a) => a.nativeIdentity === 'twice-1');
    assert.equal(accounts.length, 1, 'ISC updates the account with that native identity');
    assert.deepEqual(creates.map((e) => [e.accountId, e.merged, e.sourceId, e.taskId]), [
      [accounts[0].id, false, flat.id, first.body.id],
      [accounts[0].id, true, flat.id, second.body.id],
    ]);
    assert.equal(sandbox.tenant.ledgerFor(accounts[0].id, 'create').length, 2, 'the short ledger shows it twice too');
  });

  it('shows a DELETE re-sent after its answer was lost: applied once, the retry rejected with 404', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.flatFileSource().id)[5];
    const mark = sandbox.ledger.mark();
    sandbox.faults.next({ method: 'DELETE', path: /\/accounts\//, fate: 'drop-after-apply' });
    await assert.rejects(call(sandbox, token, `/v3/accounts/${account.id}`, { method: 'DELETE' }));
    await settled(mark);
    const retry = await call(sandbox, token, `/v3/accounts/${account.id}`, { method: 'DELETE' });
    assert.equal(retry.status, 404);

    const deletes = sandbox.ledger.entries({ since: mark, kind: 'delete', accountId: account.id });
    assert.deepEqual(deletes.map((e) => [e.state, e.answer, e.fault]), [
      ['applied', 'dropped', 'drop-after-apply'],
      ['rejected', 404, null],
    ]);
    assert.match(deletes[1].message ?? '', /was not found/);
    assert.equal(sandbox.ledger.count({ kind: 'delete', accountId: account.id, state: 'applied' }), 1);
    assert.equal(sandbox.tenant.account(account.id), undefined);
  });

  it('records requests refused before anything applied, with the answer and why', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[3];
    const mark = sandbox.ledger.mark();
    assert.equal((await call(sandbox, null, `/v3/accounts/${account.id}/disable`, { method: 'POST', json: {} })).status, 401);
    assert.equal((await post(`/v3/accounts/${account.id}/disable`, { forceProvisioning: 'yes' })).status, 400);
    assert.equal((await post(`/v2024/accounts/${account.id}/remove`)).status, 400, 'experimental header missing');
    sandbox.faults.next({ kind: 'disable', fate: 'server-error' });
    assert.equal((await post(`/v3/accounts/${account.id}/disable`, {})).status, 503);

    const entries = sandbox.ledger.entries({ since: mark });
    assert.deepEqual(entries.map((e) => [e.kind, e.state, e.answer, e.fault]), [
      ['disable', 'rejected', 401, null],
      ['disable', 'rejected', 400, null],
      ['remove', 'rejected', 400, null],
      ['disable', 'rejected', 503, 'server-error'],
    ]);
    assert.match(entries[1].message ?? '', /forceProvisioning must be a boolean/);
    assert.deepEqual(entries[1].body, { forceProvisioning: 'yes' });
    assert.ok(entries.every((e) => e.appliedAt === null && e.taskId === null));
    assert.equal(sandbox.tenant.account(account.id)?.disabled, false);
    assert.equal(sandbox.tenant.ledgerFor(account.id).length, 0);
  });

  it('keeps a change pending until its task ends, then applied, in the order tasks end', async () => {
    const [a, b] = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).filter((x) => !x.disabled).slice(10);
    const mark = sandbox.ledger.mark();
    sandbox.faults.set({ taskDurationMs: 300 });
    const slow = await post(`/v3/accounts/${a.id}/disable`, {});
    sandbox.faults.set({ taskDurationMs: 20 });
    const quick = await post(`/v3/accounts/${b.id}/disable`, {});
    const [slowEntry, quickEntry] = sandbox.ledger.entries({ since: mark });
    assert.deepEqual([slowEntry.state, slowEntry.taskId, slowEntry.answer], ['pending', slow.body.id, 202]);
    assert.ok(slowEntry.seq < quickEntry.seq, 'received order');
    await settled(mark);
    assert.deepEqual(sandbox.ledger.applied({ since: mark }).map((e) => e.taskId), [quick.body.id, slow.body.id], 'applied order');
    assert.ok((slowEntry.appliedSeq ?? 0) > (quickEntry.appliedSeq ?? 0));
    assert.ok((slowEntry.appliedAt ?? 0) >= slowEntry.receivedAt + 300, 'applied before its task had run');
    assert.deepEqual(sandbox.tenant.ledger().slice(-2).map((e) => [e.action, e.targetId, e.taskId]), [
      ['disable', b.id, quick.body.id],
      ['disable', a.id, slow.body.id],
    ]);
  });

  it('marks a change failed when its task ends in ERROR (the account vanished)', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[20];
    const mark = sandbox.ledger.mark();
    await post(`/v3/accounts/${account.id}/reload`);
    sandbox.tenant.removeAccount(account.id);
    await settled(mark);
    const [entry] = sandbox.ledger.entries({ since: mark });
    assert.equal(entry.state, 'failed');
    assert.match(entry.message ?? '', /no longer exists/);
    assert.equal(sandbox.ledger.applied({ since: mark }).length, 0);
  });

  it('makes one entry per known identity of a bulk IDN request, none for an unknown one', async () => {
    const identities = sandbox.tenant.identities().filter((i) => sandbox.tenant.identityNowAccountOf(i.id)).slice(0, 2);
    const unknown = '2c9180000000000000000000dead0009';
    const mark = sandbox.ledger.mark();
    const result = await post('/beta/identities-accounts/enable', { identityIds: [identities[0].id, unknown, identities[1].id] });
    assert.equal(result.status, 207);
    await settled(mark);
    const entries = sandbox.ledger.entries({ since: mark });
    assert.deepEqual(entries.map((e) => [e.kind, e.identityId, e.state, e.answer]), [
      ['identity-enable', identities[0].id, 'applied', 207],
      ['identity-enable', identities[1].id, 'applied', 207],
    ]);
    assert.equal(entries[0].requestSeq, entries[1].requestSeq);
    assert.equal(entries[0].accountId, sandbox.tenant.identityNowAccountOf(identities[0].id)?.id);
    assert.equal(sandbox.tenant.ledgerFor(identities[1].id, 'identity-enable').length, 1, 'the short ledger names the identity');
  });

  it('records remove-all with the accounts it removed', async () => {
    const source = sandbox.tenant.findSource((s) => s.kind === 'servicenow');
    assert.ok(source);
    const before = sandbox.tenant.accountsOfSource(source.id).map((a) => a.id);
    const mark = sandbox.ledger.mark();
    assert.equal((await post(`/beta/sources/${source.id}/remove-accounts`)).status, 202);
    await settled(mark);
    const [entry] = sandbox.ledger.entries({ since: mark, kind: 'remove-all' });
    assert.equal(entry.sourceId, source.id);
    assert.equal(before.length > 0, true);
    assert.deepEqual(entry.removedAccountIds, before);
    assert.deepEqual(sandbox.tenant.ledgerFor(source.id).map((e) => e.action), ['remove-all']);
  });

  it('answers queries by kind, state, method, path, fault and mark', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[30];
    const mark = sandbox.ledger.mark();
    await post(`/v3/accounts/${account.id}/unlock`, { unlockIDNAccount: true });
    sandbox.faults.next({ path: '/reload', fate: 'empty-body' });
    await post(`/beta/accounts/${account.id}/reload`);
    await settled(mark);
    const ledger = sandbox.ledger;
    assert.equal(ledger.count({ since: mark }), 2);
    assert.equal(ledger.count({ since: mark, kind: ['unlock', 'reload'], state: ['applied'] }), 2);
    assert.equal(ledger.count({ since: mark, method: 'post', path: /^\/beta\// }), 1);
    assert.equal(ledger.count({ since: mark, path: '/unlock', accountId: account.id }), 1);
    assert.equal(ledger.count({ since: mark, fault: 'empty-body' }), 1);
    assert.equal(ledger.count({ since: mark, state: 'rejected' }), 0);
    assert.deepEqual(ledger.entries({ since: mark, kind: 'unlock' })[0].body, { unlockIDNAccount: true });
    assert.equal(ledger.mark(), ledger.entries().at(-1)?.seq);
  });
});
