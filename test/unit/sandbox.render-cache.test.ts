// The sandbox keeps each account's JSON text (state/account-json-cache.ts). It must send
// exactly the bytes JSON.stringify(accountView(…)) would, cached or not, and a change to an
// account, its identity or its source must show on the very next GET.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxAccount, SandboxHandle } from '../../src/sandbox';
import { AccountJsonCache } from '../../src/sandbox/state/account-json-cache';
import { accountView } from '../../src/sandbox/state/openapi-json';
import type { Account } from '../../src/isc/models';
import { call, fetchToken, query, waitFor } from './support/sandbox-http';

describe('sandbox: rendered account JSON cache', () => {
  let sandbox: SandboxHandle;
  let token: string;
  const get = <T = Account[]>(path: string) => call<T>(sandbox, token, path);
  const list = (params: Record<string, string | number | boolean>) => get(`/v3/accounts?${query(params)}`);
  const reference = (accounts: readonly SandboxAccount[], detail: 'FULL' | 'SLIM' = 'FULL') =>
    JSON.stringify(accounts.map((a) => accountView(sandbox.tenant, a, detail)));

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 400, identities: 80, rateLimit: false, taskDurationMs: 20 });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  it('renders every account byte for byte as JSON.stringify(accountView), cold, warm, SLIM first or FULL first', () => {
    const tenant = sandbox.tenant;
    const odd = tenant.accountsOfSource(tenant.flatFileSource().id)[3];
    tenant.updateAccount(odd.id, { name: 'quote " backslash \\ tab \t ünï €😀 lone \ud800', identityId: null });
    const accounts = tenant.allAccounts();
    for (const [first, second] of [['SLIM', 'FULL'], ['FULL', 'SLIM']] as const) {
      tenant.accountJson.clear();
      for (const detail of [first, second, first, second]) {
        for (const account of accounts) {
          const expected = JSON.stringify(accountView(tenant, account, detail));
          assert.equal(tenant.accountJson.account(account, detail).bytes.toString('utf8'), expected, `${account.id} ${detail}`);
        }
      }
    }
    assert.equal(tenant.accountJson.page([], 'FULL').bytes.toString(), '[]');
  });

  it('answers the same bytes and headers from the cache as from a fresh render', async () => {
    const source = sandbox.tenant.largeSource();
    for (const detailLevel of ['FULL', 'SLIM']) {
      const params = { filters: `sourceId eq "${source.id}"`, sorters: '-name', limit: 250, offset: 50, count: true, detailLevel };
      sandbox.tenant.accountJson.clear();
      const cold = await list(params);
      const warm = await list(params);
      sandbox.tenant.accountJson.clear();
      const fresh = await list(params);
      for (const response of [warm, fresh]) {
        assert.equal(response.text, cold.text);
        for (const name of ['content-type', 'content-length', 'x-total-count']) assert.equal(response.headers.get(name), cold.headers.get(name), name);
      }
      assert.equal(cold.headers.get('content-length'), String(Buffer.byteLength(cold.text)));
      assert.equal(cold.headers.get('content-type'), 'application/json;charset=utf-8');
      const expected = cold.body.map((a) => sandbox.tenant.account(a.id as string)!);
      assert.equal(cold.text, reference(expected, detailLevel as 'FULL' | 'SLIM'));
    }
    const one = sandbox.tenant.accountsOfSource(source.id)[7];
    assert.equal((await get(`/v3/accounts/${one.id}`)).text, JSON.stringify(accountView(sandbox.tenant, one)));
  });

  it('shows a change made through the tenant state API on the very next page and GET', async () => {
    const source = sandbox.tenant.largeSource();
    const page = { filters: `sourceId eq "${source.id}"`, limit: 10 };
    const target = sandbox.tenant.accountsOfSource(source.id)[2];
    sandbox.tenant.updateAccount(target.id, { disabled: false });
    assert.equal((await list(page)).body.find((a) => a.id === target.id)?.disabled, false); // cached now
    assert.equal((await get<Account>(`/v3/accounts/${target.id}`)).body.disabled, false);
    sandbox.tenant.updateAccount(target.id, { disabled: true });
    assert.equal((await list(page)).body.find((a) => a.id === target.id)?.disabled, true);
    assert.equal((await get<Account>(`/v3/accounts/${target.id}`)).body.disabled, true);
    assert.equal((await list({ ...page, detailLevel: 'SLIM' })).body.find((a) => a.id === target.id)?.disabled, true);
  });

  it('shows a disable task and an attribute PATCH on the next GET', async () => {
    const flat = sandbox.tenant.accountsOfSource(sandbox.tenant.flatFileSource().id).find((a) => !a.disabled)!;
    const before = await get<Account>(`/v3/accounts/${flat.id}`);
    assert.equal(before.body.disabled, false);
    const patched = await call(sandbox, token, `/v3/accounts/${flat.id}`, {
      method: 'PATCH',
      json: [{ op: 'add', path: '/attributes/costCenter', value: 'CC-42' }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(patched.status, 202);
    assert.equal((await get<Account>(`/v3/accounts/${flat.id}`)).body.attributes?.costCenter, 'CC-42');
    const listed = await list({ filters: `id eq "${flat.id}"` });
    assert.equal(listed.body[0].attributes?.costCenter, 'CC-42');

    const disabled = await call(sandbox, token, `/v3/accounts/${flat.id}/disable`, { method: 'POST', json: {} });
    assert.equal(disabled.status, 202);
    await waitFor(() => sandbox.tenant.account(flat.id)?.disabled === true, 2000, 'disable task');
    assert.equal((await get<Account>(`/v3/accounts/${flat.id}`)).body.disabled, true);
    assert.equal((await list({ filters: `id eq "${flat.id}"` })).body[0].disabled, true);
  });

  it('shows a renamed identity or source in the joined fields, and in filters on them', async () => {
    const tenant = sandbox.tenant;
    const account = tenant.accountsOfSource(tenant.largeSource().id).find((a) => a.identityId !== null)!;
    const identityId = account.identityId!;
    const byName = (name: string) => list({ filters: `identity.name eq "${name}"`, sorters: 'name' });
    const oldName = tenant.identity(identityId)!.name;
    assert.ok((await byName(oldName)).body.some((a) => a.id === account.id));
    await get(`/v3/accounts/${account.id}`);

    tenant.updateIdentity(identityId, { name: 'Renamed Person', lifecycleState: 'leave' });
    const after = await get<Account>(`/v3/accounts/${account.id}`);
    assert.equal(after.body.identity?.name, 'Renamed Person');
    assert.equal(after.body.cloudLifecycleState, 'leave');
    assert.ok((await byName('Renamed Person')).body.some((a) => a.id === account.id));
    assert.equal((await byName(oldName)).body.length, 0);

    const source = tenant.source(account.sourceId)!;
    await list({ filters: `source.displayableName eq "${source.name}"`, limit: 5 });
    tenant.updateSource(source.id, { name: 'Renamed Directory', features: [] });
    const renamed = await get<Account>(`/v3/accounts/${account.id}`);
    assert.equal(renamed.body.sourceName, 'Renamed Directory');
    assert.equal(renamed.body.features, null);
    const bySource = await list({ filters: `source.displayableName eq "Renamed Directory"`, limit: 5, detailLevel: 'SLIM' });
    assert.equal(bySource.body.length, 5);
    assert.ok(bySource.body.every((a) => a.sourceName === 'Renamed Directory'));
  });

  it('drops removed accounts from the next page', async () => {
    const source = sandbox.tenant.largeSource();
    const page = { filters: `sourceId eq "${source.id}"`, limit: 5 };
    const first = (await list(page)).body[0].id as string;
    sandbox.tenant.removeAccount(first);
    const next = (await list(page)).body;
    assert.equal(next.length, 5, 'the page is still full');
    assert.ok(!next.some((a) => a.id === first));
    assert.equal((await get(`/v3/accounts/${first}`)).status, 404);
  });

  it('stays within its byte budget and still renders every account right past it', () => {
    const tenant = sandbox.tenant;
    const cache = new AccountJsonCache(tenant, 20_000);
    const accounts = tenant.accountsOfSource(tenant.largeSource().id).slice(0, 100);
    for (let round = 0; round < 2; round++) {
      assert.equal(cache.page(accounts, 'FULL').bytes.toString(), reference(accounts, 'FULL'));
      assert.equal(cache.page(accounts, 'SLIM').bytes.toString(), reference(accounts, 'SLIM'));
    }
    const { accounts: kept, bytes } = cache.stats();
    assert.ok(kept > 0 && kept < 100 && bytes <= 20_000, `${kept} accounts, ${bytes} bytes`);
  });
});
