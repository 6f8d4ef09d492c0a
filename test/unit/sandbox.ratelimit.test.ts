// The gateway's rate limit: N requests per access token per sliding window, then 429 with
// Retry-After and ISC's body; each token has its own window; the token endpoint is not limited.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { call, fetchToken, sleep } from './support/sandbox-http';

describe('sandbox: rate limit', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 20, identities: 10, rateLimit: { requests: 5, windowMs: 800 } });
  });
  after(() => sandbox.close());

  it('answers 429 with Retry-After and " Rate Limit Exceeded " beyond the limit, and lets the client through after waiting', async () => {
    const token = await fetchToken(sandbox);
    for (let i = 0; i < 5; i++) assert.equal((await call(sandbox, token, '/v3/sources')).status, 200);
    const limited = await call(sandbox, token, '/v3/sources');
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.body, { message: ' Rate Limit Exceeded ' });
    assert.equal(limited.headers.get('retry-after'), '1', 'seconds until the window frees, rounded up');
    assert.ok(sandbox.stats().rateLimited >= 1);
    await sleep(850);
    assert.equal((await call(sandbox, token, '/v3/sources')).status, 200);
  });

  it('counts per token, and never limits the token endpoint', async () => {
    const first = await fetchToken(sandbox);
    for (let i = 0; i < 6; i++) await call(sandbox, first, '/v3/sources');
    assert.equal((await call(sandbox, first, '/v3/sources')).status, 429);
    const tokens = await Promise.all(Array.from({ length: 8 }, () => fetchToken(sandbox)));
    assert.equal((await call(sandbox, tokens[7], '/v3/sources')).status, 200, 'a fresh token has its own window');
  });

  it('uses a fixed Retry-After when told to', async () => {
    const fixed = await startSandbox({ largeSourceAccounts: 10, identities: 5, rateLimit: { requests: 1, windowMs: 60_000 }, retryAfterSeconds: 7 });
    try {
      const token = await fetchToken(fixed);
      await call(fixed, token, '/v3/sources');
      const limited = await call(fixed, token, '/v3/sources');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '7');
    } finally {
      await fixed.close();
    }
  });

  it('does not limit at all with rateLimit: false', async () => {
    const open = await startSandbox({ largeSourceAccounts: 10, identities: 5, rateLimit: false });
    try {
      const token = await fetchToken(open);
      const statuses = await Promise.all(Array.from({ length: 150 }, () => call(open, token, '/v3/sources?limit=1').then((r) => r.status)));
      assert.ok(statuses.every((s) => s === 200));
    } finally {
      await open.close();
    }
  });
});
