// Errors a person can act on: the server's own words, the tracking id, what to check; and
// answers that are not ISC's JSON become kind 'invalid-response' with the status and the
// start of the body, never a crash.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { IscError, parseServerError } from '../../src/isc/errors';
import { errorDto, startTenant, type LoopbackServer, type Reply } from '../../tools/testing/loopback-server';

const base = { clientId: 'err-client', clientSecret: 'err-secret-55aa77', maxRetries: 0 };

async function failureOf(reply: Reply, call: (client: IscClient) => Promise<unknown>): Promise<{ error: IscError; server: LoopbackServer }> {
  const server = await startTenant(() => reply);
  try {
    await call(new IscClient({ baseUrl: server.url, ...base }));
  } catch (error) {
    assert.ok(error instanceof IscError, String(error));
    return { error, server };
  } finally {
    await server.close();
  }
  assert.fail('the call was meant to fail');
}

describe('client: error messages say what ISC said and what to check', () => {
  it('a 400 quotes the server text, status and tracking id in one sentence', async () => {
    const { error } = await failureOf(errorDto(400, 'Attribute changes are only allowed on flat-file accounts', 'abc123'), (c) =>
      c.patchAccount('2c91808a', [{ op: 'replace', path: '/attributes/title', value: 'x' }]),
    );
    assert.equal(error.message, 'ISC refused PATCH /v3/accounts/2c91808a: "Attribute changes are only allowed on flat-file accounts" (400, tracking id abc123).');
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.method, 'PATCH');
    assert.equal(error.path, '/v3/accounts/2c91808a');
    assert.equal(error.trackingId, 'abc123');
    assert.equal(error.detailCode, '400 error');
    assert.equal(error.serverMessage, 'Attribute changes are only allowed on flat-file accounts');
    assert.equal(error.outcomeUnknown, undefined);
  });

  it('a 404 says the account no longer exists or the id is wrong', async () => {
    const { error } = await failureOf(errorDto(404, 'Referenced account was not found.'), (c) => c.getAccount('gone'));
    assert.match(error.message, /\(404, tracking id trk-0001\)\. The account no longer exists or the id is wrong\.$/);
  });

  it('a 403 points at the ORG_ADMIN authority of the token', async () => {
    const { error } = await failureOf(errorDto(403, 'Forbidden'), (c) => c.removeAccount('a1'));
    assert.match(error.message, /^ISC refused POST \/beta\/accounts\/a1\/remove: "Forbidden" \(403.*ORG_ADMIN/);
  });

  it('joins several server messages and trims them', () => {
    const info = parseServerError(JSON.stringify({ messages: [{ text: ' one ' }, { text: 'two' }], trackingId: 't' }));
    assert.deepEqual(info, { serverMessage: 'one; two', detailCode: undefined, trackingId: 't' });
    assert.equal(parseServerError('{"message":" Rate Limit Exceeded "}').serverMessage, 'Rate Limit Exceeded');
    assert.equal(parseServerError('{"error":"JWT validation failed: JWT is expired"}').serverMessage, 'JWT validation failed: JWT is expired');
  });
});

describe('client: answers that are not ISC JSON are invalid responses', () => {
  const cases: Array<[string, Reply, (c: IscClient) => Promise<unknown>, RegExp]> = [
    ['HTML error page at 500', { status: 500, body: '<html><body><h1>Internal Error</h1></body></html>', headers: { 'Content-Type': 'text/html' } }, (c) => c.listSources(), /\(500\): an HTML page.*"<html><body><h1>Internal Error/],
    ['truncated JSON', { status: 200, body: '{"id":"2c91","name":"Ad', headers: { 'Content-Type': 'application/json' } }, (c) => c.getSource('s1'), /\(200\): JSON cut short/],
    ['a list that is an object', { status: 200, json: { items: [] } }, (c) => c.listSources(), /expected a JSON array, got an object/],
    ['a task status that is a string', { status: 200, json: 'RUNNING' }, (c) => c.getTaskStatus('t1'), /expected a JSON object, got a string/],
    ['bulk answer that is null', { status: 207, json: null }, (c) => c.enableIdnAccountsForIdentities(['i1']), /expected a JSON array, got null/],
  ];
  for (const [what, reply, call, expected] of cases) {
    it(what, async () => {
      const { error } = await failureOf(reply, call);
      assert.equal(error.kind, 'invalid-response', error.message);
      assert.match(error.message, expected);
    });
  }

  it('quotes at most about 80 characters of the body', async () => {
    const { error } = await failureOf({ status: 200, body: `not json ${'x'.repeat(500)}` }, (c) => c.listSources());
    const quoted = /starts with "([^"]*)"/.exec(error.message)?.[1] ?? '';
    assert.ok(quoted.length <= 81 && quoted.length >= 70, quoted);
  });

  it('a plain-text error body still reaches the message', async () => {
    const { error } = await failureOf({ status: 400, body: 'Bad filter: unknown field foo\nat line 1' }, (c) => c.listSources());
    assert.equal(error.kind, 'http');
    assert.match(error.message, /"Bad filter: unknown field foo" \(400\)/);
  });
});

describe('client: a redirect is never followed', () => {
  let foreign: LoopbackServer;
  let tenant: LoopbackServer;
  afterEach(async () => {
    await foreign?.close();
    await tenant?.close();
  });

  it('a 302 to another origin ends as invalid-response and the other origin sees nothing', async () => {
    foreign = await startTenant(() => ({ status: 200, json: [] }));
    tenant = await startTenant(() => ({ status: 302, headers: { Location: `${foreign.url}/v3/accounts` } }));
    const client = new IscClient({ baseUrl: tenant.url, ...base });
    await assert.rejects(client.listAccounts(), (error: unknown) => {
      assert.ok(error instanceof IscError && error.kind === 'invalid-response');
      assert.match(error.message, /redirect \(302\)/);
      return true;
    });
    assert.equal(foreign.requests.length, 0);
  });
});
