// Retrying only when it is safe: reads are retried after 5xx and broken connections; a change
// (POST, PUT, PATCH, DELETE) only when it provably never reached ISC, so no account is
// created, enabled or removed twice, and no applied change is reported as refused.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { backoffDelay, isRetryable, parseRetryAfter } from '../../src/isc/retry';
import { accountJson, errorDto, startLoopbackServer, startTenant, tokenReply, type LoopbackServer, type Reply } from '../../tools/testing/loopback-server';

const fast = { clientId: 'retry-client', clientSecret: 'retry-secret-123456', retryBaseDelayMs: 10, retryMaxDelayMs: 40, timeoutMs: 2_000 };

/** Answers API calls from `script` in turn, then `rest`. */
function scripted(script: Reply[], rest: Reply): (request: unknown) => Reply {
  let call = 0;
  return () => script[call++] ?? rest;
}

function expectError(kind: string, check: (error: IscError) => void = () => undefined) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof IscError, String(error));
    assert.equal(error.kind, kind, error.message);
    check(error);
    return true;
  };
}

describe('client: server errors on reads are retried', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('GET succeeds after two 5xx', async () => {
    server = await startTenant(scripted([errorDto(503, 'busy'), errorDto(500, 'oops')], { status: 200, json: accountJson('a1') }));
    const client = new IscClient({ baseUrl: server.url, ...fast });
    await client.getAccount('a1');
    assert.equal(server.apiRequests().length, 3);
    assert.equal(client.stats().retries, 2);
  });

  it('gives up after maxRetries with the last server message', async () => {
    server = await startTenant(() => errorDto(500, 'Database unavailable', 'trk-500'));
    const client = new IscClient({ baseUrl: server.url, ...fast, maxRetries: 2 });
    await assert.rejects(
      client.getAccount('a1'),
      expectError('http', (error) => {
        assert.equal(error.status, 500);
        assert.equal(error.trackingId, 'trk-500');
        assert.match(error.message, /Database unavailable/);
        assert.match(error.message, /after 2 retries/);
      }),
    );
    assert.equal(server.apiRequests().length, 3);
  });

  it('a GET whose connection is reset is retried', async () => {
    server = await startTenant(scripted([{ destroy: true }], { status: 200, json: accountJson('a1') }));
    const client = new IscClient({ baseUrl: server.url, ...fast });
    assert.equal((await client.getAccount('a1')).id, 'a1');
    assert.equal(server.apiRequests().length, 2);
  });
});

describe('client: a change that reached ISC is never sent twice', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  for (const method of ['PUT', 'DELETE'] as const) {
    const send = (client: IscClient) =>
      method === 'PUT' ? client.putAccount('a1', { attributes: { city: 'Austin' } }) : client.deleteAccount('a1');

    it(`a ${method} answered 503 is not retried: outcome unknown`, async () => {
      server = await startTenant(scripted([errorDto(503, 'busy')], { status: 202, json: { id: 'task-1' } }));
      const client = new IscClient({ baseUrl: server.url, ...fast });
      await assert.rejects(
        send(client),
        expectError('http', (error) => {
          assert.equal(error.status, 503);
          assert.equal(error.outcomeUnknown, true);
          assert.equal(error.method, method);
          assert.equal(error.path, '/v3/accounts/a1');
        }),
      );
      assert.equal(server.apiRequests().length, 1);
    });

    it(`a ${method} that times out is not retried: outcome unknown`, async () => {
      server = await startTenant(() => ({ hang: true }));
      const client = new IscClient({ baseUrl: server.url, ...fast, timeoutMs: 200 });
      await assert.rejects(send(client), expectError('timeout', (error) => assert.equal(error.outcomeUnknown, true)));
      assert.equal(server.apiRequests().length, 1);
    });
  }

  it('a DELETE applied by ISC whose answer was lost is not re-sent (no false "refused … 404")', async () => {
    const deleted = new Set<string>();
    server = await startTenant((request) => {
      if (request.method !== 'DELETE') return { status: 200, json: [] };
      const id = request.path.split('/').pop()!;
      if (deleted.has(id)) return errorDto(404, `Account ${id} not found`);
      deleted.add(id);
      return { destroy: true }; // applied, then the answer is lost
    });
    const client = new IscClient({ baseUrl: server.url, ...fast, maxRetries: 4 });
    await assert.rejects(
      client.deleteAccount('a1'),
      expectError('network', (error) => {
        assert.equal(error.outcomeUnknown, true);
        assert.equal(error.method, 'DELETE');
        assert.doesNotMatch(error.message, /404|refused/);
        assert.match(error.message, /may or may not have been applied/);
      }),
    );
    assert.equal(server.apiRequests().length, 1, 'the DELETE was sent once');
    assert.equal(client.stats().retries, 0);
  });

  it('a POST whose connection is reset after sending is not retried; the outcome is unknown', async () => {
    server = await startTenant(() => ({ destroy: true }));
    const client = new IscClient({ baseUrl: server.url, ...fast, maxRetries: 4 });
    await assert.rejects(
      client.disableAccount('a1'),
      expectError('network', (error) => {
        assert.equal(error.outcomeUnknown, true);
        assert.match(error.message, /POST \/v3\/accounts\/a1\/disable/);
        assert.match(error.message, /may or may not have been applied/);
      }),
    );
    assert.equal(server.apiRequests().length, 1);
    assert.equal(server.apiRequests()[0].body, '{}', 'the request body had been sent');
  });

  it('a PATCH that times out after sending is not retried', async () => {
    server = await startTenant(() => ({ hang: true }));
    const client = new IscClient({ baseUrl: server.url, ...fast, timeoutMs: 200 });
    await assert.rejects(
      client.patchAccount('a1', [{ op: 'replace', path: '/manuallyCorrelated', value: true }]),
      expectError('timeout', (error) => {
        assert.equal(error.outcomeUnknown, true);
        assert.match(error.message, /PATCH \/v3\/accounts\/a1 within 0\.2 s/);
      }),
    );
    assert.equal(server.apiRequests().length, 1);
  });

  for (const status of [500, 502, 503, 504]) {
    it(`a POST answered ${status} is not retried (ISC may have applied it)`, async () => {
      server = await startTenant(() => errorDto(status, 'Upstream trouble'));
      const client = new IscClient({ baseUrl: server.url, ...fast });
      await assert.rejects(
        client.createAccount({ attributes: { sourceId: 'src-1', name: 'jdoe' } }),
        expectError('http', (error) => {
          assert.equal(error.status, status);
          assert.equal(error.outcomeUnknown, true);
          assert.match(error.message, /may or may not have been applied/);
        }),
      );
      assert.equal(server.apiRequests().length, 1);
    });
  }

  it('a POST refused with 429 (the gateway never forwarded it) is retried and applied once', async () => {
    let applied = 0;
    let calls = 0;
    server = await startTenant(() => {
      if (calls++ === 0) return { status: 429, json: { message: ' Rate Limit Exceeded ' }, headers: { 'Retry-After': '0' } };
      applied++;
      return { status: 202, json: { id: 'task-1' } };
    });
    const client = new IscClient({ baseUrl: server.url, ...fast });
    assert.deepEqual(await client.enableAccount('a1'), { id: 'task-1' });
    assert.equal(applied, 1);
    assert.equal(client.stats().rateLimited, 1);
  });

  it('a POST whose connection was refused (nothing sent) is retried once the tenant is back', async () => {
    server = await startTenant(() => ({ status: 202, json: { id: 'task-9' } }));
    let reopened = false;
    const client = new IscClient({
      baseUrl: server.url,
      ...fast,
      log: (_level, message) => {
        // The first retry is scheduled: bring the tenant back before it is sent.
        if (!reopened && message.startsWith('Retrying POST')) {
          reopened = true;
          server.reopen();
        }
      },
    });
    await client.verifyCredentials();
    await server.stop();
    assert.deepEqual(await client.enableAccount('a1'), { id: 'task-9' });
    assert.ok(reopened, 'the first attempt was refused');
    assert.equal(server.apiRequests().length, 1, 'exactly one POST reached the tenant');
  });

  it('a POST to a tenant that stays down fails as network without outcomeUnknown', async () => {
    server = await startTenant(() => ({ status: 202, json: { id: 'x' } }));
    const client = new IscClient({ baseUrl: server.url, ...fast, maxRetries: 2 });
    await client.verifyCredentials();
    await server.stop();
    await assert.rejects(
      client.unlockAccount('a1'),
      expectError('network', (error) => {
        assert.equal(error.outcomeUnknown, undefined);
        assert.match(error.message, /ECONNREFUSED/);
        assert.match(error.message, /after 2 retries/);
      }),
    );
  });
});

describe('client: the token request is retried like a read', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('a 503 from /oauth/token is retried', async () => {
    let tokenCalls = 0;
    server = await startLoopbackServer((request) => {
      if (request.path !== '/oauth/token') return { status: 200, json: [] };
      return tokenCalls++ === 0 ? errorDto(503, 'warming up') : tokenReply();
    });
    const client = new IscClient({ baseUrl: server.url, ...fast });
    await client.listAccounts();
    assert.equal(client.stats().tokenRequests, 2);
  });
});

describe('retry policy and back-off', () => {
  it('retries each failure only for the methods where it is safe', () => {
    const refused = { type: 'network', code: 'ECONNREFUSED', reachedServer: false } as const;
    const reset = { type: 'network', code: 'ECONNRESET', reachedServer: 'unknown' } as const;
    assert.equal(isRetryable('POST', refused), true);
    assert.equal(isRetryable('POST', reset), false);
    assert.equal(isRetryable('PATCH', { type: 'timeout' }), false);
    assert.equal(isRetryable('POST', { type: 'status', status: 429 }), true);
    assert.equal(isRetryable('POST', { type: 'status', status: 503 }), false);
    assert.equal(isRetryable('DELETE', { type: 'status', status: 503 }), false);
    assert.equal(isRetryable('PUT', reset), false);
    assert.equal(isRetryable('DELETE', { type: 'timeout' }), false);
    assert.equal(isRetryable('DELETE', refused), true);
    assert.equal(isRetryable('GET', { type: 'status', status: 503 }), true);
    assert.equal(isRetryable('GET', { type: 'tls', code: 'CERT_HAS_EXPIRED', detail: 'certificate has expired' }), false);
    assert.equal(isRetryable('GET', { type: 'status', status: 404 }), false);
    assert.equal(isRetryable('GET', reset), true);
  });

  it('uses exponential back-off with full jitter under a cap', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(backoffDelay(0, { ...options, random: () => 0.999 }), 99);
    assert.equal(backoffDelay(3, { ...options, random: () => 0.5 }), 400);
    assert.equal(backoffDelay(10, { ...options, random: () => 0.5 }), 500);
    assert.equal(backoffDelay(3, { ...options, random: () => 0 }), 0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter(new Date(now + 5000).toUTCString(), now), 5000);
    assert.equal(parseRetryAfter(new Date(now - 5000).toUTCString(), now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
