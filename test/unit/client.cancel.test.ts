// Cancel and time limits: an AbortSignal ends a call promptly wherever it is waiting (for a
// token, for a rate-limit slot, on the network, in a Retry-After or back-off wait, between
// task polls); a change cancelled after it was sent says it may have been applied. A request
// that hangs ends after timeoutMs with a message naming the method, the path and the seconds.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { accountJson, errorDto, startLoopbackServer, startTenant, tokenReply, type LoopbackServer } from '../../tools/testing/loopback-server';

const base = { clientId: 'cancel-client', clientSecret: 'cancel-secret-998877' };

/**
 * Aborts once `ready()` holds (checked every 5 ms, at the earliest after `afterMs`) and expects
 * a rejection of kind 'aborted' well before anything else could have ended the call (waits
 * here are 5 s and more; the margin is generous for a busy machine).
 */
async function expectPromptAbort(call: Promise<unknown>, controller: AbortController, afterMs: number, ready: () => boolean = () => true): Promise<IscError> {
  let abortedAt = 0;
  const trigger = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    while (!ready()) await new Promise((resolve) => setTimeout(resolve, 5));
    abortedAt = Date.now();
    controller.abort();
  };
  void trigger();
  let caught: IscError | undefined;
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof IscError, String(error));
    assert.equal(error.kind, 'aborted', error.message);
    caught = error;
    return true;
  });
  const lag = Date.now() - abortedAt;
  assert.ok(abortedAt > 0 && lag < 1_000, `rejected ${lag} ms after the abort`);
  return caught!;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), what);
}

describe('client: cancelling a call', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('while a read is on the network: the outcome of a read is never unknown', async () => {
    server = await startTenant(() => ({ hang: true }));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    const error = await expectPromptAbort(client.getAccount('a1', { signal: controller.signal }), controller, 0, () => server.apiRequests().length === 1);
    assert.equal(error.outcomeUnknown, undefined);
    await until(() => server.abandoned() === 1, 'the connection was closed, not left hanging');
  });

  for (const [what, send] of [
    ['POST', (client: IscClient, signal: AbortSignal) => client.createAccount({ attributes: { sourceId: 'src-1', name: 'jdoe' } }, { signal })],
    ['DELETE', (client: IscClient, signal: AbortSignal) => client.deleteAccount('a1', { signal })],
  ] as const) {
    it(`while a ${what} is on the network: aborted, and the change may have been applied`, async () => {
      server = await startTenant(() => ({ hang: true }));
      const client = new IscClient({ baseUrl: server.url, ...base });
      const controller = new AbortController();
      const error = await expectPromptAbort(send(client, controller.signal), controller, 0, () => server.apiRequests().length === 1);
      assert.equal(error.outcomeUnknown, true);
      assert.equal(error.method, what);
      assert.match(error.message, /after it was sent; the change may have been applied/);
      await until(() => server.abandoned() === 1, 'the exchange was aborted, not left hanging');
    });
  }

  it('while waiting for a token: nothing is sent, and the token request stops once nobody waits for it', async () => {
    server = await startLoopbackServer((request) => (request.path === '/oauth/token' ? { hang: true } : { status: 202, json: { id: 't' } }));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    const error = await expectPromptAbort(client.enableAccount('a1', {}, { signal: controller.signal }), controller, 0, () => server.tokenRequests().length === 1);
    assert.equal(error.outcomeUnknown, undefined, 'the change was never sent');
    assert.match(error.message, /POST \/v3\/accounts\/a1\/enable/);
    assert.equal(server.apiRequests().length, 0);
    await until(() => server.abandoned() === 1, 'the token request was aborted too');
  });

  it('one caller cancelling its wait for a token does not cancel the token another caller waits for', async () => {
    let release: () => void = () => undefined;
    const tokenGate = new Promise<void>((resolve) => (release = resolve));
    server = await startLoopbackServer(async (request) => {
      if (request.path !== '/oauth/token') return { status: 200, json: accountJson('a1') };
      await tokenGate;
      return tokenReply();
    });
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    const patient = client.getAccount('a1');
    const impatient = client.getAccount('a1', { signal: controller.signal });
    await until(() => server.tokenRequests().length === 1, 'the token was asked for');
    controller.abort();
    await assert.rejects(impatient, (error: unknown) => error instanceof IscError && error.kind === 'aborted');
    release();
    assert.equal((await patient).id, 'a1');
    assert.equal(server.tokenRequests().length, 1, 'one shared token request');
  });

  it('while waiting for a rate-limit slot', async () => {
    server = await startTenant(() => ({ status: 200, json: accountJson('a1') }));
    const client = new IscClient({ baseUrl: server.url, ...base, requestsPer10Seconds: 1 });
    await client.getAccount('a1');
    const controller = new AbortController();
    await expectPromptAbort(client.getAccount('a2', { signal: controller.signal }), controller, 100);
    assert.equal(server.apiRequests().length, 1, 'the cancelled call was never sent');
  });

  it('while waiting out a retry back-off', async () => {
    server = await startTenant(() => errorDto(503, 'busy'));
    const client = new IscClient({ baseUrl: server.url, ...base, retryBaseDelayMs: 5_000, retryMaxDelayMs: 5_000 });
    const controller = new AbortController();
    await expectPromptAbort(client.listAccounts({ signal: controller.signal }), controller, 0, () => server.apiRequests().length === 1);
  });

  it('while a 429 Retry-After is waited out', async () => {
    server = await startTenant(() => ({ status: 429, json: { message: 'Rate Limit Exceeded' }, headers: { 'Retry-After': '30' } }));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    await expectPromptAbort(client.listAccounts({ signal: controller.signal }), controller, 0, () => server.apiRequests().length === 1);
  });

  it('while a change refused with 429 waits out Retry-After: the outcome is known (not applied)', async () => {
    server = await startTenant(() => ({ status: 429, json: { message: 'Rate Limit Exceeded' }, headers: { 'Retry-After': '30' } }));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    const error = await expectPromptAbort(client.disableAccount('a1', {}, { signal: controller.signal }), controller, 0, () => server.apiRequests().length === 1);
    assert.equal(error.outcomeUnknown, undefined);
    assert.equal(error.path, '/v3/accounts/a1/disable');
    assert.equal(server.apiRequests().length, 1, 'not sent again');
  });

  it('while a change waits for a rate-limit slot: never sent, outcome known', async () => {
    server = await startTenant(() => ({ status: 202, json: { id: 'task-1' } }));
    const client = new IscClient({ baseUrl: server.url, ...base, requestsPer10Seconds: 1 });
    await client.getTaskStatus('warm-up').catch(() => undefined);
    const controller = new AbortController();
    const error = await expectPromptAbort(client.unlockAccount('a1', {}, { signal: controller.signal }), controller, 100);
    assert.equal(error.outcomeUnknown, undefined);
    assert.equal(server.apiRequests().filter((r) => r.method === 'POST').length, 0, 'the cancelled change was never sent');
  });

  it('while a task-status poll is on the network (waitForTask)', async () => {
    server = await startTenant(() => ({ hang: true }));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    await expectPromptAbort(client.waitForTask('task-1', { signal: controller.signal }), controller, 0, () => server.apiRequests().length === 1);
  });

  it('with a signal that has already fired: nothing is sent', async () => {
    server = await startTenant(() => ({ status: 200, json: [] }));
    const client = new IscClient({ baseUrl: server.url, ...base });
    await assert.rejects(client.enableAccount('a1', {}, { signal: AbortSignal.abort() }), (error: unknown) => {
      assert.ok(error instanceof IscError && error.kind === 'aborted');
      assert.match(error.message, /POST \/v3\/accounts\/a1\/enable/);
      return true;
    });
    assert.equal(server.requests.length, 0);
  });
});

describe('client: a request that hangs times out', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('after timeoutMs, naming the method, the path and the seconds', async () => {
    server = await startTenant(() => ({ hang: true }));
    const client = new IscClient({ baseUrl: server.url, ...base, timeoutMs: 300, maxRetries: 0 });
    await client.verifyCredentials();
    const started = Date.now();
    await assert.rejects(client.getAccount('2c91808a'), (error: unknown) => {
      assert.ok(error instanceof IscError);
      assert.equal(error.kind, 'timeout');
      assert.equal(error.message, 'ISC did not answer GET /v3/accounts/2c91808a within 0.3 s.');
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 290 && elapsed < 2_000, `took ${elapsed} ms`);
  });

  it('a body that trickles in past the limit also times out', async () => {
    server = await startTenant(() => ({ status: 200, json: accountJson('a1'), delayMs: 1_000 }));
    const client = new IscClient({ baseUrl: server.url, ...base, timeoutMs: 250, maxRetries: 0 });
    await assert.rejects(client.getAccount('a1'), (error: unknown) => error instanceof IscError && error.kind === 'timeout');
  });

  it('a read that timed out is retried and can still succeed', async () => {
    let calls = 0;
    server = await startTenant(() => (calls++ === 0 ? { hang: true } : { status: 200, json: accountJson('a1') }));
    const client = new IscClient({ baseUrl: server.url, ...base, timeoutMs: 200, retryBaseDelayMs: 1 });
    assert.equal((await client.getAccount('a1')).id, 'a1');
    assert.equal(client.stats().retries, 1);
  });
});
