// The client secret and the access tokens never appear in a log line or an error, whatever
// goes wrong; redaction lives in one place and masks them by value and by shape.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { IscClient } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { Redactor, redact } from '../../src/isc/redact';
import { errorDto, fakeToken, startLoopbackServer, tokenReply, type LoopbackServer } from '../../tools/testing/loopback-server';

describe('redaction: one place masks secrets in any text', () => {
  it('masks Bearer tokens, access_token members, client_secret fields and JWT shapes', () => {
    const jwt = fakeToken('x');
    const text = [
      `Authorization: Bearer ${jwt}`,
      `{"access_token": "opaque-token-value", "expires_in": 749}`,
      'grant_type=client_credentials&client_id=abc&client_secret=s%2Fcr%3Dt',
      `token ${jwt} seen`,
    ].join('\n');
    const masked = redact(text);
    assert.ok(!masked.includes(jwt) && !masked.includes('opaque-token-value') && !masked.includes('s%2Fcr%3Dt'), masked);
    assert.match(masked, /Bearer \[redacted\]/);
    assert.match(masked, /client_id=abc/, 'the client id stays readable');
  });

  it('masks a known secret in every spelling it could take', () => {
    const secret = 'p@ss "w/rd"+&=';
    const redactor = new Redactor([secret]);
    for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)]) {
      assert.equal(redactor.redact(`before ${form} after`), 'before [redacted] after', form);
    }
  });

  it('leaves ordinary text alone', () => {
    const text = 'ISC refused GET /v3/accounts/2c9180835d2e5168015d32f890ca1581: "not found" (404).';
    assert.equal(redact(text, ['a']), text);
  });
});

describe('client: a failing workload writes no secret anywhere', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('searching every log line and every error of the workload finds neither secret nor token', async () => {
    const secret = `secret-${Math.random().toString(36).slice(2)}-tail`;
    const issued: string[] = [];
    let apiCalls = 0;
    server = await startLoopbackServer((request) => {
      if (request.path === '/oauth/token') {
        const token = fakeToken(`t${issued.length}`);
        issued.push(token);
        // A server that echoes secrets back in its errors must not get them into ours.
        return new URLSearchParams(request.body).get('client_secret') === secret ? tokenReply(token) : { status: 401, json: { error: `bad secret ${new URLSearchParams(request.body).get('client_secret')}` } };
      }
      const auth = String(request.headers.authorization);
      switch (apiCalls++ % 5) {
        case 0:
          return { status: 401, json: { error: `JWT is expired: ${auth}` } };
        case 1:
          return errorDto(400, `Echo of your header: ${auth}`);
        case 2:
          return { status: 500, body: `<html>${auth}</html>`, headers: { 'Content-Type': 'text/html' } };
        case 3:
          return { destroy: true };
        default:
          return { status: 200, body: `{"broken": "${auth}` };
      }
    });
    const lines: string[] = [];
    const errors: IscError[] = [];
    const log = (level: string, message: string): void => void lines.push(`${level} ${message}`);
    const client = new IscClient({ baseUrl: server.url, clientId: 'cid', clientSecret: secret, maxRetries: 1, retryBaseDelayMs: 1, log });
    const impostor = new IscClient({ baseUrl: server.url, clientId: 'cid', clientSecret: `${secret}-wrong`, maxRetries: 0, log });
    const calls = [
      ...Array.from({ length: 6 }, (_, i) => () => client.getAccount(`a${i}`)),
      () => client.enableAccount('a1'),
      () => client.patchAccount('a1', [{ op: 'remove', path: '/identityId' }]),
      () => impostor.verifyCredentials(),
      () => impostor.listAccounts(),
    ];
    for (const call of calls) {
      try {
        await call();
      } catch (error) {
        assert.ok(error instanceof IscError, String(error));
        errors.push(error);
      }
    }
    assert.ok(errors.length >= 6, `the workload failed enough (${errors.length})`);
    assert.ok(issued.length >= 2 && lines.length > 10, 'tokens were issued and lines were logged');
    const written = [...lines, ...errors.flatMap((e) => [e.message, String(e.stack), String(e.serverMessage), inspect(e), JSON.stringify(e)])].join('\n');
    assert.match(written, /Echo of your header: Bearer \[redacted\]/, 'the server echoed a token and it was masked');
    assert.match(written, /bad secret \[redacted\]/, 'the server echoed the secret and it was masked');
    assert.match(written, /"broken": "Bearer \[redacted\]/, 'an unreadable answer is quoted, and the quote is masked too');
    assert.doesNotMatch(written, /Bearer eyJ/, 'no token prefix, however cut short');
    for (const value of [secret, `${secret}-wrong`, ...issued]) {
      for (const form of [value, encodeURIComponent(value)]) assert.ok(!written.includes(form), `leaked ${form.slice(0, 12)}…`);
    }
  });
});
