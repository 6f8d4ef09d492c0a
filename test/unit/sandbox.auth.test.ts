// Every API path sits behind the bearer check: no token, an unknown token or an expired one is
// a 401 with ISC's gateway body, before routing (so even a wrong path says 401).
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { call, fetchToken } from './support/sandbox-http';

describe('sandbox: authentication of API calls', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 20, identities: 10 });
  });
  after(() => sandbox.close());

  it('answers 401 "JWT is missing" without an Authorization header', async () => {
    const result = await call(sandbox, null, '/v3/accounts');
    assert.equal(result.status, 401);
    assert.deepEqual(result.body, { error: 'JWT validation failed: JWT is missing' });
  });

  it('answers 401 "JWT is invalid" for a token it never issued', async () => {
    const result = await call(sandbox, 'not.a.token', '/beta/sources');
    assert.equal(result.status, 401);
    assert.deepEqual(result.body, { error: 'JWT validation failed: JWT is invalid' });
  });

  it('answers 401 "JWT is expired" after expireAllTokens(), and a new token works again', async () => {
    const token = await fetchToken(sandbox);
    assert.equal((await call(sandbox, token, '/v2024/sources')).status, 200);
    sandbox.expireAllTokens();
    const expired = await call(sandbox, token, '/v2024/sources');
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.body, { error: 'JWT validation failed: JWT is expired' });
    assert.equal((await call(sandbox, await fetchToken(sandbox), '/v2024/sources')).status, 200);
  });

  it('checks the token before the path: an unknown path without a token is 401, with one 404', async () => {
    assert.equal((await call(sandbox, null, '/v3/nothing-here')).status, 401);
    assert.equal((await call(sandbox, await fetchToken(sandbox), '/v3/nothing-here')).status, 404);
  });
});
