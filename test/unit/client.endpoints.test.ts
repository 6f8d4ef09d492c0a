// Which URL each method calls: v3 where the endpoint exists, beta otherwise; a preferred or
// forced version when it has the endpoint; X-SailPoint-Experimental on v2024's experimental
// endpoints; JSON Patch content type; URL-encoded ids.
import * as assert from 'node:assert/strict';
import { IscClient, type ApiVersion, type CallOptions } from '../../src/isc';
import { chooseVersion, ENDPOINTS, type EndpointName } from '../../src/isc/endpoints';
import { IscError } from '../../src/isc/errors';
import { accountJson, startTenant, type LoopbackServer, type SeenRequest, type Reply } from '../../tools/testing/loopback-server';

/** A plausible answer for any endpoint, by its shape. */
function answerFor(request: SeenRequest): Reply {
  const path = request.path.replace(/^\/(v3|beta|v2024)/, '');
  if (request.method === 'GET') {
    if (/^\/(accounts|sources|entitlements)$/.test(path) || /\/(entitlements|schemas)$/.test(path)) return { status: 200, json: [] };
    if (path.startsWith('/task-status/')) return { status: 200, json: { id: 't1', completionStatus: null, percentComplete: 0 } };
    return { status: 200, json: accountJson('x') };
  }
  if (/^\/identities-accounts\/(enable|disable)$/.test(path)) return { status: 207, json: [{ id: 'i1', statusCode: 202, message: null }] };
  if (path.startsWith('/identities-accounts/')) return { status: 202, json: {} };
  if (path.endsWith('/remove') || path.endsWith('/remove-accounts')) return { status: 202, json: { type: 'TASK_RESULT', id: 'tr1', name: null } };
  return { status: 202, json: { id: 'task-1' } };
}

type Call = (client: IscClient, options: CallOptions) => Promise<unknown>;
const ID = '2c91/80 8a';
const calls: Record<EndpointName, Call> = {
  listAccounts: (c, o) => c.listAccounts(o),
  getAccount: (c, o) => c.getAccount(ID, o),
  createAccount: (c, o) => c.createAccount({ attributes: { sourceId: 'src-1', name: 'jdoe' } }, o),
  putAccount: (c, o) => c.putAccount(ID, { attributes: { city: 'Austin' } }, o),
  patchAccount: (c, o) => c.patchAccount(ID, [{ op: 'replace', path: '/manuallyCorrelated', value: true }], o),
  deleteAccount: (c, o) => c.deleteAccount(ID, o),
  enableAccount: (c, o) => c.enableAccount(ID, { forceProvisioning: true }, o),
  disableAccount: (c, o) => c.disableAccount(ID, undefined, o),
  unlockAccount: (c, o) => c.unlockAccount(ID, { unlockIDNAccount: true }, o),
  reloadAccount: (c, o) => c.reloadAccount(ID, o),
  listAccountEntitlements: (c, o) => c.listAccountEntitlements(ID, o),
  removeAccount: (c, o) => c.removeAccount(ID, o),
  removeAllAccountsOfSource: (c, o) => c.removeAllAccountsOfSource(ID, o),
  enableIdnAccountForIdentity: (c, o) => c.enableIdnAccountForIdentity(ID, o),
  disableIdnAccountForIdentity: (c, o) => c.disableIdnAccountForIdentity(ID, o),
  enableIdnAccountsForIdentities: (c, o) => c.enableIdnAccountsForIdentities(['i1', 'i2'], o),
  disableIdnAccountsForIdentities: (c, o) => c.disableIdnAccountsForIdentities(['i1'], o),
  listSources: (c, o) => c.listSources(o),
  getSource: (c, o) => c.getSource(ID, o),
  listSourceSchemas: (c, o) => c.listSourceSchemas(ID, o),
  listSourceEntitlements: (c, o) => c.listSourceEntitlements(ID, o),
  getTaskStatus: (c, o) => c.getTaskStatus(ID, o),
};

const E = encodeURIComponent(ID);
/** Method and path (without version) each call must produce. */
const expected: Record<EndpointName, [string, string]> = {
  listAccounts: ['GET', '/accounts'],
  getAccount: ['GET', `/accounts/${E}`],
  createAccount: ['POST', '/accounts'],
  putAccount: ['PUT', `/accounts/${E}`],
  patchAccount: ['PATCH', `/accounts/${E}`],
  deleteAccount: ['DELETE', `/accounts/${E}`],
  enableAccount: ['POST', `/accounts/${E}/enable`],
  disableAccount: ['POST', `/accounts/${E}/disable`],
  unlockAccount: ['POST', `/accounts/${E}/unlock`],
  reloadAccount: ['POST', `/accounts/${E}/reload`],
  listAccountEntitlements: ['GET', `/accounts/${E}/entitlements`],
  removeAccount: ['POST', `/accounts/${E}/remove`],
  removeAllAccountsOfSource: ['POST', `/sources/${E}/remove-accounts`],
  enableIdnAccountForIdentity: ['POST', `/identities-accounts/${E}/enable`],
  disableIdnAccountForIdentity: ['POST', `/identities-accounts/${E}/disable`],
  enableIdnAccountsForIdentities: ['POST', '/identities-accounts/enable'],
  disableIdnAccountsForIdentities: ['POST', '/identities-accounts/disable'],
  listSources: ['GET', '/sources'],
  getSource: ['GET', `/sources/${E}`],
  listSourceSchemas: ['GET', `/sources/${E}/schemas`],
  listSourceEntitlements: ['GET', '/entitlements'],
  getTaskStatus: ['GET', `/task-status/${E}`],
};
const NOT_IN_V3: EndpointName[] = [
  'removeAccount',
  'removeAllAccountsOfSource',
  'enableIdnAccountForIdentity',
  'disableIdnAccountForIdentity',
  'enableIdnAccountsForIdentities',
  'disableIdnAccountsForIdentities',
  'listSourceEntitlements',
  'getTaskStatus',
];
const EXPERIMENTAL_IN_V2024 = NOT_IN_V3.slice(0, 6);

describe('endpoints: version selection', () => {
  it('v3 where the endpoint exists, beta otherwise', () => {
    for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
      assert.equal(chooseVersion(name), NOT_IN_V3.includes(name) ? 'beta' : 'v3', name);
    }
  });

  it('a preferred version wins where it has the endpoint; v3 falls back to beta', () => {
    assert.equal(chooseVersion('getAccount', 'v2024'), 'v2024');
    assert.equal(chooseVersion('getAccount', 'beta'), 'beta');
    assert.equal(chooseVersion('removeAccount', 'v3'), 'beta');
    assert.equal(chooseVersion('removeAccount', 'v2024'), 'v2024');
  });

  it('a version forced per call must have the endpoint', () => {
    assert.equal(chooseVersion('getTaskStatus', undefined, 'v2024'), 'v2024');
    assert.throws(
      () => chooseVersion('removeAccount', 'beta', 'v3'),
      (error: unknown) =>
        error instanceof IscError &&
        error.kind === 'invalid-request' &&
        error.message === 'The removeAccount endpoint (POST /accounts/{id}/remove) does not exist in the v3 API; use beta or v2024.',
    );
  });
});

describe('endpoints: every method calls the right URL in every version that has it', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startTenant(answerFor);
  });
  after(() => server.close());

  for (const name of Object.keys(calls) as EndpointName[]) {
    for (const version of ['v3', 'beta', 'v2024'] as ApiVersion[]) {
      const exists = version !== 'v3' || !NOT_IN_V3.includes(name);
      it(`${name} on ${version}${exists ? '' : ' is refused before sending'}`, async () => {
        const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234', maxRetries: 0 });
        const before = server.apiRequests().length;
        if (!exists) {
          await assert.rejects(calls[name](client, { version }), (error: unknown) => error instanceof IscError && error.kind === 'invalid-request' && error.message.includes(name));
          assert.equal(server.apiRequests().length, before);
          return;
        }
        await calls[name](client, { version });
        const [request] = server.apiRequests().slice(before);
        const [method, path] = expected[name];
        assert.equal(request.method, method);
        assert.equal(request.path, `/${version}${path}`);
        const experimental = version === 'v2024' && EXPERIMENTAL_IN_V2024.includes(name);
        assert.equal(request.headers['x-sailpoint-experimental'], experimental ? 'true' : undefined);
      });
    }
  }
});

describe('endpoints: defaults and request bodies', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startTenant(answerFor);
  });
  after(() => server.close());

  const lastRequest = (): SeenRequest => server.apiRequests()[server.apiRequests().length - 1];

  it('without a version: v3 for accounts and sources, beta for the rest', async () => {
    const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234' });
    await client.getAccount('a1');
    assert.equal(lastRequest().path, '/v3/accounts/a1');
    await client.removeAccount('a1');
    assert.equal(lastRequest().path, '/beta/accounts/a1/remove');
    assert.equal(lastRequest().headers['x-sailpoint-experimental'], undefined);
  });

  it('preferredVersion v2024 sends everything to v2024, with the experimental header where needed', async () => {
    const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234', preferredVersion: 'v2024' });
    await client.listAccounts();
    assert.equal(lastRequest().path, '/v2024/accounts');
    await client.disableIdnAccountsForIdentities(['i1']);
    assert.equal(lastRequest().path, '/v2024/identities-accounts/disable');
    assert.equal(lastRequest().headers['x-sailpoint-experimental'], 'true');
  });

  it('PATCH uses application/json-patch+json and sends the operations as they are', async () => {
    const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234' });
    const operations = [{ op: 'replace', path: '/identityId', value: 'id-2' }, { op: 'remove', path: '/attributes/x' }] as const;
    await client.patchAccount('a1', [...operations]);
    assert.equal(lastRequest().headers['content-type'], 'application/json-patch+json');
    assert.deepEqual(JSON.parse(lastRequest().body), operations);
  });

  it('enable, disable and unlock always send a JSON body (the contract requires one)', async () => {
    const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234' });
    await client.disableAccount('a1');
    assert.equal(lastRequest().headers['content-type'], 'application/json');
    assert.equal(lastRequest().body, '{}');
    await client.unlockAccount('a1', { unlockIDNAccount: true, forceProvisioning: false });
    assert.deepEqual(JSON.parse(lastRequest().body), { unlockIDNAccount: true, forceProvisioning: false });
    await client.reloadAccount('a1');
    assert.equal(lastRequest().body, '');
  });

  it('bulk identity calls send identityIds and return one answer per identity', async () => {
    const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234' });
    const answers = await client.enableIdnAccountsForIdentities(['i1', 'i2']);
    assert.deepEqual(JSON.parse(lastRequest().body), { identityIds: ['i1', 'i2'] });
    assert.equal(answers[0].statusCode, 202);
    await assert.rejects(client.enableIdnAccountsForIdentities([]), (error: unknown) => error instanceof IscError && error.kind === 'invalid-request');
  });

  it('listSourceEntitlements filters on source.id (quoted) and keeps the caller filter', async () => {
    const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234' });
    await client.listSourceEntitlements('s"1');
    assert.equal(lastRequest().query.get('filters'), 'source.id eq "s\\"1"');
    await client.listSourceEntitlements('s1', { filters: 'name sw "adm"', limit: 5 });
    assert.equal(lastRequest().query.get('filters'), 'source.id eq "s1" and (name sw "adm")');
    assert.equal(lastRequest().query.get('limit'), '5');
  });

  it('createAccount needs attributes.sourceId', async () => {
    const client = new IscClient({ baseUrl: server.url, clientId: 'ep', clientSecret: 'ep-secret-1234' });
    await assert.rejects(client.createAccount({ attributes: {} } as never), /attributes\.sourceId/);
  });
});
