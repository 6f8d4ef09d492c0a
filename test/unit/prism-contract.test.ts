// Every request the client sends, checked against SailPoint's official OpenAPI contract by
// Stoplight Prism: each IscApi method once per version that has it, with realistic bodies;
// any violation Prism reports fails the test. Prism answers with the contract's examples,
// which the client must read without choking.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { IscClient, type ApiVersion, type CallOptions } from '../../src/isc';
import { versionsOf, type EndpointName } from '../../src/isc/endpoints';
import { IscError } from '../../src/isc/errors';
import { requestViolations, startPrismFront, VERSIONS, type PrismFront } from './support/prism';

const ACCOUNT = '2c9180835d2e5168015d32f890ca1581';
const SOURCE = '2c9180835d191a86015d28455b4a2329';
const IDENTITY = '2c9180858082150f0180893dbaf44201';

/** One realistic call per endpoint. */
const calls: Record<EndpointName, (client: IscClient, options: CallOptions) => Promise<unknown>> = {
  listAccounts: (c, o) => c.listAccounts({ ...o, limit: 50, offset: 0, count: true, filters: `sourceId eq "${SOURCE}" and name sw "jo"`, sorters: ['name', '-created'], detailLevel: 'SLIM' }),
  getAccount: (c, o) => c.getAccount(ACCOUNT, o),
  createAccount: (c, o) => c.createAccount({ attributes: { sourceId: SOURCE, name: 'jdoe', displayName: 'John Doe', mail: 'john.doe@example.com' } }, o),
  putAccount: (c, o) => c.putAccount(ACCOUNT, { attributes: { city: 'Austin', displayName: 'John Doe', userName: 'jdoe' } }, o),
  patchAccount: (c, o) => c.patchAccount(ACCOUNT, [{ op: 'replace', path: '/identityId', value: IDENTITY }, { op: 'add', path: '/attributes/familyName', value: 'Smith' }], o),
  deleteAccount: (c, o) => c.deleteAccount(ACCOUNT, o),
  enableAccount: (c, o) => c.enableAccount(ACCOUNT, { externalVerificationId: '3f9180835d2e5168015d32f890ca1581', forceProvisioning: false }, o),
  disableAccount: (c, o) => c.disableAccount(ACCOUNT, { forceProvisioning: true }, o),
  unlockAccount: (c, o) => c.unlockAccount(ACCOUNT, { unlockIDNAccount: true, forceProvisioning: false }, o),
  reloadAccount: (c, o) => c.reloadAccount(ACCOUNT, o),
  listAccountEntitlements: (c, o) => c.listAccountEntitlements(ACCOUNT, { ...o, limit: 25, offset: 0, count: true }),
  removeAccount: (c, o) => c.removeAccount(ACCOUNT, o),
  removeAllAccountsOfSource: (c, o) => c.removeAllAccountsOfSource(SOURCE, o),
  enableIdnAccountForIdentity: (c, o) => c.enableIdnAccountForIdentity(IDENTITY, o),
  disableIdnAccountForIdentity: (c, o) => c.disableIdnAccountForIdentity(IDENTITY, o),
  enableIdnAccountsForIdentities: (c, o) => c.enableIdnAccountsForIdentities([IDENTITY, '2c91808384203c2d018437e631158308'], o),
  disableIdnAccountsForIdentities: (c, o) => c.disableIdnAccountsForIdentities([IDENTITY], o),
  listSources: (c, o) => c.listSources({ ...o, limit: 10, count: true, sorters: 'name' }),
  getSource: (c, o) => c.getSource(SOURCE, o),
  listSourceSchemas: (c, o) => c.listSourceSchemas(SOURCE, o),
  listSourceEntitlements: (c, o) => c.listSourceEntitlements(SOURCE, { ...o, limit: 100, count: true }),
  getTaskStatus: (c, o) => c.getTaskStatus('464ae7bf791e49fdb74606a2e4a89635', o),
};

describe('contract: the client\'s requests against the official OpenAPI (Stoplight Prism)', function () {
  let front: PrismFront;
  let client: IscClient;
  before(async function () {
    this.timeout(90_000);
    front = await startPrismFront(80_000);
    client = new IscClient({ baseUrl: front.url, clientId: 'contract-client', clientSecret: 'contract-secret-0000', maxRetries: 0, timeoutMs: 10_000 });
  });
  after(async function () {
    this.timeout(20_000);
    // Not the client's doing, but worth knowing: the contract's examples that break its own schemas.
    const flaws = (front?.violations ?? []).flatMap((entry) => entry.violations.filter((v) => v.location?.[0] === 'response').map((v) => `${entry.method} ${entry.path}: ${v.message}`));
    if (flaws.length > 0) console.log(`      (Prism flagged ${flaws.length} answer(s) of the contract's own examples: ${[...new Set(flaws)].join('; ')})`);
    await front?.close();
  });

  for (const version of VERSIONS) {
    for (const name of Object.keys(calls) as EndpointName[]) {
      if (!versionsOf(name).includes(version)) continue;
      it(`${name} on ${version}`, async () => {
        const before = front.violations.length;
        const result = await calls[name](client, { version: version as ApiVersion });
        assert.ok(result !== undefined);
        const found = requestViolations(front.violations.slice(before));
        assert.deepEqual(found, [], `Prism reported contract violations of the request:\n${inspect(found, { depth: 8 })}`);
        const last = front.exchanges[front.exchanges.length - 1];
        assert.match(last.path, new RegExp(`^/${version}/`));
        assert.ok(last.status >= 200 && last.status < 300, `status ${last.status}`);
      });
    }
  }

  it('reports a request that breaks the contract (the check can fail)', async () => {
    const before = front.violations.length;
    await assert.rejects(client.enableAccount(ACCOUNT, { forceProvisioning: 'yes' as never }), (error: unknown) => error instanceof IscError && error.kind === 'http');
    const found = requestViolations(front.violations.slice(before));
    assert.equal(found.length, 1);
    assert.match(inspect(found[0].violations, { depth: 8 }), /forceProvisioning/);
  });
});
