// What only flat-file (DelimitedFile) accounts allow: DELETE, PUT and attribute patches are
// refused on a direct source with a message that says so; and what PATCH /accounts/{id}
// accepts at all (/identityId, /manuallyCorrelated, /attributes/<name>), plus create's rules.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxAccount, SandboxHandle } from '../../src/sandbox';
import { call, errorText, fetchToken } from './support/sandbox-http';

describe('sandbox: flat-file only operations', () => {
  let sandbox: SandboxHandle;
  let token: string;
  let adAccount: SandboxAccount;
  let flatAccount: SandboxAccount;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 50, identities: 30, taskDurationMs: 0, rateLimit: false });
    token = await fetchToken(sandbox);
    adAccount = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[0];
    flatAccount = sandbox.tenant.accountsOfSource(sandbox.tenant.flatFileSource().id)[0];
  });
  after(() => sandbox.close());

  it('refuses DELETE on a direct-connect account with 400 naming DelimitedFile, and changes nothing', async () => {
    const result = await call(sandbox, token, `/v3/accounts/${adAccount.id}`, { method: 'DELETE' });
    assert.equal(result.status, 400);
    assert.match(errorText(result), /DelimitedFile/);
    assert.match(errorText(result), /Active Directory/);
    assert.ok(sandbox.tenant.account(adAccount.id));
  });

  it('refuses PUT on a direct-connect account with 400 naming DelimitedFile', async () => {
    const result = await call(sandbox, token, `/beta/accounts/${adAccount.id}`, { method: 'PUT', json: { attributes: { title: 'x' } } });
    assert.equal(result.status, 400);
    assert.match(errorText(result), /flat file \(DelimitedFile\)/);
  });

  it('refuses an attribute patch on a direct-connect account with 400 saying attributes are flat-file only', async () => {
    const result = await patch(adAccount.id, [{ op: 'replace', path: '/attributes/title', value: 'x' }]);
    assert.equal(result.status, 400);
    assert.match(errorText(result), /attributes can only be modified for flat file \(DelimitedFile\) accounts/);
    assert.equal(sandbox.tenant.attributesOf(sandbox.tenant.account(adAccount.id) as SandboxAccount).title, sandbox.tenant.attributesOf(adAccount).title);
  });

  it('adds, replaces and removes flat-file attributes, unescaping ~1 and ~0', async () => {
    const result = await patch(flatAccount.id, [
      { op: 'add', path: '/attributes/cost~1center', value: 'CC-7' },
      { op: 'add', path: '/attributes/a~0b', value: ['x', 'y'] },
      { op: 'replace', path: '/attributes/title', value: 'Lead' },
      { op: 'remove', path: '/attributes/location' },
    ]);
    assert.equal(result.status, 202, result.text);
    const attributes = sandbox.tenant.attributesOf(sandbox.tenant.account(flatAccount.id) as SandboxAccount);
    assert.equal(attributes['cost/center'], 'CC-7');
    assert.deepEqual(attributes['a~b'], ['x', 'y']);
    assert.equal(attributes.title, 'Lead');
    assert.equal('location' in attributes, false);
  });

  const patch = (id: string, operations: unknown, contentType = 'application/json-patch+json') =>
    call(sandbox, token, `/v3/accounts/${id}`, { method: 'PATCH', json: operations, contentType });

  describe('PATCH /accounts/{id} path rules', () => {
    it('reassigns with replace /identityId and marks the account manually correlated', async () => {
      const target = sandbox.tenant.identities()[7];
      const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).find((a) => !a.manuallyCorrelated && a.identityId !== target.id);
      assert.ok(account);
      assert.equal((await patch(account.id, [{ op: 'replace', path: '/identityId', value: target.id }])).status, 202);
      const after = sandbox.tenant.account(account.id);
      assert.equal(after?.identityId, target.id);
      assert.equal(after?.manuallyCorrelated, true);
      assert.ok(sandbox.tenant.accountsOfIdentity(target.id).some((a) => a.id === account.id), 'identity index follows');
    });

    it('keeps manuallyCorrelated false when the same patch says so', async () => {
      const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[3];
      const target = sandbox.tenant.identities()[8];
      await patch(account.id, [
        { op: 'replace', path: '/identityId', value: target.id },
        { op: 'replace', path: '/manuallyCorrelated', value: false },
      ]);
      assert.equal(sandbox.tenant.account(account.id)?.manuallyCorrelated, false);
    });

    it('uncorrelates with remove /identityId', async () => {
      const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).find((a) => a.identityId !== null);
      assert.ok(account);
      assert.equal((await patch(account.id, [{ op: 'remove', path: '/identityId' }])).status, 202);
      assert.equal(sandbox.tenant.account(account.id)?.identityId, null);
      const view = await call<{ uncorrelated: boolean; identityId?: string }>(sandbox, token, `/v3/accounts/${account.id}`);
      assert.equal(view.body.uncorrelated, true);
      assert.equal(view.body.identityId, undefined);
    });

    it('refuses, with a 400 that says what is not allowed, and applies nothing of a refused patch', async () => {
      const account = sandbox.tenant.accountsOfSource(sandbox.tenant.flatFileSource().id)[2];
      const cases: Array<[unknown, RegExp]> = [
        [[{ op: 'replace', path: '/disabled', value: true }], /"\/disabled" cannot be patched.*\/identityId, \/manuallyCorrelated/],
        [[{ op: 'add', path: '/identityId', value: sandbox.tenant.identities()[0].id }], /\/identityId takes "replace".*or "remove"/],
        [[{ op: 'replace', path: '/identityId', value: 'nobody' }], /existing identity/],
        [[{ op: 'replace', path: '/manuallyCorrelated', value: 'yes' }], /true or false/],
        [[{ op: 'move', from: '/attributes/a', path: '/attributes/b' }], /"move" operation is not supported/],
        [[{ op: 'replace', path: '/attributes/nope', value: 1 }], /does not exist/],
        [[{ op: 'replace', path: '/attributes', value: {} }], /single attributes/],
        [[{ op: 'replace', path: '/attributes/title', value: 'ok' }, { op: 'replace', path: '/name', value: 'x' }], /Operation 1: the path "\/name"/],
        [{ op: 'replace', path: '/identityId', value: 'x' }, /JSON array/],
        [[], /no operations/],
      ];
      for (const [body, message] of cases) {
        const result = await patch(account.id, body);
        assert.equal(result.status, 400, JSON.stringify(body));
        assert.match(errorText(result), message);
      }
      assert.notEqual(sandbox.tenant.attributesOf(sandbox.tenant.account(account.id) as SandboxAccount).title, 'ok', 'half a patch was applied');
    });

    it('takes application/json-patch+json only (415 otherwise) and refuses malformed JSON (400)', async () => {
      const wrongType = await patch(flatAccount.id, [{ op: 'remove', path: '/identityId' }], 'application/json');
      assert.equal(wrongType.status, 415);
      assert.match(errorText(wrongType), /application\/json-patch\+json/);
      const malformed = await call(sandbox, token, `/v3/accounts/${flatAccount.id}`, { method: 'PATCH', rawBody: '[{"op": ', contentType: 'application/json-patch+json' });
      assert.equal(malformed.status, 400);
      assert.match(errorText(malformed), /Malformed JSON/);
    });

    it('answers 404 for an unknown account', async () => {
      assert.equal((await patch('2c9180ffffffffffffffffffffffffff', [{ op: 'remove', path: '/identityId' }])).status, 404);
    });
  });

  describe('POST /accounts', () => {
    const create = (json: unknown) => call<{ id: string }>(sandbox, token, '/v3/accounts', { method: 'POST', json });

    it('needs attributes.sourceId naming a source (400 otherwise)', async () => {
      const missing = await create({ attributes: { userName: 'x' } });
      assert.equal(missing.status, 400);
      assert.match(errorText(missing), /sourceId is required/);
      const unknown = await create({ attributes: { sourceId: 'nope', userName: 'x' } });
      assert.equal(unknown.status, 400);
      assert.match(errorText(unknown), /"nope" is not a source/);
      assert.equal((await create({ attributes: { sourceId: sandbox.tenant.flatFileSource().id } })).status, 400, 'no native identity');
    });

    it('creates on a direct-connect source too, and correlates by user name or email', async () => {
      const ad = sandbox.tenant.largeSource();
      const identity = sandbox.tenant.identities()[2];
      const result = await create({ attributes: { sourceId: ad.id, sAMAccountName: 'created.one', mail: identity.email } });
      assert.equal(result.status, 202);
      const account = sandbox.tenant.accountsOfSource(ad.id).find((a) => a.nativeIdentity === 'created.one');
      assert.equal(account?.identityId, identity.id);
    });

    it('updates the existing account when the native identity is already on the source', async () => {
      const flat = sandbox.tenant.flatFileSource();
      const existing = sandbox.tenant.accountsOfSource(flat.id)[4];
      const before = sandbox.tenant.accountsOfSource(flat.id).length;
      assert.equal((await create({ attributes: { sourceId: flat.id, id: existing.nativeIdentity, title: 'Upserted' } })).status, 202);
      assert.equal(sandbox.tenant.accountsOfSource(flat.id).length, before);
      assert.equal(sandbox.tenant.attributesOf(sandbox.tenant.account(existing.id) as SandboxAccount).title, 'Upserted');
    });

    it('refuses a body that is not JSON (400) or not application/json (415)', async () => {
      assert.equal((await call(sandbox, token, '/v3/accounts', { method: 'POST', rawBody: '{', contentType: 'application/json' })).status, 400);
      assert.equal((await call(sandbox, token, '/v3/accounts', { method: 'POST', rawBody: '{}', contentType: 'text/plain' })).status, 415);
      assert.equal((await call(sandbox, token, '/v3/accounts', { method: 'POST' })).status, 400, 'the body is required');
    });
  });
});
