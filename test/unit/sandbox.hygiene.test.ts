// Attribute names that would reach Object.prototype (`__proto__`) or shadow what every object
// has (`constructor`, `prototype`) are a 400 that names them, in PATCH, create and PUT alike;
// nothing is applied, and stored attributes have no prototype to reach.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxAccount, SandboxHandle } from '../../src/sandbox';
import { call, errorText, fetchToken, waitFor } from './support/sandbox-http';

const RESERVED = ['__proto__', 'constructor', 'prototype'];

describe('sandbox: reserved attribute names', () => {
  let sandbox: SandboxHandle;
  let token: string;
  let account: SandboxAccount;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 10, identities: 10, rateLimit: false, taskDurationMs: 10 });
    token = await fetchToken(sandbox);
    account = sandbox.tenant.accountsOfSource(sandbox.tenant.flatFileSource().id)[0];
  });
  after(() => sandbox.close());

  for (const name of RESERVED) {
    for (const op of ['add', 'replace', 'remove'] as const) {
      it(`PATCH ${op} /attributes/${name} is a 400 naming the attribute, and changes nothing`, async () => {
        const before = JSON.stringify(sandbox.tenant.attributesOf(account));
        const operation = op === 'remove' ? { op, path: `/attributes/${name}` } : { op, path: `/attributes/${name}`, value: { polluted: true } };
        const result = await call(sandbox, token, `/v3/accounts/${account.id}`, {
          method: 'PATCH',
          json: [{ op: 'replace', path: '/attributes/title', value: 'half applied?' }, operation],
          contentType: 'application/json-patch+json',
        });
        assert.equal(result.status, 400);
        assert.equal((result.body as { detailCode: string }).detailCode, '400.1 Bad Request Content');
        assert.match(errorText(result), new RegExp(`Operation 1: the attribute name "${name}" is not allowed`));
        assert.equal(JSON.stringify(sandbox.tenant.attributesOf(sandbox.tenant.account(account.id) as SandboxAccount)), before);
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
        assert.equal(sandbox.ledger.count({ accountId: account.id, state: 'applied' }), 0);
      });
    }
  }

  it('a create or PUT whose attributes hold a reserved name is a 400 naming it', async () => {
    const flat = sandbox.tenant.flatFileSource();
    const create = await call(sandbox, token, '/v3/accounts', {
      method: 'POST',
      rawBody: `{"attributes":{"sourceId":"${flat.id}","id":"proto-1","__proto__":{"polluted":true}}}`,
      contentType: 'application/json',
    });
    assert.equal(create.status, 400);
    assert.match(errorText(create), /attribute name "__proto__" is not allowed/);
    const put = await call(sandbox, token, `/v3/accounts/${account.id}`, { method: 'PUT', json: { attributes: { id: 'x', constructor: 'y' } } });
    assert.equal(put.status, 400);
    assert.match(errorText(put), /attribute name "constructor" is not allowed/);
    assert.equal(sandbox.tenant.accountsOfSource(flat.id).some((a) => a.nativeIdentity === 'proto-1'), false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('stores written attributes without a prototype', async () => {
    const result = await call(sandbox, token, `/v3/accounts/${account.id}`, {
      method: 'PATCH',
      json: [{ op: 'add', path: '/attributes/note', value: 'kept' }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(result.status, 202);
    await waitFor(() => sandbox.tenant.attributesOf(sandbox.tenant.account(account.id) as SandboxAccount).note === 'kept');
    const stored = sandbox.tenant.attributesOf(sandbox.tenant.account(account.id) as SandboxAccount);
    assert.equal(Object.getPrototypeOf(stored), null);
    assert.equal('toString' in stored, false);
  });
});
