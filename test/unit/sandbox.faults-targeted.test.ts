// Targeted faults (faults.next: the next N requests matching method / path / kind), the fates
// before apply (429, 401 with every token revoked), token revocation after N requests, slow
// tasks, the after-apply dice, and every knob given at start.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxAccount, SandboxHandle } from '../../src/sandbox';
import type { TaskStatus } from '../../src/isc/models';
import { call, fetchToken, sleep, waitFor } from './support/sandbox-http';

describe('sandbox: targeted faults and the fates before apply', () => {
  let sandbox: SandboxHandle;
  let token: string;
  let accounts: SandboxAccount[];
  const action = (account: SandboxAccount, verb: string, useToken = token) =>
    call<{ id: string }>(sandbox, useToken, `/v3/accounts/${account.id}/${verb}`, { method: 'POST', json: {} });
  let next = 0;
  const fresh = (): SandboxAccount => accounts[next++];

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 80, identities: 20, taskDurationMs: 20, rateLimit: false });
    token = await fetchToken(sandbox);
    accounts = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).filter((a) => !a.disabled && !a.locked);
  });
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  it('gives the fate to the next N requests that match, and to no other', async () => {
    const [a, b] = [fresh(), fresh()];
    sandbox.faults.next({ method: 'POST', path: '/disable', fate: 'server-error', count: 2 });
    assert.deepEqual(sandbox.faults.pending().map((r) => [r.fate, r.count]), [['server-error', 2]]);
    assert.equal((await call(sandbox, token, '/v3/sources')).status, 200, 'a GET does not match');
    assert.equal((await action(a, 'reload')).status, 202, 'another path does not match');
    assert.equal((await action(a, 'disable')).status, 503);
    assert.deepEqual(sandbox.faults.pending().map((r) => r.count), [1]);
    assert.equal((await action(b, 'disable')).status, 503);
    assert.equal((await action(b, 'disable')).status, 202, 'the rule is used up');
    assert.deepEqual(sandbox.faults.pending(), []);
  });

  it('matches by change kind, takes the first matching rule first, and can be cleared', async () => {
    const account = fresh();
    sandbox.faults.next({ kind: 'unlock', fate: 'server-error' });
    sandbox.faults.next({ kind: 'unlock', fate: 'rate-limited' });
    sandbox.faults.next({ kind: 'enable', fate: 'hang', count: Infinity });
    assert.equal((await action(account, 'unlock')).status, 503);
    assert.equal((await action(account, 'unlock')).status, 429);
    assert.equal((await action(account, 'unlock')).status, 202);
    sandbox.faults.clearRules();
    assert.equal((await action(account, 'enable')).status, 202);
  });

  it('rate-limited and burst429 refuse a change with 429 + Retry-After; nothing applies until it is sent again', async () => {
    const account = fresh();
    const mark = sandbox.ledger.mark();
    sandbox.faults.next({ kind: 'disable', fate: 'rate-limited' });
    const first = await action(account, 'disable');
    sandbox.faults.set({ burst429: 1 });
    const second = await action(account, 'disable');
    assert.deepEqual([first.status, second.status], [429, 429]);
    assert.equal(first.headers.get('retry-after'), '1');
    assert.equal(second.headers.get('retry-after'), '1');
    assert.equal((await action(account, 'disable')).status, 202);
    await waitFor(() => sandbox.tenant.account(account.id)?.disabled === true, 2000, 'the disable');
    assert.deepEqual(sandbox.ledger.entries({ since: mark }).map((e) => [e.state, e.answer, e.fault]), [
      ['rejected', 429, 'rate-limited'],
      ['rejected', 429, null],
      ['applied', 202, null],
    ]);
  });

  it('unauthorized revokes every token as the request arrives: 401, nothing applied, a new token works', async () => {
    const account = fresh();
    const own = await fetchToken(sandbox);
    sandbox.faults.next({ method: 'POST', kind: 'disable', fate: 'unauthorized' });
    const refused = await action(account, 'disable', own);
    assert.equal(refused.status, 401);
    assert.equal((await call(sandbox, own, '/v3/sources')).status, 401, 'the token stays revoked');
    assert.equal(sandbox.ledger.count({ accountId: account.id, state: 'rejected', fault: 'unauthorized' }), 1);
    const renewed = await fetchToken(sandbox);
    assert.equal((await action(account, 'disable', renewed)).status, 202);
    token = renewed;
  });

  it('revokeTokensAfter lets N API requests through, then every token gets 401 until a new one', async () => {
    const own = await fetchToken(sandbox);
    sandbox.faults.set({ revokeTokensAfter: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(sandbox, own, '/v3/sources?limit=1')).status);
    assert.equal(sandbox.faults.current.revokeTokensAfter, 0, 'it counts down and is spent');
    statuses.push((await call(sandbox, own, '/v3/sources?limit=1')).status);
    statuses.push((await call(sandbox, token, '/v3/sources?limit=1')).status);
    assert.deepEqual(statuses, [200, 200, 200, 401, 401]);
    const renewed = await fetchToken(sandbox);
    assert.equal((await call(sandbox, renewed, '/v3/sources?limit=1')).status, 200, 'revoked once, not for good');
    token = renewed;
  });

  it('taskDurationMs set at run time: the task reports running, nothing changes until it ends, then SUCCESS', async () => {
    const account = fresh();
    sandbox.faults.set({ taskDurationMs: 600 });
    const started = Date.now();
    const answer = await action(account, 'disable');
    const status = async () => (await call<TaskStatus>(sandbox, token, `/beta/task-status/${answer.body.id}`)).body;
    for (const at of [100, 350]) {
      await sleep(at - (Date.now() - started));
      const running = await status();
      assert.equal(running.completionStatus, null, `completed after ${Date.now() - started} ms`);
      assert.equal(running.completed, null);
      assert.ok(running.percentComplete < 100);
      assert.equal(sandbox.tenant.account(account.id)?.disabled, false, 'applied before its task ended');
      assert.equal(sandbox.ledger.entries({ accountId: account.id })[0].state, 'pending');
    }
    await waitFor(() => sandbox.ledger.count({ accountId: account.id, state: 'applied' }) === 1, 2000, 'the task to end');
    assert.ok(Date.now() - started >= 600);
    assert.equal((await status()).completionStatus, 'SUCCESS');
    assert.equal(sandbox.tenant.account(account.id)?.disabled, true);
  });

  it('after-apply dice roll for changes only, and repeat for the same seed', async () => {
    const pattern = async (seed: number): Promise<string[]> => {
      sandbox.faults.set({ emptyBodyRate: 0.3, htmlBodyRate: 0.3, seed });
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        const read = await call(sandbox, token, '/v3/sources?limit=1');
        assert.equal(read.status, 200);
        assert.ok(Array.isArray(read.body), 'a read got a broken body');
        const change = await action(accounts[70], 'reload');
        seen.push(change.text === '' ? 'empty' : change.text.startsWith('<!DOCTYPE') ? 'html' : 'json');
      }
      return seen;
    };
    const first = await pattern(4);
    assert.ok(first.includes('empty') && first.includes('html') && first.includes('json'), first.join());
    assert.deepEqual(await pattern(4), first);
    assert.notDeepEqual(await pattern(5), first);
  });

  it('reset() puts every knob back as it started and drops the rules', () => {
    sandbox.faults.set({ htmlBodyRate: 1, taskDurationMs: 5000, burst429: 3 });
    sandbox.faults.next({ fate: 'hang' });
    sandbox.faults.reset();
    assert.deepEqual(sandbox.faults.pending(), []);
    assert.equal(sandbox.faults.current.htmlBodyRate, 0);
    assert.equal(sandbox.faults.current.burst429, 0);
    assert.equal(sandbox.faults.current.taskDurationMs, 20);
  });
});

describe('sandbox: fault knobs given at start', () => {
  it('startSandbox takes fault rules, dice, token revocation and task duration', async () => {
    const sandbox = await startSandbox({
      largeSourceAccounts: 20,
      identities: 10,
      rateLimit: false,
      faults: { revokeTokensAfter: 2, taskDurationMs: 77 },
      faultRules: [{ kind: 'enable', fate: 'server-error' }],
    });
    try {
      const token = await fetchToken(sandbox);
      const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[0];
      const send = (verb: string) => call<{ id: string }>(sandbox, token, `/v3/accounts/${account.id}/${verb}`, { method: 'POST', json: {} });
      assert.equal((await send('enable')).status, 503, 'the rule (a 503 never reaches the token check, so it does not count)');
      const reload = await send('reload');
      assert.equal(sandbox.tenant.task(reload.body.id)?.durationMs, 77);
      assert.equal((await send('enable')).status, 202);
      assert.equal((await send('enable')).status, 401);
    } finally {
      await sandbox.close();
    }
  });
});
