// detailLevel=SLIM on GET /accounts, as src/sandbox/README.md ("SLIM") documents it: no
// attributes (null), the fields of ISC's SLIM example and the schema's required ones, none of the
// joined extras; far smaller than FULL on realistic accounts. FULL stays the default.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import type { Account } from '../../src/isc/models';
import { OpenApiContract, SPEC_VERSIONS } from './support/openapi';
import { call, errorText, fetchToken, query } from './support/sandbox-http';

/** Every field a SLIM account carries (identityId and identity only when correlated). */
const SLIM_FIELDS = [
  'id', 'name', 'created', 'modified', 'sourceId', 'sourceName', 'identityId', 'identity', 'authoritative', 'disabled',
  'locked', 'nativeIdentity', 'systemAccount', 'uncorrelated', 'manuallyCorrelated', 'hasEntitlements', 'origin',
  'attributes', 'description', 'uuid', 'features',
];
/** The fields of the SlimAccounts example in the beta document's list-accounts answer. */
const ISC_SLIM_EXAMPLE_FIELDS = [
  'attributes', 'created', 'description', 'disabled', 'features', 'hasEntitlements', 'id', 'identityId', 'locked',
  'manuallyCorrelated', 'modified', 'name', 'nativeIdentity', 'sourceId', 'uuid',
];

describe('sandbox: detailLevel=SLIM', () => {
  let sandbox: SandboxHandle;
  let token: string;
  let adFilter: string;
  const list = (params: Record<string, string | number>, version = 'v3') =>
    call<Account[]>(sandbox, token, `/${version}/accounts?${query(params)}`);

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 1000, realisticAccounts: true, rateLimit: false });
    token = await fetchToken(sandbox);
    adFilter = `sourceId eq "${sandbox.tenant.largeSource().id}"`;
  });
  after(() => sandbox.close());

  it('answers accounts without attributes, with the documented fields and nothing joined', async () => {
    const slim = await list({ filters: adFilter, limit: 250, detailLevel: 'SLIM' });
    assert.equal(slim.status, 200);
    assert.equal(slim.body.length, 250);
    for (const account of slim.body) {
      assert.equal(account.attributes, null, `${account.name} has attributes`);
      const extra = Object.keys(account).filter((key) => !SLIM_FIELDS.includes(key));
      assert.deepEqual(extra, [], `${account.name} carries fields SLIM leaves out`);
      for (const field of ISC_SLIM_EXAMPLE_FIELDS.filter((f) => f !== 'identityId')) assert.ok(field in account, `${account.name} lacks ${field}`);
    }
    const correlated = slim.body.find((account) => account.identityId);
    assert.deepEqual(Object.keys(correlated?.identity ?? {}), ['id', 'type', 'name'], 'the owner a row shows stays');
    assert.match(String(slim.body[0].uuid), /^\{[0-9a-f-]{36}\}$/, 'AD objectGUID as ISC\'s example has it');
  });

  it('agrees with FULL on every field both carry, for the same accounts in the same order', async () => {
    const params = { filters: adFilter, limit: 100, offset: 300, sorters: '-name' };
    const [slim, full] = await Promise.all([list({ ...params, detailLevel: 'SLIM' }), list(params)]);
    assert.deepEqual(slim.body.map((a) => a.id), full.body.map((a) => a.id));
    full.body.forEach((fullAccount, i) => {
      const { attributes: none, ...slimFields } = slim.body[i];
      assert.equal(none, null);
      const fullFields: Partial<Account> = Object.fromEntries(Object.keys(slimFields).map((key) => [key, fullAccount[key as keyof Account]]));
      assert.deepEqual(slimFields, fullFields, `${fullAccount.name}: SLIM and FULL disagree`);
    });
  });

  it('is far smaller than FULL on realistic accounts (a page of 250: at most a fifth)', async () => {
    const [slim, full] = await Promise.all([
      list({ filters: adFilter, limit: 250, detailLevel: 'SLIM' }),
      list({ filters: adFilter, limit: 250 }),
    ]);
    const slimBytes = Buffer.byteLength(slim.text);
    const fullBytes = Buffer.byteLength(full.text);
    assert.ok(slimBytes <= fullBytes * 0.2, `SLIM ${slimBytes} B is more than 20% of FULL ${fullBytes} B`);
  });

  it('leaves FULL the default: no detailLevel and detailLevel=FULL send the same bytes, with attributes', async () => {
    const [plain, full] = await Promise.all([list({ filters: adFilter, limit: 50 }), list({ filters: adFilter, limit: 50, detailLevel: 'FULL' })]);
    assert.equal(plain.text, full.text);
    for (const account of plain.body) {
      assert.equal(typeof account.attributes, 'object');
      assert.ok(Object.keys(account.attributes ?? {}).length >= 40);
      assert.ok('cloudLifecycleState' in account && 'sourceOwner' in account && 'connectionType' in account);
    }
  });

  it('validates against the Account schema of every version', async () => {
    for (const version of SPEC_VERSIONS) {
      const contract = new OpenApiContract(version);
      const slim = await list({ limit: 250, detailLevel: 'SLIM', sorters: 'sourceId' }, version);
      for (const account of slim.body) {
        const result = contract.validateComponent('Account', account);
        assert.ok(result.valid, `${version} ${account.name}: ${result.errors.join('; ')}`);
      }
    }
  });

  it('refuses another spelling with a 400 naming the parameter (the enum is upper case)', async () => {
    const result = await list({ detailLevel: 'slim' });
    assert.equal(result.status, 400);
    assert.match(errorText(result), /detailLevel.*SLIM or FULL/);
  });
});
