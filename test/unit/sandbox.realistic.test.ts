// Realistic accounts (startSandbox({ realisticAccounts: true })): attribute sets and sizes like
// real tenants', the same bytes for the same seed, nothing stored per account; the default data
// unchanged; and the bandwidth knob, which makes bytes cost time.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SandboxTenant, generateTenantData, startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { sandboxOptionsFromFlags } from '../../src/sandbox/cli-options';
import { accountSizes } from '../../src/sandbox/state/account-sizes';
import type { Account } from '../../src/isc/models';
import { parseStartOptions } from '../../tools/start/options';
import { OpenApiContract } from './support/openapi';
import { call, fetchToken, query } from './support/sandbox-http';

const KB = 1024;
const realisticTenant = (seed: number, accounts = 1000): SandboxTenant =>
  new SandboxTenant(generateTenantData({ seed, identities: 300, largeSourceAccounts: accounts }), seed, { realisticAccounts: true });

describe('sandbox: realistic accounts', () => {
  let sandbox: SandboxHandle;
  let token: string;
  const list = (params: Record<string, string | number>) => call<Account[]>(sandbox, token, `/v3/accounts?${query(params)}`);

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 1000, realisticAccounts: true, rateLimit: false, taskDurationMs: 20 });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  it('gives Active Directory accounts 40–80 attributes with Exchange addresses and dozens of long group DNs', async () => {
    const ad = sandbox.tenant.largeSource();
    const page = await list({ filters: `sourceId eq "${ad.id}"`, limit: 250 });
    assert.equal(page.status, 200);
    const people = page.body.filter((account) => !account.systemAccount);
    for (const account of page.body) {
      const count = Object.keys(account.attributes ?? {}).length;
      assert.ok(count >= 40 && count <= 80, `${account.name} has ${count} attributes`);
      for (const name of ['distinguishedName', 'sAMAccountName', 'userPrincipalName', 'objectguid', 'memberOf', 'whenCreated', 'pwdLastSet']) {
        assert.ok(name in (account.attributes ?? {}), `${account.name} has no ${name}`);
      }
      assert.equal(account.attributes?.distinguishedName, account.nativeIdentity);
    }
    const memberships = people.map((account) => (account.attributes?.memberOf as string[]).length).sort((a, b) => a - b);
    assert.ok(memberships[Math.floor(memberships.length / 2)] >= 20, `median memberOf ${memberships[Math.floor(memberships.length / 2)]}`);
    const dn = (people[0].attributes?.memberOf as string[]).at(-1) ?? '';
    assert.match(dn, /^CN=[^,]+,(OU=[^,]+,)+DC=corp,DC=acme,DC=com$/);
    assert.ok(dn.length > 60, `a group DN as long as real ones: ${dn}`);
    const mailbox = page.body.find((account) => account.attributes?.mail);
    assert.ok(mailbox, 'some accounts have a mailbox');
    assert.ok((mailbox.attributes?.proxyAddresses as string[]).includes(`SMTP:${String(mailbox.attributes?.mail)}`));
  });

  it('keeps an account\'s entitlements first in its memberOf, and its entitlements endpoint unchanged', async () => {
    const tenant = sandbox.tenant;
    const account = tenant.accountsOfSource(tenant.largeSource().id).find((a) => a.entitlementIds.length > 1)!;
    const memberOf = tenant.attributesOf(account).memberOf as string[];
    const values = account.entitlementIds.map((id) => tenant.entitlement(id)?.value);
    assert.deepEqual(memberOf.slice(0, values.length), values);
    assert.ok(memberOf.length > values.length, 'and more groups than entitlements');
    const entitlements = await call<unknown[]>(sandbox, token, `/v3/accounts/${account.id}/entitlements`);
    assert.equal(entitlements.body.length, account.entitlementIds.length);
  });

  it('sizes accounts per source as documented (AD median 3–15 KB, p95 under 15 KB; a FULL page of 250 is 1–4 MB)', () => {
    const sizes = new Map(accountSizes(realisticTenant(42)).map((s) => [s.source, s]));
    const ad = sizes.get('Active Directory')!;
    assert.ok(ad.median >= 3 * KB && ad.median <= 15 * KB, `AD median ${ad.median}`);
    assert.ok(ad.p95 <= 15 * KB, `AD p95 ${ad.p95}`);
    assert.ok(ad.fullPage >= 1_000_000 && ad.fullPage <= 4_000_000, `AD page ${ad.fullPage}`);
    assert.ok(ad.attributes >= 40 && ad.attributes <= 80, `AD attributes ${ad.attributes}`);
    const workday = sizes.get('Workday HR')!;
    assert.ok(workday.attributes < ad.attributes, 'Workday: fewer attributes than AD…');
    assert.ok(workday.median / workday.attributes > 60, `…but longer ones (${(workday.median / workday.attributes).toFixed(0)} B per attribute)`);
    for (const source of ['Contractor Roster (CSV)', 'ServiceNow']) {
      assert.ok(sizes.get(source)!.median >= 1 * KB, `${source}: ${sizes.get(source)!.median} B`);
    }
  });

  it('derives the same bytes from the same seed, others from another, and stores nothing per account', () => {
    const render = (tenant: SandboxTenant) => tenant.accountJson.page(tenant.allAccounts(), 'FULL').bytes;
    const first = realisticTenant(7, 300);
    const again = realisticTenant(7, 300);
    assert.ok(render(first).equals(render(again)), 'same seed, same bytes');
    assert.ok(!render(first).equals(render(realisticTenant(8, 300))), 'another seed, other bytes');
    assert.ok(first.allAccounts().every((account) => account.storedAttributes === null), 'attributes are derived, not stored');
  });

  it('answers realistic FULL pages that validate against the Account schema', async () => {
    const contract = new OpenApiContract('v3');
    for (const source of sandbox.tenant.sources()) {
      const page = await list({ filters: `sourceId eq "${source.id}"`, limit: 30 });
      for (const account of page.body) {
        const result = contract.validateComponent('Account', account);
        assert.ok(result.valid, `${source.name} ${account.name}: ${result.errors.join('; ')}`);
      }
    }
  });

  it('lets a flat-file patch change a realistic account, which then keeps its attributes', async () => {
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.flatFileSource().id)[0];
    const before = sandbox.tenant.attributesOf(account);
    const patched = await call(sandbox, token, `/v3/accounts/${account.id}`, {
      method: 'PATCH',
      json: [{ op: 'replace', path: '/attributes/sponsor', value: 'Ada Lovelace' }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(patched.status, 202);
    assert.deepEqual({ ...sandbox.tenant.attributesOf(account) }, { ...before, sponsor: 'Ada Lovelace' });
    assert.notEqual(before.sponsor, 'Ada Lovelace');
  });

  it('leaves the default data byte for byte as it was', () => {
    const tenant = new SandboxTenant(generateTenantData({ seed: 42, identities: 300, largeSourceAccounts: 1000 }), 42);
    const bytes = tenant.accountJson.page(tenant.allAccounts(), 'FULL').bytes;
    // FULL JSON of every account of the default tenant, taken before realistic accounts existed.
    assert.equal(createHash('sha256').update(bytes).digest('hex'), '157fbeef64c740da0eacbdecfe8e1e3f3ae11dc3ac5d5016df256584aa0546c4');
  });

  it('is switched on by npm start -- --realistic', () => {
    assert.equal(parseStartOptions(['--realistic']).realistic, true);
    assert.equal(parseStartOptions([]).realistic, false);
  });
});

describe('sandbox: bandwidth knob (bandwidthMbitPerConnection)', () => {
  const MBIT = 16;
  let sandbox: SandboxHandle;
  let token: string;
  let path: string;

  /** One realistic FULL page of 250 (about 1.5 MB): how long until its last byte, and its size. */
  const timedPage = async (): Promise<{ ms: number; bytes: number }> => {
    const started = performance.now();
    const result = await call(sandbox, token, path);
    assert.equal(result.status, 200);
    return { ms: performance.now() - started, bytes: Buffer.byteLength(result.text) };
  };
  const boundMs = (bytes: number): number => (bytes * 8) / (MBIT * 1_000_000) * 1000;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 1000, realisticAccounts: true, rateLimit: false });
    token = await fetchToken(sandbox);
    path = `/v3/accounts?${query({ filters: `sourceId eq "${sandbox.tenant.largeSource().id}"`, limit: 250 })}`;
    await timedPage(); // renders the page once, so every timing below sends cached bytes
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.faults.set({ bandwidthMbitPerConnection: 0 }));

  it('makes a big answer take at least bytes ÷ rate, where unlimited it is far quicker', async () => {
    const unlimited = await timedPage();
    sandbox.faults.set({ bandwidthMbitPerConnection: MBIT });
    const paced = await timedPage();
    const bound = boundMs(paced.bytes);
    assert.ok(paced.bytes > 1_000_000, `a big answer: ${paced.bytes} bytes`);
    assert.ok(paced.ms >= bound, `${paced.bytes} bytes at ${MBIT} Mbit/s took ${paced.ms.toFixed(0)} ms, under the ${bound.toFixed(0)} ms a link needs`);
    assert.ok(paced.ms < bound * 1.5 + 500, `paced, yet not much slower than the link: ${paced.ms.toFixed(0)} ms for ${bound.toFixed(0)} ms`);
    assert.ok(unlimited.ms < bound / 2, `unlimited took ${unlimited.ms.toFixed(0)} ms`);
  });

  it('paces each connection on its own: two answers at once take about as long as one', async () => {
    sandbox.faults.set({ bandwidthMbitPerConnection: MBIT });
    const started = performance.now();
    const [a, b] = await Promise.all([timedPage(), timedPage()]);
    const both = performance.now() - started;
    const bound = boundMs(Math.max(a.bytes, b.bytes));
    assert.ok(a.ms >= bound && b.ms >= bound, `each at most ${MBIT} Mbit/s: ${a.ms.toFixed(0)} and ${b.ms.toFixed(0)} ms, bound ${bound.toFixed(0)} ms`);
    assert.ok(both < bound * 1.7, `not one after the other: ${both.toFixed(0)} ms for two, ${bound.toFixed(0)} ms each`);
  });

  it('is read from --bandwidth and refuses a rate that is not a number of 0 or more', () => {
    assert.throws(() => sandbox.faults.set({ bandwidthMbitPerConnection: -1 }), /bandwidthMbitPerConnection must be 0 \(unlimited\) or a positive number, got -1/);
    assert.throws(() => sandbox.faults.set({ bandwidthMbitPerConnection: Infinity }), /bandwidthMbitPerConnection/);
    assert.equal(sandboxOptionsFromFlags({ bandwidth: '50', realistic: true }, '.').faults?.bandwidthMbitPerConnection, 50);
    assert.equal(sandboxOptionsFromFlags({ realistic: true }, '.').realisticAccounts, true);
    assert.throws(() => sandboxOptionsFromFlags({ bandwidth: 'fast' }, '.'), /--bandwidth takes a number, got "fast"/);
  });
});
