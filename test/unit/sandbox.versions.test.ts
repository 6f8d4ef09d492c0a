// Paths per API version, as the OpenAPI documents list them: beta-only paths are 404 under
// /v3, v2024's experimental endpoints refuse a request without X-SailPoint-Experimental: true,
// and the bulk identities-accounts endpoints answer 207 with one entry per identity.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { call, errorText, fetchToken, waitFor } from './support/sandbox-http';

describe('sandbox: API versions and experimental endpoints', () => {
  let sandbox: SandboxHandle;
  let token: string;
  const missing = '2c9180eeeeeeeeeeeeeeeeeeeeeeeeee';

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 60, identities: 30, taskDurationMs: 0, rateLimit: false });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  it('v2024 experimental endpoints refuse a request without X-SailPoint-Experimental: true (400 saying so)', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[0];
    const identity = sandbox.tenant.identities()[0];
    const experimental = [
      ['POST', `/v2024/accounts/${account.id}/remove`, undefined],
      ['POST', `/v2024/sources/${sandbox.tenant.largeSource().id}/remove-accounts`, undefined],
      ['POST', `/v2024/identities-accounts/${identity.id}/enable`, undefined],
      ['POST', `/v2024/identities-accounts/${identity.id}/disable`, undefined],
      ['POST', '/v2024/identities-accounts/enable', { identityIds: [identity.id] }],
      ['POST', '/v2024/identities-accounts/disable', { identityIds: [identity.id] }],
    ] as const;
    for (const [method, path, json] of experimental) {
      for (const headers of [{}, { 'X-SailPoint-Experimental': 'false' }] as Array<Record<string, string>>) {
        const result = await call(sandbox, token, path, { method, json, headers });
        assert.equal(result.status, 400, path);
        assert.match(errorText(result), /X-SailPoint-Experimental: true.*required/);
      }
    }
    assert.equal(sandbox.tenant.ledger().length, 0, 'a refused request changed something');
    assert.equal((await call(sandbox, token, `/v2024/identities-accounts/${identity.id}/disable`, { method: 'POST', headers: { 'X-SailPoint-Experimental': 'true' } })).status, 202);
    assert.equal((await call(sandbox, token, `/beta/identities-accounts/${identity.id}/enable`, { method: 'POST' })).status, 202, 'beta needs no header');
    assert.equal((await call(sandbox, token, `/v2024/accounts/${account.id}/disable`, { method: 'POST', json: {} })).status, 202, 'non-experimental v2024 needs no header');
  });

  it('the request log says which requests carried the header', () => {
    const log = sandbox.requestLog();
    assert.ok(log.some((entry) => entry.path.includes('/v2024/identities-accounts/') && entry.experimentalHeader && entry.status === 202));
    assert.ok(log.some((entry) => entry.path.startsWith('/v2024/') && !entry.experimentalHeader && entry.status === 400));
  });

  it('/v3 has no beta-only paths (404), while beta and v2024 have them', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[1];
    const identity = sandbox.tenant.identities()[1];
    const betaOnly = [
      ['GET', `/task-status/${missing}`],
      ['GET', '/entitlements'],
      ['GET', `/entitlements/${sandbox.tenant.entitlements()[0].id}`],
      ['POST', `/accounts/${account.id}/remove`],
      ['POST', `/sources/${sandbox.tenant.flatFileSource().id}/remove-accounts`],
      ['POST', `/identities-accounts/${identity.id}/enable`],
      ['POST', '/identities-accounts/enable'],
    ] as const;
    for (const [method, path] of betaOnly) {
      assert.equal((await call(sandbox, token, `/v3${path}`, { method })).status, 404, `v3 ${path}`);
    }
    assert.equal((await call(sandbox, token, '/beta/entitlements')).status, 200);
    assert.equal((await call(sandbox, token, '/v2024/entitlements')).status, 200);
  });

  it('answers 404 for an unknown version and 405 (with Allow) for a method a path does not take', async () => {
    assert.equal((await call(sandbox, token, '/v9/accounts')).status, 404);
    const wrongMethod = await call(sandbox, token, '/v3/sources', { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET');
  });

  it('bulk enable/disable answers 207 with one entry per identity, 404 entries for unknown ids', async () => {
    const [first, second] = sandbox.tenant.identities().filter((i) => sandbox.tenant.identityNowAccountOf(i.id)?.disabled === false);
    const before = sandbox.tenant.ledgerFor(first.id, 'identity-disable').length;
    const result = await call<Array<{ id: string; statusCode: number; message?: string }>>(sandbox, token, '/beta/identities-accounts/disable', {
      method: 'POST',
      json: { identityIds: [first.id, missing, second.id] },
    });
    assert.equal(result.status, 207);
    assert.deepEqual(result.body.map((e) => [e.id, e.statusCode]), [[first.id, 202], [missing, 404], [second.id, 202]]);
    assert.match(result.body[1].message ?? '', /not found/);
    await waitFor(() => [first, second].every((i) => sandbox.tenant.identityNowAccountOf(i.id)?.disabled === true));
    assert.equal(sandbox.tenant.ledgerFor(first.id, 'identity-disable').length, before + 1);
    const bad = await call(sandbox, token, '/beta/identities-accounts/enable', { method: 'POST', json: { identityIds: 'all' } });
    assert.equal(bad.status, 400);
  });
});
