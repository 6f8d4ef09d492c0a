// Answers no real tenant should give (but proxies, gateways and bugs do): each must end in one
// clear IscError that names the status and what was wrong, never a crash, a hang or an
// unhandled rejection.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { accountJson as account, startTenant, type LoopbackServer, type Reply } from './support/loopback-server';

/** Serves a token, then `answer` for every API call. */
function tenantAnswering(answer: (url: string) => Reply): Promise<LoopbackServer> {
  return startTenant((request) => answer(request.url));
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({ status, json: value, headers });

function clientFor(server: { url: string }): IscClient {
  // No retries and a short time limit: each case should fail once, clearly and quickly.
  return new IscClient({ baseUrl: server.url, clientId: 'malformed-client', clientSecret: 'malformed-secret-123', maxRetries: 0, timeoutMs: 2_000 });
}

/** Asserts an IscError of `kind` whose message names the status and matches `what`. */
function expectClear(kind: string, status: number, what: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof IscError, `expected an IscError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.equal(error.status, status, error.message);
    assert.match(error.message, new RegExp(`\\b${status}\\b`), 'the message names the status');
    assert.match(error.message, what);
    return true;
  };
}

describe('malformed answers from the server', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  let server: { url: string; close(): Promise<void> } | undefined;

  before(() => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    // Give stray promises a chance to reject before checking none did.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, [], 'no unhandled rejection or exception');
  });
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  });

  const listCases: Array<[string, Reply, RegExp]> = [
    ['plain text instead of JSON', { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'Service temporarily unavailable' }, /not JSON/],
    ['JSON cut short', { status: 200, headers: { 'Content-Type': 'application/json' }, body: '[{"id":"2c91","name":"Ada' }, /cut short/],
    ['an object where an array belongs', json(200, { items: [account('a1')] }), /expected a JSON array, got an object/],
    ['an array of strings where accounts belong', json(200, ['a1', 'a2']), /item 0 .*not an object/],
    ['an empty 200 body', { status: 200, headers: { 'Content-Type': 'application/json' }, body: '' }, /empty/],
    ['an HTML page with 200', { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<!doctype html><html><body>Sign in</body></html>' }, /HTML/],
  ];
  for (const [what, answer, expected] of listCases) {
    it(`listing accounts: ${what} → invalid-response naming the status`, async () => {
      server = await tenantAnswering(() => answer);
      await assert.rejects(clientFor(server).listAccounts(), expectClear('invalid-response', 200, expected));
    });
  }

  it('a 502 HTML error page from a gateway → invalid-response naming 502 and the HTML page', async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
    server = await tenantAnswering(() => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: page }));
    await assert.rejects(clientFor(server).listAccounts(), expectClear('invalid-response', 502, /HTML/));
  });

  it('X-Total-Count that is a word, not a number → invalid-response naming the header', async () => {
    server = await tenantAnswering(() => json(200, [account('a1')], { 'X-Total-Count': 'many' }));
    await assert.rejects(clientFor(server).listAccounts({ count: true }), expectClear('invalid-response', 200, /X-Total-Count/));
  });

  it('an array where one account belongs → invalid-response', async () => {
    server = await tenantAnswering(() => json(200, [account('a1')]));
    await assert.rejects(clientFor(server).getAccount('a1'), expectClear('invalid-response', 200, /expected a JSON object, got an array/));
  });

  it('a task answer whose id is a number, not a string → invalid-response', async () => {
    server = await tenantAnswering(() => json(202, { id: 42 }));
    await assert.rejects(clientFor(server).disableAccount('a1'), expectClear('invalid-response', 202, /no id/));
  });

  it('a connection that closes in the middle of the body → a clear network error, not a crash', async () => {
    const cutting = await bodyCuttingTenant(JSON.stringify([account('a1'), account('a2')]), 40);
    server = cutting;
    await assert.rejects(clientFor(cutting).listAccounts(), (error: unknown) => {
      assert.ok(error instanceof IscError, String(error));
      assert.equal(error.kind, 'network', error.message);
      assert.match(error.message, /GET \/v3\/accounts/);
      return true;
    });
  });

  it('a malformed page in the middle of a concurrent walk ends the walk with that error, and nothing is left unhandled', async () => {
    server = await tenantAnswering((url) => {
      const offset = Number(new URL(url, 'http://x').searchParams.get('offset') ?? 0);
      if (offset === 500) return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '[{"id":' };
      const items = Array.from({ length: 250 }, (_, i) => account(`a${offset + i}`));
      return json(200, items, { 'X-Total-Count': '2500' });
    });
    const seen: number[] = [];
    const walking = clientFor(server);
    const walk = async (): Promise<void> => {
      for await (const page of walking.accountPages({ pageSize: 250, concurrency: 4 })) seen.push(page.offset);
    };
    await assert.rejects(walk(), expectClear('invalid-response', 200, /cut short/));
    assert.deepEqual(seen, [0, 250], 'the pages before the bad one were delivered, in order');
  });
});

/**
 * A raw TCP tenant: a token for the token request; for anything else a 200 whose
 * Content-Length promises the whole body, then only `keepBytes` of it and a closed socket.
 */
async function bodyCuttingTenant(body: string, keepBytes: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.once('data', (chunk) => {
      const isToken = chunk.toString().startsWith('POST /oauth/token');
      const payload = isToken ? JSON.stringify({ access_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln', expires_in: 749 }) : body;
      const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n`;
      if (isToken) socket.end(head + payload);
      else socket.write(head + payload.slice(0, keepBytes), () => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
