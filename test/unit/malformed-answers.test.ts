// Answers no real tenant should give (but proxies, gateways and bugs do): each must end in one
// clear IscError that names the status and what was wrong, never a crash, a hang or an
// unhandled rejection. A change whose 2xx answer cannot be read was accepted by ISC: the
// error says so and carries outcomeUnknown, so nobody is invited to send it again.
import * as assert from 'node:assert/strict';
import { exportRowsOf } from '../../src/core/export-rows';
import { IscClient, type TaskStatus } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { accountJson as account, startTenant, type LoopbackServer, type Reply } from '../../tools/testing/loopback-server';

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

  // The export's reading: the page's bytes go to a reader (in the extension, its worker thread,
  // which takes them), which hands back what it cannot read; the client names the fault the same.
  const movingReader = async (bytes: Uint8Array) => exportRowsOf(structuredClone(bytes, { transfer: [bytes.buffer as ArrayBuffer] }), { format: 'jsonl', attributes: [] });
  const readCases: Array<[string, Reply, RegExp]> = [...listCases, ['an account list item without an id', json(200, [account('a1'), { name: 'no id' }]), /item 1 of the list has no id/]];
  for (const [what, answer, expected] of readCases) {
    it(`listing accounts read elsewhere (as the export does): ${what} → invalid-response naming the status`, async () => {
      server = await tenantAnswering(() => answer);
      await assert.rejects(clientFor(server).readAccountPage({}, movingReader), expectClear('invalid-response', 200, expected));
    });
  }

  it('a page a reader hands back though the client reads it well → invalid-response, never taken for an empty page', async () => {
    server = await tenantAnswering(() => json(200, [account('a1')]));
    const refusing = async (bytes: Uint8Array) => ({ unread: bytes });
    await assert.rejects(clientFor(server).readAccountPage({}, refusing), expectClear('invalid-response', 200, /the list could not be read/));
  });

  it('a page read elsewhere: what the reader made of it, with the paging the client knows', async () => {
    server = await tenantAnswering(() => json(200, [account('a1'), account('a2')], { 'X-Total-Count': '2' }));
    const page = await clientFor(server).readAccountPage({ count: true, limit: 2 }, movingReader);
    assert.ok(!('unread' in page.value) && page.count === 2 && page.totalCount === 2 && page.limit === 2 && page.offset === 0, JSON.stringify(page));
    const lines = new TextDecoder().decode(page.value.text).trim().split('\n');
    assert.deepEqual(lines.map((line) => (JSON.parse(line) as { id: string }).id), ['a1', 'a2']);
  });

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
    const cutting = await bodyCuttingTenant(200, JSON.stringify([account('a1'), account('a2')]), 40);
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
 * A raw TCP tenant: a token for the token request; for anything else a `status` whose
 * Content-Length promises the whole body, then only `keepBytes` of it and a closed socket.
 */
async function bodyCuttingTenant(status: number, body: string, keepBytes: number): Promise<{ url: string; apiRequests(): number; close(): Promise<void> }> {
  let apiRequests = 0;
  const server: Server = createServer((socket) => {
    socket.once('data', (chunk) => {
      const isToken = chunk.toString().startsWith('POST /oauth/token');
      if (!isToken) apiRequests++;
      const payload = isToken ? JSON.stringify({ access_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln', expires_in: 749 }) : body;
      const head = `HTTP/1.1 ${isToken ? 200 : status} OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n`;
      if (isToken) socket.end(head + payload);
      else socket.write(head + payload.slice(0, keepBytes), () => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiRequests: () => apiRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every change the client can send, with the 2xx ISC answers it with. */
const changes: Array<{ name: string; status: number; method: string; path: string; send: (client: IscClient) => Promise<unknown> }> = [
  { name: 'create', status: 202, method: 'POST', path: '/v3/accounts', send: (c) => c.createAccount({ attributes: { sourceId: 'src-1', name: 'jdoe' } }) },
  { name: 'PUT', status: 202, method: 'PUT', path: '/v3/accounts/a1', send: (c) => c.putAccount('a1', { attributes: { city: 'Austin' } }) },
  { name: 'PATCH', status: 202, method: 'PATCH', path: '/v3/accounts/a1', send: (c) => c.patchAccount('a1', [{ op: 'replace', path: '/attributes/city', value: 'Oslo' }]) },
  { name: 'delete', status: 202, method: 'DELETE', path: '/v3/accounts/a1', send: (c) => c.deleteAccount('a1') },
  { name: 'enable', status: 202, method: 'POST', path: '/v3/accounts/a1/enable', send: (c) => c.enableAccount('a1') },
  { name: 'disable', status: 202, method: 'POST', path: '/v3/accounts/a1/disable', send: (c) => c.disableAccount('a1', { forceProvisioning: true }) },
  { name: 'unlock', status: 202, method: 'POST', path: '/v3/accounts/a1/unlock', send: (c) => c.unlockAccount('a1') },
  { name: 'reload', status: 202, method: 'POST', path: '/v3/accounts/a1/reload', send: (c) => c.reloadAccount('a1') },
  { name: 'remove', status: 202, method: 'POST', path: '/beta/accounts/a1/remove', send: (c) => c.removeAccount('a1') },
  { name: 'remove all of a source', status: 202, method: 'POST', path: '/beta/sources/src-1/remove-accounts', send: (c) => c.removeAllAccountsOfSource('src-1') },
  { name: 'IDN enable', status: 202, method: 'POST', path: '/beta/identities-accounts/id-1/enable', send: (c) => c.enableIdnAccountForIdentity('id-1') },
  { name: 'IDN disable', status: 202, method: 'POST', path: '/beta/identities-accounts/id-1/disable', send: (c) => c.disableIdnAccountForIdentity('id-1') },
  { name: 'bulk IDN enable', status: 207, method: 'POST', path: '/beta/identities-accounts/enable', send: (c) => c.enableIdnAccountsForIdentities(['id-1', 'id-2']) },
  { name: 'bulk IDN disable', status: 207, method: 'POST', path: '/beta/identities-accounts/disable', send: (c) => c.disableIdnAccountsForIdentities(['id-1', 'id-2']) },
];

/** An IscError saying ISC accepted the change but its answer could not be read (outcome unknown). */
function expectAcceptedButUnreadable(method: string, path: string, status: number, what: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof IscError, `expected an IscError, got ${String(error)}`);
    assert.equal(error.kind, 'invalid-response', error.message);
    assert.equal(error.outcomeUnknown, true, error.message);
    assert.equal(error.status, status);
    assert.equal(error.method, method);
    assert.equal(error.path, path);
    assert.match(error.message, new RegExp(`^ISC accepted ${method} ${path.replace(/\//g, '\\/')} \\(${status}\\) but its answer could not be read`));
    assert.match(error.message, /the change may have been applied/);
    assert.match(error.message, what);
    return true;
  };
}

describe('a change whose 2xx answer cannot be read: accepted, outcome unknown, never sent again', () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const bodies: Array<[string, (status: number) => Reply, RegExp]> = [
    ['an empty body', (status) => ({ status, headers: { 'Content-Type': 'application/json' }, body: '' }), /empty/],
    ['an HTML page', (status) => ({ status, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Accepted</body></html>' }), /HTML/],
    ['JSON cut short', (status) => ({ status, headers: { 'Content-Type': 'application/json' }, body: '{"id":"2c91808' }), /cut short/],
    ['plain text', (status) => ({ status, headers: { 'Content-Type': 'text/plain' }, body: 'Accepted' }), /not JSON/],
  ];
  for (const change of changes) {
    for (const [what, reply, expected] of bodies) {
      it(`${change.name}: ${change.status} with ${what}`, async () => {
        const tenant = await tenantAnswering(() => reply(change.status));
        server = tenant;
        await assert.rejects(change.send(clientFor(tenant)), expectAcceptedButUnreadable(change.method, change.path, change.status, expected));
        assert.equal(tenant.apiRequests().length, 1);
      });
    }
    it(`${change.name}: ${change.status} whose connection closes in the middle of the body`, async () => {
      const cutting = await bodyCuttingTenant(change.status, JSON.stringify({ id: '2c9180835d2e5168015d32f890ca1581', type: 'TASK_RESULT' }), 12);
      server = cutting;
      await assert.rejects(change.send(clientFor(cutting)), expectAcceptedButUnreadable(change.method, change.path, change.status, /closed in the middle of the body/));
      assert.equal(cutting.apiRequests(), 1);
    });
  }

  it('a 204 No Content is accepted where the answer carries nothing (PATCH, IDN enable)', async () => {
    const tenant = await tenantAnswering(() => ({ status: 204 }));
    server = tenant;
    assert.deepEqual(await clientFor(tenant).patchAccount('a1', [{ op: 'replace', path: '/attributes/city', value: 'Oslo' }]), {});
    assert.deepEqual(await clientFor(tenant).enableIdnAccountForIdentity('id-1'), {});
  });
});

describe('nested fields of an answer are checked before use', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const changeShapes: Array<[string, Reply, (client: IscClient) => Promise<unknown>, string, RegExp]> = [
    ['an async result without an id', json(202, { status: 'queued' }), (c) => c.enableAccount('a1'), '/v3/accounts/a1/enable', /no id/],
    ['a remove answer whose task id is a number', json(202, { type: 'TASK_RESULT', id: 7 }), (c) => c.removeAccount('a1'), '/beta/accounts/a1/remove', /task id is a number/],
    ['a 207 that is an object, not a list', json(207, { results: [] }), (c) => c.enableIdnAccountsForIdentities(['id-1']), '/beta/identities-accounts/enable', /expected a JSON array/],
    ['a 207 entry without its identity id', json(207, [{ statusCode: 202 }]), (c) => c.disableIdnAccountsForIdentities(['id-1']), '/beta/identities-accounts/disable', /entry 0 has no identity id/],
    ['a 207 entry without a status code', json(207, [{ id: 'id-1', statusCode: '202' }]), (c) => c.enableIdnAccountsForIdentities(['id-1']), '/beta/identities-accounts/enable', /entry 0 \(id-1\) has no HTTP status code/],
    ['a 207 entry whose message is an object', json(207, [{ id: 'id-1', statusCode: 404, message: { text: 'x' } }]), (c) => c.enableIdnAccountsForIdentities(['id-1']), '/beta/identities-accounts/enable', /message of entry 0/],
  ];
  for (const [what, reply, send, path, expected] of changeShapes) {
    it(`${what} → accepted but unreadable, outcome unknown`, async () => {
      server = await startTenant(() => reply);
      await assert.rejects(send(clientFor(server)), expectAcceptedButUnreadable('POST', path, (reply as { status: number }).status, expected));
    });
  }

  const readShapes: Array<[string, Reply, (client: IscClient) => Promise<unknown>, RegExp]> = [
    ['a task status with an unknown completionStatus', json(200, { id: 't1', completionStatus: 'DONE' }), (c) => c.getTaskStatus('t1'), /completionStatus is "DONE"/],
    ['a task status whose messages are not a list', json(200, { id: 't1', completionStatus: 'ERROR', messages: 'failed' }), (c) => c.waitForTask('t1'), /messages are a string, not an array/],
    ['a task status whose percentComplete is text', json(200, { id: 't1', completionStatus: null, percentComplete: 'half' }), (c) => c.getTaskStatus('t1'), /percentComplete/],
    ['an account list item without an id', json(200, [account('a1'), { name: 'no id' }]), (c) => c.listAccounts(), /item 1 of the list has no id/],
    ['an account without an id', json(200, { name: 'a1' }), (c) => c.getAccount('a1'), /no id/],
  ];
  for (const [what, reply, call, expected] of readShapes) {
    it(`${what} → invalid-response (a read: outcome not in question)`, async () => {
      server = await startTenant(() => reply);
      await assert.rejects(call(clientFor(server)), (error: unknown) => {
        assert.ok(error instanceof IscError, String(error));
        assert.equal(error.kind, 'invalid-response', error.message);
        assert.equal(error.outcomeUnknown, undefined);
        assert.match(error.message, expected);
        return true;
      });
    });
  }

  for (const completionStatus of ['WARNING', 'SUCCESS', 'ERROR'] as const) {
    it(`a ${completionStatus} task status without messages: messages are [] and nothing throws on reading them`, async () => {
      const status = { id: 't1', description: 'Disable account', completionStatus, percentComplete: 100 };
      server = await startTenant(() => json(200, status));
      const client = clientFor(server);
      const read: TaskStatus = await client.getTaskStatus('t1');
      assert.deepEqual(read.messages, []);
      if (completionStatus === 'ERROR') {
        await assert.rejects(client.waitForTask('t1'), /ended with ERROR and no message/);
      } else {
        const final = await client.waitForTask('t1');
        assert.equal(final.completionStatus, completionStatus);
        assert.deepEqual(final.messages.map((m) => m.key), []);
      }
    });
  }
});

describe('the size limit of an answer', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const big = (bytes: number): Reply => json(200, Array.from({ length: Math.ceil(bytes / 200) }, (_, i) => account(`a${i}`)));

  it('a read over maxResponseBytes stops with invalid-response naming the limit and the option, not retried', async () => {
    server = await startTenant(() => big(4096));
    const client = new IscClient({ baseUrl: server.url, clientId: 'size-client', clientSecret: 'size-secret-123', maxResponseBytes: 1024 });
    await assert.rejects(client.listAccounts(), (error: unknown) => {
      assert.ok(error instanceof IscError, String(error));
      assert.equal(error.kind, 'invalid-response', error.message);
      assert.equal(error.outcomeUnknown, undefined);
      assert.equal(error.status, 200);
      assert.match(error.message, /GET \/v3\/accounts \(200\) is larger than the limit of 1 KiB/);
      assert.match(error.message, /maxResponseBytes/);
      return true;
    });
    assert.equal(server.apiRequests().length, 1, 'not retried: it would not get smaller');
  });

  it('a change whose 2xx answer is over the limit: accepted, outcome unknown', async () => {
    server = await startTenant(() => ({ status: 202, json: { id: 'task-1', padding: 'x'.repeat(4096) } }));
    const client = new IscClient({ baseUrl: server.url, clientId: 'size-client', clientSecret: 'size-secret-123', maxResponseBytes: 1024 });
    await assert.rejects(client.createAccount({ attributes: { sourceId: 'src-1', name: 'jdoe' } }), (error: unknown) => {
      assert.ok(error instanceof IscError, String(error));
      assert.equal(error.kind, 'invalid-response', error.message);
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.message, /ISC accepted it \(202\), so the change may have been applied/);
      return true;
    });
    assert.equal(server.apiRequests().length, 1);
  });

  it('the default limit is 32 MiB', async () => {
    server = await startTenant(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: `[${'0,'.repeat(17 * 1024 * 1024)}0]` }));
    const client = new IscClient({ baseUrl: server.url, clientId: 'size-client', clientSecret: 'size-secret-123' });
    await assert.rejects(client.listAccounts(), /larger than the limit of 32 MiB/);
  });
});
