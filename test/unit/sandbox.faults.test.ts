// Each fault knob does what FaultOptions says: latency, 503s decided before anything applies,
// dropped connections (with nothing applied, or after applying), hangs, 429 bursts, token
// lifetime, and seeded dice that repeat for the same seed.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxAccount, SandboxHandle } from '../../src/sandbox';
import { TrafficMonitor } from '../../src/sandbox/http/traffic';
import { call, fetchToken, waitFor } from './support/sandbox-http';

describe('sandbox: fault injection', () => {
  let sandbox: SandboxHandle;
  let token: string;
  let accounts: SandboxAccount[];
  const disable = (account: SandboxAccount) => call<{ id: string }>(sandbox, token, `/v3/accounts/${account.id}/disable`, { method: 'POST', json: {} });

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 60, identities: 20, taskDurationMs: 20, rateLimit: false });
    token = await fetchToken(sandbox);
    accounts = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).filter((a) => !a.disabled);
  });
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  it('latencyMs delays every answer', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = Date.now();
    assert.equal((await call(sandbox, token, '/v3/sources')).status, 200);
    assert.ok(Date.now() - started >= 140, `answered after ${Date.now() - started} ms`);
  });

  it('serverErrorRate answers 503 with an ErrorResponseDto and applies nothing', async () => {
    sandbox.setFaults({ serverErrorRate: 1 });
    const tasksBefore = sandbox.tenant.tasks().length;
    const result = await disable(accounts[0]);
    assert.equal(result.status, 503);
    assert.equal((result.body as unknown as { detailCode: string }).detailCode, '503 Service Unavailable');
    assert.equal(sandbox.tenant.tasks().length, tasksBefore, 'a task was created');
    assert.equal(sandbox.tenant.account(accounts[0].id)?.disabled, false);
  });

  it('dropConnectionRate destroys the socket with no answer and applies nothing', async () => {
    sandbox.setFaults({ dropConnectionRate: 1 });
    const before = sandbox.stats();
    await assert.rejects(disable(accounts[1]));
    await assert.rejects(call(sandbox, token, '/v3/sources'), 'reads are dropped too');
    sandbox.setFaults({ dropConnectionRate: 0 });
    assert.equal(sandbox.stats().droppedConnections, before.droppedConnections + 2);
    assert.equal(sandbox.tenant.ledgerFor(accounts[1].id).length, 0);
    assert.deepEqual(sandbox.ledger.entries({ accountId: accounts[1].id }).map((e) => [e.state, e.answer, e.fault]), [['rejected', 'dropped', 'drop']]);
    assert.equal(sandbox.tenant.account(accounts[1].id)?.disabled, false);
    assert.equal(sandbox.requestLog().at(-1)?.status, 0);
  });

  it('dropAfterApplyRate applies a change, then destroys the socket: the ambiguous case', async () => {
    sandbox.setFaults({ dropAfterApplyRate: 1 });
    await assert.rejects(disable(accounts[2]));
    assert.equal((await call(sandbox, token, '/v3/sources')).status, 200, 'reads are not affected');
    await waitFor(() => sandbox.tenant.ledgerFor(accounts[2].id).length === 1, 2000, 'the change to apply');
    assert.equal(sandbox.tenant.account(accounts[2].id)?.disabled, true);
  });

  it('hangRate never answers until the client gives up', async () => {
    sandbox.setFaults({ hangRate: 1 });
    const started = Date.now();
    await assert.rejects(call(sandbox, token, '/v3/sources', { signal: AbortSignal.timeout(200) }), /abort|timeout/i);
    assert.ok(Date.now() - started >= 190);
    const hungChange = call(sandbox, token, `/v3/accounts/${accounts[3].id}/disable`, { method: 'POST', json: {}, signal: AbortSignal.timeout(200) });
    await assert.rejects(hungChange, /abort|timeout/i, 'a change hangs too');
    sandbox.setFaults({ hangRate: 0 });
    assert.equal(sandbox.stats().byStatus.hung, 2);
    assert.deepEqual(sandbox.ledger.entries({ accountId: accounts[3].id }).map((e) => [e.state, e.answer, e.fault]), [['rejected', 'hung', 'hang']]);
    assert.equal((await call(sandbox, token, '/v3/sources')).status, 200);
  });

  it('burst429 refuses the next N API requests with 429 + Retry-After, whatever the pace', async () => {
    sandbox.setFaults({ burst429: 2 });
    const fresh = await fetchToken(sandbox);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const result = await call(sandbox, fresh, '/v3/sources');
      statuses.push(result.status);
      if (result.status === 429) assert.equal(result.headers.get('retry-after'), '1');
    }
    assert.deepEqual(statuses, [429, 429, 200], 'the token request did not use up the burst');
  });

  it('tokenTtlSeconds sets the lifetime of tokens issued from then on', async () => {
    sandbox.setFaults({ tokenTtlSeconds: 42 });
    const response = await fetch(`${sandbox.baseUrl}/oauth/token?grant_type=client_credentials&client_id=${sandbox.clientId}&client_secret=${sandbox.clientSecret}`, { method: 'POST' });
    assert.equal(((await response.json()) as { expires_in: number }).expires_in, 42);
    sandbox.setFaults({ tokenTtlSeconds: 749 });
  });

  it('refuses impossible settings', () => {
    assert.throws(() => sandbox.setFaults({ serverErrorRate: 2 }), RangeError);
    assert.throws(() => sandbox.setFaults({ burst429: -1 }), RangeError);
    assert.throws(() => sandbox.setFaults({ truncatedBodyRate: 1.5 }), RangeError);
    assert.throws(() => sandbox.setFaults({ revokeTokensAfter: 0.5 }), RangeError);
    assert.throws(() => sandbox.setFaults({ taskDurationMs: -1 }), RangeError);
    assert.throws(() => sandbox.faults.next({ fate: 'explode' as never }), RangeError);
    assert.throws(() => sandbox.faults.next({ fate: 'hang', count: 0 }), RangeError);
    assert.deepEqual(sandbox.faults.pending(), []);
  });

  it('rolls the same dice for the same seed, and other dice for another', async () => {
    const outcomes = async (seed: number): Promise<number[]> => {
      const seeded = await startSandbox({ largeSourceAccounts: 10, identities: 5 });
      try {
        const fresh = await fetchToken(seeded);
        seeded.setFaults({ serverErrorRate: 0.5, seed });
        const statuses: number[] = [];
        for (let i = 0; i < 24; i++) statuses.push((await call(seeded, fresh, '/v3/sources?limit=1')).status);
        return statuses;
      } finally {
        await seeded.close();
      }
    };
    const first = await outcomes(9);
    assert.ok(first.includes(503) && first.includes(200));
    assert.deepEqual(await outcomes(9), first);
    assert.notDeepEqual(await outcomes(10), first);
  });
});

describe('sandbox: request log', () => {
  it('keeps the last 10,000 requests, oldest first', () => {
    const monitor = new TrafficMonitor();
    for (let i = 0; i < 10_050; i++) monitor.record({ method: 'GET', path: `/v3/x/${i}`, query: '', experimentalHeader: false, at: i }, 'GET /v3/x', 200);
    const entries = monitor.entries();
    assert.equal(entries.length, 10_000);
    assert.equal(entries[0].path, '/v3/x/50');
    assert.equal(entries.at(-1)?.path, '/v3/x/10049');
    assert.equal(monitor.stats().requests, 10_050);
  });
});
