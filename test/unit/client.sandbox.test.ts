// The client against the sandbox tenant over HTTP: every IscApi method in every version that
// has it, the experimental header where v2024 wants it, and a few thousand accounts paged in
// order with no gaps and no duplicates. The sandbox's ledger shows what really happened.
import * as assert from 'node:assert/strict';
import { IscClient, type ApiVersion } from '../../src/isc';
import { ENDPOINTS } from '../../src/isc/endpoints';
import { IscError } from '../../src/isc/errors';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

const EXPERIMENTAL = new Set(Object.values(ENDPOINTS).flatMap((spec) => ('experimentalIn' in spec ? [spec] : [])).map((spec) => spec.method + ' ' + spec.paths.v2024));

function clientFor(sandbox: SandboxHandle, extra: Partial<ConstructorParameters<typeof IscClient>[0]> = {}): IscClient {
  return new IscClient({ baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, requestsPer10Seconds: 1000, retryBaseDelayMs: 5, ...extra });
}

for (const version of ['v3', 'beta', 'v2024'] as ApiVersion[]) {
  describe(`sandbox: every method works with preferredVersion ${version}`, function () {
    this.timeout(20_000);
    let sandbox: SandboxHandle;
    let client: IscClient;
    before(async () => {
      sandbox = await startSandbox({ seed: 7, largeSourceAccounts: 300, identities: 60, rateLimit: false, taskDurationMs: 5 });
      client = clientFor(sandbox, { preferredVersion: version });
    });
    after(() => sandbox.close());

    it('reads sources, accounts and entitlements', async () => {
      await client.verifyCredentials();
      const flat = sandbox.tenant.flatFileSource();
      const sources = await client.listSources({ count: true });
      // The client asks for the IdentityNow source too (ISC leaves it out unless asked).
      assert.equal(sources.totalCount, sandbox.tenant.sources().length);
      assert.equal((await client.getSource(flat.id)).name, flat.name);
      const page = await client.listAccounts({ filters: `sourceId eq "${flat.id}"`, sorters: 'name', limit: 20, count: true, detailLevel: 'SLIM' });
      assert.equal(page.items.length, 20);
      assert.equal(page.totalCount, sandbox.tenant.accountsOfSource(flat.id).length);
      assert.ok(page.items.every((account) => account.sourceId === flat.id));
      const names = page.items.map((account) => account.name ?? '');
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'sorted by name');
      const withEntitlements = page.items.find((account) => account.hasEntitlements) ?? page.items[0];
      assert.equal((await client.getAccount(withEntitlements.id!)).id, withEntitlements.id);
      const entitlements = await client.listAccountEntitlements(withEntitlements.id!, { count: true });
      assert.equal(entitlements.items.length, sandbox.tenant.account(withEntitlements.id!)?.entitlementIds.length);
      const ofSource = await client.listSourceEntitlements(flat.id, { limit: 250 });
      assert.ok(ofSource.items.length > 0 && ofSource.items.every((entitlement) => entitlement.source?.id === flat.id));
    });

    it('changes accounts, each applied exactly once, and waits for the tasks', async () => {
      const flat = sandbox.tenant.flatFileSource();
      const [first, second, third] = sandbox.tenant.accountsOfSource(flat.id);
      const created = await client.createAccount({ attributes: { sourceId: flat.id, name: `new.${version}`, displayName: 'New Person' } });
      assert.equal((await client.waitForTask(created.id, { pollIntervalMs: 10 })).completionStatus, 'SUCCESS');

      const put = await client.putAccount(first.id, { attributes: { ...sandbox.tenant.attributesOf(first), title: 'Put Title' } });
      await client.waitForTask(put.id, { pollIntervalMs: 10 });
      assert.equal(sandbox.tenant.attributesOf(sandbox.tenant.account(first.id)!).title, 'Put Title');

      await client.patchAccount(first.id, [{ op: 'replace', path: '/attributes/title', value: 'Patched' }]);
      assert.equal(sandbox.tenant.attributesOf(sandbox.tenant.account(first.id)!).title, 'Patched');

      for (const [action, call] of [
        ['disable', () => client.disableAccount(second.id, { forceProvisioning: false })],
        ['enable', () => client.enableAccount(second.id)],
        ['unlock', () => client.unlockAccount(second.id, { unlockIDNAccount: true })],
        ['reload', () => client.reloadAccount(second.id)],
      ] as const) {
        const task = await call();
        await client.waitForTask(task.id, { pollIntervalMs: 10 });
        assert.equal(sandbox.tenant.ledgerFor(second.id, action).length, 1, action);
      }

      const deleted = await client.deleteAccount(third.id);
      await client.waitForTask(deleted.id, { pollIntervalMs: 10 });
      assert.equal(sandbox.tenant.account(third.id), undefined);
    });

    it('removes accounts and toggles IDN accounts of identities', async () => {
      const large = sandbox.tenant.largeSource();
      const victim = sandbox.tenant.accountsOfSource(large.id)[0];
      const removed = await client.removeAccount(victim.id);
      assert.equal(removed.type, 'TASK_RESULT');
      await client.waitForTask(removed.id!, { pollIntervalMs: 10 });
      assert.equal(sandbox.tenant.account(victim.id), undefined);

      const servicenow = sandbox.tenant.sources().find((source) => source.kind === 'servicenow')!;
      const all = await client.removeAllAccountsOfSource(servicenow.id);
      assert.equal((await client.getTaskStatus(all.id!)).id, all.id);
      await client.waitForTask(all.id!, { pollIntervalMs: 10 });
      assert.equal(sandbox.tenant.accountsOfSource(servicenow.id).length, 0);

      const [one, two] = sandbox.tenant.identities();
      assert.equal(typeof (await client.disableIdnAccountForIdentity(one.id)), 'object');
      assert.equal(typeof (await client.enableIdnAccountForIdentity(one.id)), 'object');
      const bulk = await client.disableIdnAccountsForIdentities([two.id, 'no-such-identity']);
      assert.deepEqual(bulk.map((answer) => answer.statusCode), [202, 404]);
      assert.equal((await client.enableIdnAccountsForIdentities([two.id])).length, 1);
    });

    it(`sent each call to the expected version, with X-SailPoint-Experimental only on v2024's experimental endpoints`, () => {
      const api = sandbox.requestLog().filter((entry) => entry.path !== '/oauth/token');
      assert.ok(api.length >= 25);
      for (const entry of api) {
        const [, used, rest] = /^\/(v3|beta|v2024)(\/.*)$/.exec(entry.path) ?? [];
        const v3Has = !/^\/(identities-accounts|entitlements|task-status)|\/remove(-accounts)?$/.test(rest ?? '');
        const expectedVersion = version === 'v3' ? (v3Has ? 'v3' : 'beta') : version;
        assert.equal(used, expectedVersion, `${entry.method} ${entry.path}`);
        const template = `${entry.method} ${rest.replace(/\/accounts\/[^/]+/, '/accounts/{id}').replace(/\/sources\/[^/]+\/remove-accounts/, '/sources/{id}/remove-accounts').replace(/\/identities-accounts\/(?!enable$|disable$)[^/]+/, '/identities-accounts/{id}')}`;
        const experimental = used === 'v2024' && EXPERIMENTAL.has(template);
        assert.equal(entry.experimentalHeader, experimental, `${entry.method} ${entry.path}`);
      }
      assert.equal(api.filter((entry) => entry.experimentalHeader).length > 0, version === 'v2024');
    });
  });
}

describe('sandbox: paging a few thousand accounts', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ seed: 11, largeSourceAccounts: 3000, identities: 100, taskDurationMs: 5, faults: { latencyMs: 5 } });
  });
  after(() => sandbox.close());

  it('3000 accounts of one source, in order, no gaps, no duplicates', async () => {
    const large = sandbox.tenant.largeSource();
    const client = clientFor(sandbox, { requestsPer10Seconds: 95 });
    const ids: string[] = [];
    const offsets: number[] = [];
    for await (const page of client.accountPages({ filters: `sourceId eq "${large.id}"`, sorters: 'id', pageSize: 250, concurrency: 4 })) {
      offsets.push(page.offset);
      ids.push(...page.items.map((account) => account.id!));
    }
    const expected = sandbox.tenant.accountsOfSource(large.id).map((account) => account.id);
    assert.equal(ids.length, 3000);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.deepEqual(ids, [...expected].sort(), 'every account, in the sorted order');
    assert.deepEqual(offsets, Array.from({ length: 12 }, (_, i) => i * 250));
    const walk = sandbox.requestLog().filter((entry) => entry.path.endsWith('/accounts'));
    assert.equal(walk.filter((entry) => new URLSearchParams(entry.query).get('count') === 'true').length, 1, 'only the first page asked for the total');
    assert.equal(sandbox.stats().rateLimited, 0);
  });

  it('still complete and in order when connections drop and the server errors (reads are retried)', async () => {
    const flat = sandbox.tenant.flatFileSource();
    sandbox.setFaults({ dropConnectionRate: 0.2, serverErrorRate: 0.2, seed: 3 });
    try {
      const client = clientFor(sandbox, { maxRetries: 8 });
      const ids: string[] = [];
      for await (const page of client.accountPages({ filters: `sourceId eq "${flat.id}"`, sorters: 'id', pageSize: 20, concurrency: 4 })) ids.push(...page.items.map((a) => a.id!));
      assert.deepEqual(ids, sandbox.tenant.accountsOfSource(flat.id).map((a) => a.id).sort());
      assert.ok(client.stats().retries > 0, 'faults happened and were retried');
    } finally {
      sandbox.setFaults({ dropConnectionRate: 0, serverErrorRate: 0 });
    }
  });
});

describe('sandbox: faults never make a change happen twice', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  before(async () => {
    // Retry-After 0: the wait itself is tested against a purpose-built server.
    sandbox = await startSandbox({ seed: 5, largeSourceAccounts: 200, identities: 40, taskDurationMs: 5, retryAfterSeconds: 0 });
  });
  afterEach(() => sandbox.setFaults({ dropAfterApplyRate: 0, serverErrorRate: 0, hangRate: 0, dropConnectionRate: 0, burst429: 0, latencyMs: 0 }));
  after(() => sandbox.close());

  const target = (index: number): string => sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[index].id;

  it('an answer lost after the change was applied: one change, outcome unknown', async () => {
    const client = clientFor(sandbox, { maxRetries: 5 });
    await client.verifyCredentials();
    sandbox.setFaults({ dropAfterApplyRate: 1 });
    const id = target(0);
    await assert.rejects(client.disableAccount(id), (error: unknown) => error instanceof IscError && error.kind === 'network' && error.outcomeUnknown === true);
    sandbox.setFaults({ dropAfterApplyRate: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sandbox.tenant.ledgerFor(id, 'disable').length, 1);
  });

  it('a 5xx on a change: not repeated', async () => {
    const client = clientFor(sandbox, { maxRetries: 5 });
    await client.verifyCredentials();
    sandbox.setFaults({ serverErrorRate: 1 });
    const id = target(1);
    await assert.rejects(client.enableAccount(id), (error: unknown) => error instanceof IscError && error.kind === 'http' && (error.status ?? 0) >= 500);
    const posts = sandbox.requestLog().filter((entry) => entry.method === 'POST' && entry.path.endsWith(`${id}/enable`));
    assert.equal(posts.length, 1);
  });

  it('a 429 burst on a change: waited out, then applied once', async () => {
    const client = clientFor(sandbox);
    await client.verifyCredentials();
    sandbox.setFaults({ burst429: 1 });
    const id = target(2);
    const task = await client.unlockAccount(id);
    await client.waitForTask(task.id, { pollIntervalMs: 10 });
    assert.equal(client.stats().rateLimited, 1);
    assert.equal(sandbox.tenant.ledgerFor(id, 'unlock').length, 1);
  });

  it('expired tokens: one new token, the change goes through once', async () => {
    const client = clientFor(sandbox);
    await client.verifyCredentials();
    sandbox.expireAllTokens();
    const id = target(3);
    await Promise.all([client.reloadAccount(id), client.getAccount(id), client.listSources()]);
    assert.equal(client.stats().tokenRequests, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sandbox.tenant.ledgerFor(id, 'reload').length, 1);
  });

  it('a hanging read times out and is retried; a hanging change times out once', async () => {
    const client = clientFor(sandbox, { timeoutMs: 150, maxRetries: 1 });
    await client.verifyCredentials();
    sandbox.setFaults({ hangRate: 1 });
    await assert.rejects(client.getAccount(target(4)), (error: unknown) => error instanceof IscError && error.kind === 'timeout');
    await assert.rejects(client.disableAccount(target(4)), (error: unknown) => error instanceof IscError && error.kind === 'timeout' && error.outcomeUnknown === true);
    assert.equal(client.stats().requests, 3, 'two tries of the read, one of the change');
  });
});

describe('sandbox: pacing against its gateway limit', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  afterEach(() => sandbox?.close());

  it('a paced client meets no 429 at the limit', async () => {
    sandbox = await startSandbox({ seed: 9, largeSourceAccounts: 50, identities: 20, rateLimit: { requests: 10, windowMs: 300 } });
    const client = clientFor(sandbox, { requestsPer10Seconds: 10, rateWindowMs: 300 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 25 }, () => client.listSources({ limit: 1 })));
    assert.equal(sandbox.stats().rateLimited, 0);
    assert.ok(Date.now() - started >= 600, 'it took the windows it needed');
  });

  it('an unpaced client is refused with 429s, waits them out and still finishes', async () => {
    sandbox = await startSandbox({ seed: 9, largeSourceAccounts: 50, identities: 20, rateLimit: { requests: 10, windowMs: 500 }, retryAfterSeconds: 1 });
    const client = clientFor(sandbox, { requestsPer10Seconds: 1000, maxRetries: 6 });
    const results = await Promise.all(Array.from({ length: 15 }, () => client.listSources({ limit: 1 })));
    assert.equal(results.length, 15);
    assert.ok(client.stats().rateLimited > 0 && sandbox.stats().rateLimited === client.stats().rateLimited);
  });
});
