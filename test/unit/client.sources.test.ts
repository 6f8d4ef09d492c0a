// listSources against the sandbox over HTTP: ISC hides its own IdentityNow source unless
// `includeIDNSource=true`, and every version documents that flag, so the client always sends it.
import * as assert from 'node:assert/strict';
import { IscClient, type ApiVersion } from '../../src/isc';
import { isIdentityNowSource } from '../../src/isc/source-kind';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

describe('listSources includes the IdentityNow source', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ seed: 11, largeSourceAccounts: 50, identities: 20, rateLimit: false });
  });
  after(() => sandbox.close());

  for (const version of ['v3', 'beta', 'v2024'] as ApiVersion[]) {
    it(`in ${version}: lists every source, the IdentityNow source among them, and asks for it`, async () => {
      const client = new IscClient({ baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, preferredVersion: version });
      const mark = sandbox.requestLog().length;
      const page = await client.listSources({ count: true, sorters: 'name' });
      const idn = sandbox.tenant.identityNowSource();
      assert.equal(page.totalCount, sandbox.tenant.sources().length);
      assert.deepEqual(page.items.filter(isIdentityNowSource).map((source) => source.id), [idn.id]);
      const sent = sandbox.requestLog().slice(mark).filter((entry) => entry.path === `/${version}/sources`);
      assert.equal(sent.length, 1);
      assert.equal(new URLSearchParams(sent[0].query).get('includeIDNSource'), 'true');
    });
  }

  it('recognises the IdentityNow source by its connector, not by its name', () => {
    const named = { name: 'IdentityNow', connector: 'active-directory', type: 'Active Directory - Direct' };
    assert.equal(isIdentityNowSource(named), false);
    assert.equal(isIdentityNowSource({ connector: 'IdentityNowConnector', type: 'IdentityNowConnector' }), true);
  });
});
