// Find Account's query against the sandbox over HTTP: each of the four ways a person may mean
// what they type finds the right account, in one request, across the tenant or in one source.
import * as assert from 'node:assert/strict';
import { findAccounts, findAccountsFilter } from '../../src/commands/find-query';
import { IscClient, assertAccountFilter } from '../../src/isc';
import { startSandbox, type SandboxAccount, type SandboxHandle } from '../../src/sandbox';

describe('Find Account: the query', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  let client: IscClient;

  before(async () => {
    sandbox = await startSandbox({ seed: 3, largeSourceAccounts: 300, identities: 60, rateLimit: false });
    client = new IscClient({ baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, requestsPer10Seconds: 1000 });
    await client.verifyCredentials();
  });
  after(() => sandbox.close());

  const identityName = (account: SandboxAccount): string | undefined =>
    account.identityId ? sandbox.tenant.identity(account.identityId)?.name : undefined;

  /** Finds `text`, checking it took exactly one list-accounts request. */
  async function find(text: string, sourceId?: string) {
    const before = sandbox.requestLog().length;
    const found = await findAccounts(client, text, { sourceId });
    const lists = sandbox.requestLog().slice(before).filter((entry) => entry.method === 'GET' && /\/accounts$/.test(entry.path));
    assert.equal(lists.length, 1, `one request for "${text}"`);
    assert.equal(lists[0].status, 200);
    return found;
  }

  /** An account whose name, native identity and identity name all start differently. */
  function distinctAccount(): SandboxAccount {
    const account = sandbox.tenant.allAccounts().find((a) => {
      const owner = identityName(a);
      const starts = [a.name, a.nativeIdentity, owner ?? ''].map((s) => s.slice(0, 3).toLowerCase());
      return owner && new Set(starts).size === 3;
    });
    assert.ok(account, 'the seed has an account whose three names differ');
    return account;
  }

  it('sends one filter that ORs name, native identity and identity name, and the id only for an id-shaped text', () => {
    assert.equal(findAccountsFilter('ann'), 'name sw "ann" or nativeIdentity sw "ann" or identity.name sw "ann"');
    const id = '2c918000096ff11fb2b99543e68c6fde';
    assert.equal(findAccountsFilter(id), `name sw "${id}" or nativeIdentity sw "${id}" or identity.name sw "${id}" or id eq "${id}"`);
    assert.equal(findAccountsFilter(' "q\\ ', 'src1'), 'sourceId eq "src1" and (name sw "\\"q\\\\" or nativeIdentity sw "\\"q\\\\" or identity.name sw "\\"q\\\\")');
    assert.equal(findAccountsFilter('', 'src1'), 'sourceId eq "src1"');
    assert.equal(findAccountsFilter('  '), undefined);
    // What the client's own check of a typed filter accepts, unchanged.
    for (const text of ['ann', id, 'O\'Brien "x"', `${id}, ${id}`]) {
      const filter = findAccountsFilter(text, 'src1')!;
      assert.equal(assertAccountFilter(filter), filter);
    }
  });

  it('finds an account by its name', async () => {
    const target = distinctAccount();
    const found = await find(target.name);
    assert.ok(found.some((a) => a.id === target.id), `${target.name} among ${found.map((a) => a.name).join(', ')}`);
    const source = sandbox.tenant.source(target.sourceId)!;
    assert.equal(found.find((a) => a.id === target.id)?.sourceName, source.name);
  });

  it('finds an account by its native identity', async () => {
    const target = distinctAccount();
    const found = await find(target.nativeIdentity);
    assert.ok(found.some((a) => a.id === target.id), `${target.nativeIdentity} among ${found.map((a) => a.nativeIdentity).join(', ')}`);
  });

  it('finds the accounts of an identity by its name, across sources', async () => {
    const target = distinctAccount();
    const owner = identityName(target)!;
    const found = await find(owner);
    const expected = sandbox.tenant.accountsOfIdentity(target.identityId!).map((a) => a.id).sort();
    assert.ok(expected.length > 1, 'the identity has accounts on several sources');
    const foundIds = new Set(found.map((a) => a.id));
    assert.ok(expected.every((id) => foundIds.has(id)), `all of ${owner}'s accounts`);
    assert.ok(found.some((a) => a.id === target.id));
  });

  it('finds an account by its id, and several pasted ids exactly', async () => {
    const [first, second] = sandbox.tenant.allAccounts().slice(10, 12);
    const byId = await find(first.id);
    assert.deepEqual(byId.map((a) => a.id), [first.id]);
    const pasted = await find(`${first.id},\n${second.id} `);
    assert.deepEqual(pasted.map((a) => a.id).sort(), [first.id, second.id].sort());
  });

  it('every answer matches what was typed in one of the fields', async () => {
    const found = await find('ja');
    assert.ok(found.length > 0);
    for (const account of found) {
      const fields = [account.name, account.nativeIdentity, account.identity?.name].map((s) => (s ?? '').toLowerCase());
      assert.ok(fields.some((field) => field.startsWith('ja')), JSON.stringify(fields));
    }
  });

  it('finds only within one source when asked, and lists the source for empty text', async () => {
    const target = distinctAccount();
    const owner = identityName(target)!;
    const inSource = await find(owner, target.sourceId);
    assert.ok(inSource.some((a) => a.id === target.id));
    assert.ok(inSource.every((a) => a.sourceId === target.sourceId), 'only that source');
    const elsewhere = sandbox.tenant.sources().find((s) => s.id !== target.sourceId && sandbox.tenant.accountsOfSource(s.id).length > 0)!;
    assert.ok(!(await find(target.id, elsewhere.id)).some((a) => a.id === target.id), 'not in another source');
    const listed = await find('', target.sourceId);
    assert.ok(listed.length > 0 && listed.every((a) => a.sourceId === target.sourceId));
  });

  it('asks nothing for empty text across the tenant', async () => {
    const before = sandbox.requestLog().length;
    assert.deepEqual(await findAccounts(client, '   '), []);
    assert.equal(sandbox.requestLog().length, before);
  });
});
