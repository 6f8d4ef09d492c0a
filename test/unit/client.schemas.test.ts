// listSourceSchemas against the sandbox over HTTP in every version, read leniently from a tenant
// whose answers vary, and what Create Account makes of the answer: a form, or "not offered"
// (403, 404, no account schema) with the reason.
import * as assert from 'node:assert/strict';
import { IscClient, IscError, type ApiVersion } from '../../src/isc';
import { accountSchemaOffer } from '../../src/core/schema-offer';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { errorDto, startTenant, type LoopbackServer, type Reply } from '../../tools/testing/loopback-server';

const VERSIONS: ApiVersion[] = ['v3', 'beta', 'v2024'];

describe('listSourceSchemas reads a source\'s schemas', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  const clientFor = (version?: ApiVersion) =>
    new IscClient({ baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, preferredVersion: version, maxRetries: 0 });
  before(async () => {
    sandbox = await startSandbox({ seed: 5, largeSourceAccounts: 40, identities: 20, rateLimit: false });
  });
  after(() => sandbox.close());

  for (const version of VERSIONS) {
    it(`in ${version}: the flat file's account schema, with its identity and display attributes and its types`, async () => {
      const flat = sandbox.tenant.flatFileSource();
      const mark = sandbox.requestLog().length;
      const schemas = await clientFor(version).listSourceSchemas(flat.id);
      assert.deepEqual(sandbox.requestLog().slice(mark).map((entry) => entry.path).filter((path) => path !== '/oauth/token'), [`/${version}/sources/${flat.id}/schemas`]);
      const account = schemas.find((schema) => schema.name === 'account')!;
      assert.equal(account.id, flat.accountSchemaId);
      assert.equal(account.identityAttribute, 'id');
      assert.equal(account.displayAttribute, 'userName');
      const byName = new Map(account.attributes.map((attribute) => [attribute.name, attribute]));
      assert.deepEqual([byName.get('groups')?.isMulti, byName.get('groups')?.isEntitlement], [true, true]);
      assert.equal(byName.get('weeklyHours')?.type, 'INT');
      assert.equal(byName.get('rehireEligible')?.type, 'BOOLEAN');
      assert.equal(byName.get('contractEnd')?.type, 'DATE');
      assert.ok(schemas.some((schema) => schema.name === 'group' && schema.id === flat.groupSchemaId));
    });
  }

  it('every source\'s account schema lists every attribute its accounts carry, and the source refers to it', async () => {
    const client = clientFor();
    for (const source of sandbox.tenant.sources()) {
      const [account] = await client.listSourceSchemas(source.id);
      const names = new Set(account.attributes.map((attribute) => attribute.name));
      for (const stored of sandbox.tenant.accountsOfSource(source.id).slice(0, 5)) {
        const missing = Object.keys(sandbox.tenant.attributesOf(stored)).filter((name) => !names.has(name));
        assert.deepEqual(missing, [], `${source.name}: attributes its accounts carry but its schema lacks`);
      }
      const refs = ((await client.getSource(source.id)) as unknown as { schemas: Array<{ id: string; name: string }> }).schemas;
      assert.deepEqual(refs.find((ref) => ref.name === 'account')?.id, account.id, source.name);
    }
  });

  it('the flat file\'s account schema lists every attribute its realistic accounts carry too', async () => {
    const realistic = await startSandbox({ seed: 5, largeSourceAccounts: 10, identities: 10, rateLimit: false, realisticAccounts: true });
    try {
      const flat = realistic.tenant.flatFileSource();
      const client = new IscClient({ baseUrl: realistic.baseUrl, clientId: realistic.clientId, clientSecret: realistic.clientSecret, maxRetries: 0 });
      const [account] = await client.listSourceSchemas(flat.id);
      const names = new Set(account.attributes.map((attribute) => attribute.name));
      const carried = Object.keys(realistic.tenant.attributesOf(realistic.tenant.accountsOfSource(flat.id)[0]));
      assert.deepEqual(carried.filter((name) => !names.has(name)), []);
    } finally {
      await realistic.close();
    }
  });

  it('an unknown source is a 404 IscError', async () => {
    await assert.rejects(clientFor().listSourceSchemas('2c9180aaaaaaaaaaaaaaaaaaaaaaaaaa'), (error: unknown) => error instanceof IscError && error.status === 404);
  });
});

describe('listSourceSchemas tolerates what ISC leaves out or adds', function () {
  this.timeout(20_000);
  let server: LoopbackServer;
  let reply: Reply;
  before(async () => {
    server = await startTenant(() => reply);
  });
  after(() => server.close());
  const client = () => new IscClient({ baseUrl: server.url, clientId: 'schemas', clientSecret: 'schemas-secret-1', maxRetries: 0 });

  it('keeps extra fields, drops nameless attributes, and defaults missing flags', async () => {
    reply = {
      status: 200,
      json: [
        { name: 'account', identityAttribute: 'uid', extra: { nested: true }, attributes: [{ name: 'uid', type: 'string', nativeName: 'UID' }, { type: 'INT' }, 'junk', { name: 'n', isMulti: 'yes' }] },
        { name: 'group' },
      ],
    };
    const [account, group] = await client().listSourceSchemas('s1');
    assert.deepEqual((account as unknown as { extra: unknown }).extra, { nested: true });
    assert.deepEqual(account.attributes.map((a) => [a.name, a.type, a.isMulti]), [['uid', 'STRING', false], ['n', undefined, false]]);
    assert.equal((account.attributes[0] as unknown as { nativeName: string }).nativeName, 'UID');
    assert.deepEqual(group.attributes, []);
  });

  it('refuses an answer that is not a list of schemas', async () => {
    reply = { status: 200, json: { name: 'account' } };
    await assert.rejects(client().listSourceSchemas('s1'), (error: unknown) => error instanceof IscError && error.kind === 'invalid-response');
  });

  describe('what Create Account makes of it', () => {
    const source = { id: 's1', name: 'Roster' };

    it('a form: identity attribute first and required, display attribute second', async () => {
      reply = {
        status: 200,
        json: [{ name: 'account', identityAttribute: 'id', displayAttribute: 'login', attributes: [{ name: 'mail', type: 'STRING' }, { name: 'login' }, { name: 'id', type: 'LONG' }] }],
      };
      const offer = await accountSchemaOffer(client(), source);
      assert.ok(offer.offered);
      assert.deepEqual(offer.form.fields.map((f) => [f.name, f.role, f.required, f.type]), [['id', 'identity', true, 'LONG'], ['login', 'display', false, 'STRING'], ['mail', null, false, 'STRING']]);
    });

    for (const status of [403, 404]) {
      it(`not offered on ${status}, with the reason`, async () => {
        reply = errorDto(status, 'no schemas for you');
        const offer = await accountSchemaOffer(client(), source);
        assert.equal(offer.offered, false);
        assert.match(offer.offered ? '' : offer.reason, new RegExp(`${status}`));
      });
    }

    it('not offered without an account schema or without an identity attribute', async () => {
      reply = { status: 200, json: [{ name: 'group', nativeObjectType: 'Group', identityAttribute: 'id', attributes: [] }] };
      assert.match(JSON.stringify(await accountSchemaOffer(client(), source)), /no account schema/);
      reply = { status: 200, json: [{ name: 'account', attributes: [{ name: 'id' }] }] };
      assert.match(JSON.stringify(await accountSchemaOffer(client(), source)), /no identity attribute/);
    });

    it('any other failure is an error, not a silent fallback', async () => {
      reply = errorDto(500, 'boom');
      await assert.rejects(accountSchemaOffer(client(), source), (error: unknown) => error instanceof IscError && error.status === 500);
    });
  });
});
