// Standard collection parameters on the sandbox's list endpoints: limit/offset paging, count
// (X-Total-Count only when asked), filters (only the fields and operators ISC documents, 400
// naming the culprit otherwise), sorters, and detailLevel=SLIM.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import type { Account, Entitlement, Source } from '../../src/isc/models';
import { call, errorText, fetchToken, query } from './support/sandbox-http';

describe('sandbox: listing accounts', () => {
  let sandbox: SandboxHandle;
  let token: string;
  const list = (params: Record<string, string | number | boolean>, version = 'v3') =>
    call<Account[]>(sandbox, token, `/${version}/accounts?${query(params)}`);

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 700, identities: 120, rateLimit: false });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  describe('paging and count', () => {
    it('pages through a source with limit/offset: every account once, in id order', async () => {
      const source = sandbox.tenant.largeSource();
      const seen: string[] = [];
      for (let offset = 0; ; offset += 250) {
        const page = await list({ filters: `sourceId eq "${source.id}"`, limit: 250, offset });
        assert.equal(page.status, 200);
        seen.push(...page.body.map((a) => a.id as string));
        if (page.body.length < 250) break;
      }
      assert.deepEqual(seen, sandbox.tenant.accountsOfSource(source.id).map((a) => a.id));
    });

    it('answers 250 accounts by default', async () => {
      assert.equal((await list({})).body.length, 250);
    });

    it('sends X-Total-Count only with count=true', async () => {
      const source = sandbox.tenant.flatFileSource();
      const counted = await list({ filters: `sourceId eq "${source.id}"`, limit: 5, count: true });
      assert.equal(counted.headers.get('x-total-count'), String(sandbox.tenant.accountsOfSource(source.id).length));
      assert.equal((await list({ limit: 5 })).headers.get('x-total-count'), null);
    });

    it('refuses limit above 250 or below 0, and a bad offset or count, naming the parameter', async () => {
      for (const [params, name] of [[{ limit: 251 }, 'limit'], [{ limit: -1 }, 'limit'], [{ offset: 'x' }, 'offset'], [{ count: 'yes' }, 'count']] as const) {
        const result = await list(params);
        assert.equal(result.status, 400, JSON.stringify(params));
        assert.match(errorText(result), new RegExp(`"${name}"`));
      }
    });
  });

  describe('filters', () => {
    it('keeps only the accounts that match, for each documented field', async () => {
      const { tenant } = sandbox;
      const identity = tenant.identities()[0];
      const check = async (filters: string, expected: (a: Account) => boolean) => {
        const result = await list({ filters, limit: 250, count: true });
        assert.equal(result.status, 200, `${filters}: ${result.text}`);
        assert.ok(result.body.length > 0, `${filters} matched nothing`);
        assert.ok(result.body.every(expected), `${filters} let a wrong account through`);
      };
      await check(`identityId eq "${identity.id}"`, (a) => a.identityId === identity.id);
      await check('uncorrelated eq true', (a) => a.uncorrelated && a.identityId === undefined);
      await check('manuallyCorrelated eq true', (a) => a.manuallyCorrelated);
      await check('name sw "a1-"', (a) => (a.name ?? '').startsWith('a1-'));
      await check('origin in ("AGGREGATED")', (a) => a.origin === 'AGGREGATED');
      await check('source.authoritative eq true', (a) => a.sourceId === tenant.authoritativeSource().id);
      await check('recommendation.method isnull', (a) => !a.systemAccount);
      await check('recommendation.method eq "DISCOVERY"', (a) => a.systemAccount);
      await check(`identity.name eq "${identity.name}"`, (a) => a.identity?.name === identity.name);
      await check('entitlements eq false', (a) => !a.hasEntitlements);
      await check('hasEntitlements eq true', (a) => a.hasEntitlements);
    });

    it('filters created and modified by unquoted ISO-8601 date-times, as the OpenAPI documents', async () => {
      const flat = `sourceId eq "${sandbox.tenant.flatFileSource().id}"`;
      const all = await list({ filters: flat, limit: 250 });
      const times = all.body.map((a) => Date.parse(a.created as string)).sort((x, y) => x - y);
      const middle = new Date(times[Math.floor(times.length / 2)]).toISOString();
      const after = await list({ filters: `${flat} and created gt ${middle}`, limit: 250 });
      assert.equal(after.status, 200, after.text);
      assert.ok(after.body.length > 0 && after.body.length < all.body.length, 'the split should keep some and drop some');
      assert.ok(after.body.every((a) => Date.parse(a.created as string) > Date.parse(middle)));
      const upTo = await list({ filters: `modified le "${middle}"`, limit: 250 });
      assert.equal(upTo.status, 200, upTo.text);
      assert.ok(upTo.body.length > 0, 'some accounts were modified before the middle one');
      assert.ok(upTo.body.every((a) => Date.parse(a.modified as string) <= Date.parse(middle)));
      const refused = await list({ filters: `created sw ${middle}` });
      assert.equal(refused.status, 400);
      assert.match(errorText(refused), /"created"/);
    });

    it('combines with and, or, not and parentheses (and binds tighter than or)', async () => {
      const flat = sandbox.tenant.flatFileSource();
      const idn = sandbox.tenant.identityNowSource();
      const both = await list({ filters: `sourceId eq "${flat.id}" or sourceId eq "${idn.id}" and uncorrelated eq true`, count: true, limit: 1 });
      assert.equal(both.headers.get('x-total-count'), String(sandbox.tenant.accountsOfSource(flat.id).length), 'idn accounts are never uncorrelated');
      const notFlat = await list({ filters: `not (sourceId eq "${flat.id}") and uncorrelated eq true`, limit: 250 });
      assert.ok(notFlat.body.length > 0 && notFlat.body.every((a) => a.sourceId !== flat.id && a.uncorrelated));
    });

    it('reads escaped quotes and backslashes in strings', async () => {
      const account = sandbox.tenant.accountsOfSource(sandbox.tenant.flatFileSource().id)[0];
      sandbox.tenant.updateAccount(account.id, { name: 'we"ird\\name' });
      const result = await list({ filters: 'name eq "we\\"ird\\\\name"' });
      assert.deepEqual(result.body.map((a) => a.id), [account.id]);
    });

    it('answers 400 naming the field for a field list-accounts does not filter on', async () => {
      const result = await list({ filters: 'disabled eq true' });
      assert.equal(result.status, 400);
      assert.match(errorText(result), /"disabled"/);
    });

    it('answers 400 naming the field and the operator for an operator the field does not take', async () => {
      const result = await list({ filters: 'name co "jo"' });
      assert.equal(result.status, 400);
      assert.match(errorText(result), /"co".*"name"/);
      assert.equal((await list({ filters: 'uncorrelated eq "true"' })).status, 400, 'booleans are not strings');
    });

    it('answers 400 for a filter it cannot parse', async () => {
      for (const filters of ['name eq', 'name eq "open', '(name eq "x"', 'name EQ "x"', 'name eq "x" nand id eq "y"']) {
        const result = await list({ filters });
        assert.equal(result.status, 400, filters);
        assert.equal((result.body as unknown as { detailCode: string }).detailCode, '400.1.3 Illegal value');
      }
    });
  });

  describe('sorters', () => {
    it('sorts by a documented field, ascending or descending', async () => {
      const source = sandbox.tenant.flatFileSource();
      const byName = await list({ filters: `sourceId eq "${source.id}"`, sorters: 'name' });
      const names = byName.body.map((a) => (a.name ?? '').toLowerCase());
      assert.deepEqual(names, [...names].sort());
      const byCreated = await list({ filters: `sourceId eq "${source.id}"`, sorters: '-created' });
      const created = byCreated.body.map((a) => a.created ?? '');
      assert.deepEqual(created, [...created].sort().reverse());
    });

    it('pages a sorted list consistently', async () => {
      const whole = await list({ sorters: 'nativeIdentity,id', limit: 100 });
      const first = await list({ sorters: 'nativeIdentity,id', limit: 50 });
      const second = await list({ sorters: 'nativeIdentity,id', limit: 50, offset: 50 });
      assert.deepEqual([...first.body, ...second.body].map((a) => a.id), whole.body.map((a) => a.id));
    });

    it('answers 400 naming a field it cannot sort on', async () => {
      const result = await list({ sorters: 'name,-colour' });
      assert.equal(result.status, 400);
      assert.match(errorText(result), /"colour"/);
    });
  });

  describe('detailLevel', () => {
    it('SLIM leaves out the attributes and the joined extras; FULL (the default) has them', async () => {
      const slim = await list({ detailLevel: 'SLIM', limit: 3 }, 'beta');
      const full = await list({ limit: 3 }, 'beta');
      assert.equal(slim.body.length, 3, 'SLIM gave a page to look at');
      assert.deepEqual(slim.body.map((a) => a.id), full.body.map((a) => a.id));
      for (const account of slim.body) {
        assert.equal(account.attributes, null);
        assert.equal(account.cloudLifecycleState, undefined);
        assert.equal(account.sourceOwner, undefined);
      }
      for (const account of full.body) assert.equal(typeof account.attributes, 'object');
      assert.equal((await list({ detailLevel: 'TINY' })).status, 400);
    });
  });
});

describe('sandbox: listing sources and entitlements', () => {
  let sandbox: SandboxHandle;
  let token: string;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 100, identities: 30, rateLimit: false });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  it('lists sources without the IdentityNow source unless includeIDNSource=true', async () => {
    const plain = await call<Source[]>(sandbox, token, '/v3/sources?count=true');
    assert.ok(!plain.body.some((s) => s.type === 'IdentityNowConnector'));
    assert.equal(plain.headers.get('x-total-count'), String(plain.body.length));
    const all = await call<Source[]>(sandbox, token, '/v3/sources?includeIDNSource=true');
    assert.equal(all.body.length, sandbox.tenant.sources().length);
    assert.equal(all.body.filter((s) => s.type === 'IdentityNowConnector').length, 1, 'the tenant has its IdentityNow source');
    assert.equal(plain.body.length, all.body.length - 1, 'only the IdentityNow source is left out');
  });

  it('filters and sorts sources, and refuses unknown fields', async () => {
    const flat = await call<Source[]>(sandbox, token, `/beta/sources?${query({ filters: 'type eq "DelimitedFile"' })}`);
    assert.deepEqual(flat.body.map((s) => s.id), [sandbox.tenant.flatFileSource().id]);
    const sorted = await call<Source[]>(sandbox, token, `/beta/sources?${query({ sorters: '-name', limit: 2, offset: 1 })}`);
    const names = sandbox.tenant.sources().filter((s) => s.kind !== 'identitynow').map((s) => s.name).sort().reverse();
    assert.deepEqual(sorted.body.map((s) => s.name), names.slice(1, 3));
    assert.equal((await call(sandbox, token, `/beta/sources?${query({ filters: 'colour eq "x"' })}`)).status, 400);
  });

  it('lists the entitlements of a source with filters=source.id eq, and of an account with account-id', async () => {
    const ad = sandbox.tenant.largeSource();
    const ofSource = await call<Entitlement[]>(sandbox, token, `/beta/entitlements?${query({ filters: `source.id eq "${ad.id}"`, count: true })}`);
    assert.equal(ofSource.headers.get('x-total-count'), String(sandbox.tenant.entitlementsOfSource(ad.id).length));
    assert.ok(ofSource.body.length > 0, 'the source has entitlements');
    assert.ok(ofSource.body.every((e) => e.source?.id === ad.id));
    const account = sandbox.tenant.accountsOfSource(ad.id).find((a) => a.entitlementIds.length > 1);
    assert.ok(account);
    const ofAccount = await call<Entitlement[]>(sandbox, token, `/v2024/entitlements?${query({ 'account-id': account.id })}`);
    assert.deepEqual(ofAccount.body.map((e) => e.id).sort(), [...account.entitlementIds].sort());
    const both = await call(sandbox, token, `/v2024/entitlements?${query({ 'account-id': account.id, filters: 'name sw "a"' })}`);
    assert.equal(both.status, 400);
  });

  it('pages an account\'s entitlements with limit, offset and count', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).find((a) => a.entitlementIds.length >= 3);
    assert.ok(account);
    const page = await call<Entitlement[]>(sandbox, token, `/v3/accounts/${account.id}/entitlements?limit=2&offset=1&count=true`);
    assert.equal(page.headers.get('x-total-count'), String(account.entitlementIds.length));
    assert.deepEqual(page.body.map((e) => e.id), account.entitlementIds.slice(1, 3));
  });
});
