// Signing in with a personal access token: one token request for everyone, renewed before it
// expires, refreshed once after a 401, and a refused client id or secret said plainly.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { TokenProvider } from '../../src/isc/auth';
import { IscError } from '../../src/isc/errors';
import { HttpTransport } from '../../src/isc/http';
import { Redactor } from '../../src/isc/redact';
import { accountJson, fakeToken, startLoopbackServer, startTenant, tokenReply, type LoopbackServer } from '../../tools/testing/loopback-server';

const SECRET = 'pat-secret-0f9e8d7c6b5a';

function clientFor(server: LoopbackServer, extra: Partial<ConstructorParameters<typeof IscClient>[0]> = {}): IscClient {
  return new IscClient({ baseUrl: server.url, clientId: 'pat-client-id', clientSecret: SECRET, retryBaseDelayMs: 5, ...extra });
}

describe('client: the token request', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('posts the client credentials as a form to /oauth/token', async () => {
    server = await startTenant(() => ({ status: 200, json: [] }));
    await clientFor(server).listAccounts();
    const [token] = server.tokenRequests();
    assert.equal(token.method, 'POST');
    assert.match(String(token.headers['content-type']), /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(token.body);
    assert.deepEqual(Object.fromEntries(form), { grant_type: 'client_credentials', client_id: 'pat-client-id', client_secret: SECRET });
    assert.match(String(server.apiRequests()[0].headers.authorization), /^Bearer eyJ/);
  });
});

describe('client: concurrent callers share one token', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('twenty calls on a new client make one token request', async () => {
    server = await startTenant(() => ({ status: 200, json: accountJson('a1') }), { tokenDelayMs: 100 });
    const client = clientFor(server);
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.getAccount(`a${i}`)));
    assert.equal(server.tokenRequests().length, 1);
    assert.equal(client.stats().tokenRequests, 1);
    assert.equal(client.stats().requests, 20);
  });

  it('a caller that cancels while the token is on its way does not cancel it for the others', async () => {
    server = await startTenant(() => ({ status: 200, json: accountJson('a1') }), { tokenDelayMs: 150 });
    const client = clientFor(server);
    const controller = new AbortController();
    const cancelled = client.getAccount('a1', { signal: controller.signal });
    const other = client.getAccount('a2');
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(cancelled, (error: unknown) => error instanceof IscError && error.kind === 'aborted');
    assert.equal((await other).id, 'a1');
    assert.equal(server.tokenRequests().length, 1);
  });
});

describe('client: the token is renewed shortly before it expires', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  /** A token provider on a clock the test moves. */
  function providerAt(clock: { now: number }): TokenProvider {
    return new TokenProvider({
      transport: new HttpTransport(server.url),
      clientId: 'pat-client-id',
      clientSecret: SECRET,
      timeoutMs: 5_000,
      maxRetries: 0,
      redactor: new Redactor([SECRET]),
      log: () => undefined,
      onTokenRequest: () => undefined,
      now: () => clock.now,
    });
  }

  it('a 12-minute token is used until a minute before it expires', async () => {
    server = await startTenant(() => ({ status: 200, json: [] }), { expiresIn: 720 });
    const clock = { now: 1_000_000 };
    const provider = providerAt(clock);
    const first = await provider.getToken();
    clock.now += 659_000;
    assert.equal(await provider.getToken(), first);
    clock.now += 2_000;
    assert.notEqual(await provider.getToken(), first);
    assert.equal(server.tokenRequests().length, 2);
  });

  it('a short-lived token is renewed with a tenth of its life left', async () => {
    server = await startTenant(() => ({ status: 200, json: [] }), { expiresIn: 20 });
    const clock = { now: 5_000 };
    const provider = providerAt(clock);
    const first = await provider.getToken();
    clock.now += 17_900;
    assert.equal(await provider.getToken(), first);
    clock.now += 200;
    assert.notEqual(await provider.getToken(), first);
  });

  it('the client reuses its token across calls', async () => {
    server = await startTenant(() => ({ status: 200, json: [] }), { expiresIn: 3600 });
    const client = clientFor(server);
    await client.listAccounts();
    await client.listAccounts();
    assert.equal(server.tokenRequests().length, 1);
    const [first, second] = server.apiRequests().map((r) => r.headers.authorization);
    assert.equal(first, second);
  });
});

describe('client: a 401 on an API call refreshes the token once and retries once', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  /** Tokens are numbered; API calls with a token below `validFrom` get 401. */
  async function tenantRevoking(validFrom: () => number): Promise<LoopbackServer> {
    let issued = 0;
    const tokens = new Map<string, number>();
    return startLoopbackServer((request) => {
      if (request.path === '/oauth/token') {
        const token = fakeToken(`t${++issued}`);
        tokens.set(`Bearer ${token}`, issued);
        return tokenReply(token);
      }
      const number = tokens.get(String(request.headers.authorization)) ?? 0;
      return number >= validFrom() ? { status: 202, json: { id: 'task-1' } } : { status: 401, json: { error: 'JWT validation failed: JWT is expired' } };
    });
  }

  it('a POST refused with 401 (never applied) is sent again with a fresh token', async () => {
    let validFrom = 1;
    server = await tenantRevoking(() => validFrom);
    const client = clientFor(server);
    await client.enableAccount('a1');
    validFrom = 2; // the first token is revoked
    assert.deepEqual(await client.enableAccount('a1'), { id: 'task-1' });
    assert.equal(server.tokenRequests().length, 2);
    assert.equal(server.apiRequests().length, 3);
    assert.equal(client.stats().retries, 1);
  });

  it('ten calls that hit the same expired token share one new token', async () => {
    let validFrom = 1;
    server = await tenantRevoking(() => validFrom);
    const client = clientFor(server);
    await client.getAccount('warm-up').catch(() => undefined);
    validFrom = 2;
    await Promise.all(Array.from({ length: 10 }, () => client.reloadAccount('a1')));
    assert.equal(server.tokenRequests().length, 2);
  });

  it('a token that keeps being refused gives kind auth after exactly one refresh', async () => {
    server = await tenantRevoking(() => Number.POSITIVE_INFINITY);
    const client = clientFor(server, { maxRetries: 4 });
    await assert.rejects(client.getAccount('a1'), (error: unknown) => {
      assert.ok(error instanceof IscError);
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.match(error.message, /JWT is expired/);
      assert.match(error.message, /personal access token/);
      return true;
    });
    assert.equal(server.apiRequests().length, 2);
    assert.equal(server.tokenRequests().length, 2);
  });
});

describe('client: a refused personal access token', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  for (const [status, body] of [
    [401, { error: 'invalid_client', error_description: 'Bad credentials' }],
    [400, { error: 'invalid_request' }],
  ] as const) {
    it(`gives kind auth naming the client id, never the secret (token endpoint ${status})`, async () => {
      server = await startLoopbackServer(() => ({ status, json: body }));
      const client = clientFor(server);
      for (const call of [client.verifyCredentials(), client.listAccounts()]) {
        await assert.rejects(call, (error: unknown) => {
          assert.ok(error instanceof IscError);
          assert.equal(error.kind, 'auth');
          assert.match(error.message, /refused the client id "pat-client-id" or its client secret/);
          assert.ok(!error.message.includes(SECRET) && !String(error.stack).includes(SECRET));
          return true;
        });
      }
      assert.equal(server.apiRequests().length, 0, 'no API call without a token');
    });
  }

  it('a token answer without access_token is an invalid response, not a crash', async () => {
    server = await startLoopbackServer(() => ({ status: 200, json: { token_type: 'bearer' } }));
    await assert.rejects(clientFor(server).verifyCredentials(), (error: unknown) => error instanceof IscError && error.kind === 'invalid-response');
  });

  it('an empty client id or secret is refused before anything is sent', () => {
    assert.throws(() => new IscClient({ baseUrl: 'http://127.0.0.1:9', clientId: ' ', clientSecret: 'x' }), /client id/);
    assert.throws(() => new IscClient({ baseUrl: 'http://127.0.0.1:9', clientId: 'id', clientSecret: '' }), /client secret/);
  });
});
