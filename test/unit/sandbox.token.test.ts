// The sandbox's POST /oauth/token: client credentials in, a bearer token out, refused the way
// ISC refuses them, and tokens that stop working after tokenTtlSeconds.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { call, sleep } from './support/sandbox-http';

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  error?: string;
  error_description?: string;
}

async function requestToken(sandbox: SandboxHandle, form: Record<string, string>, queryString = ''): Promise<{ status: number; body: TokenBody }> {
  const response = await fetch(`${sandbox.baseUrl}/oauth/token${queryString}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as TokenBody };
}

describe('sandbox: token endpoint', () => {
  let sandbox: SandboxHandle;
  const good = () => ({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 20, identities: 10 });
  });
  after(() => sandbox.close());

  it('issues a JWT-shaped bearer token for the right client credentials', async () => {
    const { status, body } = await requestToken(sandbox, good());
    assert.equal(status, 200);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 749);
    assert.equal(body.scope, 'sp:scopes:all');
    assert.equal(body.access_token.split('.').length, 3);
    const payload = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
    assert.ok(Math.abs(payload.exp - (Date.now() / 1000 + 749)) < 5, 'exp matches expires_in');
    assert.equal((await call(sandbox, body.access_token, '/v3/sources')).status, 200);
  });

  it('takes the credentials from the query string too, as ISC documents', async () => {
    const response = await fetch(`${sandbox.baseUrl}/oauth/token?${new URLSearchParams(good())}`, { method: 'POST' });
    assert.equal(response.status, 200);
  });

  it('takes a multipart/form-data body as well, as ISC does (SailPoint\'s SDK sends one)', async () => {
    const multipart = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      return fetch(`${sandbox.baseUrl}/oauth/token`, { method: 'POST', body: form });
    };
    const accepted = await multipart(good());
    assert.equal(accepted.status, 200);
    const { access_token } = (await accepted.json()) as { access_token: string };
    assert.equal((await call(sandbox, access_token, '/v3/sources')).status, 200);
    assert.equal((await multipart({ ...good(), client_secret: 'wrong' })).status, 401);
  });

  it('refuses a wrong secret or client id with 401 invalid_client "Bad credentials"', async () => {
    for (const form of [{ ...good(), client_secret: 'wrong' }, { ...good(), client_id: 'someone-else' }, { grant_type: 'client_credentials' }]) {
      const { status, body } = await requestToken(sandbox, form);
      assert.equal(status, 401);
      assert.deepEqual(body, { error: 'invalid_client', error_description: 'Bad credentials' });
    }
  });

  it('refuses a request without grant_type (400) or with another grant type (400)', async () => {
    const missing = await requestToken(sandbox, { client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_request');
    const password = await requestToken(sandbox, { ...good(), grant_type: 'password' });
    assert.equal(password.status, 400);
    assert.equal(password.body.error, 'unsupported_grant_type');
  });

  it('counts the tokens it issues', async () => {
    const before = sandbox.stats().tokensIssued;
    await requestToken(sandbox, good());
    await requestToken(sandbox, { ...good(), client_secret: 'wrong' });
    assert.equal(sandbox.stats().tokensIssued, before + 1);
  });

  it('issues tokens that expire after tokenTtlSeconds (settable at run time)', async () => {
    sandbox.setFaults({ tokenTtlSeconds: 0.3 });
    try {
      const { body } = await requestToken(sandbox, good());
      assert.equal((await call(sandbox, body.access_token, '/v3/sources')).status, 200);
      await sleep(350);
      const expired = await call(sandbox, body.access_token, '/v3/sources');
      assert.equal(expired.status, 401);
      assert.deepEqual(expired.body, { error: 'JWT validation failed: JWT is expired' });
    } finally {
      sandbox.setFaults({ tokenTtlSeconds: 749 });
    }
  });
});
