// Filter Accounts in the real VS Code against a sandbox tenant: the input offers completions from
// the list-accounts contract and "did you mean" for a misspelling, refuses what ISC would refuse
// (nothing is sent), and a date filter in ISC's form shows exactly the accounts that match.
import * as assert from 'node:assert/strict';
import type { PromptInfo } from '../../src/ui/prompt-types';
import {
  accountIdOf,
  accountListRequests,
  accountNodes,
  contextOf,
  labelOf,
  run,
  sandboxTenant,
  sourceNode,
  type ExplorerNode,
  type SandboxTenantFixture,
} from './explorer-helpers';

const AD = 'Active Directory';
/** Enter on what the input holds after the previous step. */
const enter = (prompt: PromptInfo) => prompt.value ?? '';
/** Take an offer for what the input holds after the previous step. */
const take = (pick: string) => (prompt: PromptInfo) => ({ query: prompt.value ?? '', pick });

describe('Filter Accounts: completions, did you mean, and filters ISC accepts', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  let ad: ExplorerNode;

  before(async () => {
    fx = await sandboxTenant('filters-test');
    ad = await sourceNode(fx, AD);
  });
  afterEach(async () => {
    await run('iscAccounts.source.clearFilter', ad);
  });
  after(async () => {
    await fx?.close();
  });

  const transcript = () => fx.api.ui.transcript;
  const sentFilters = (since: number) => accountListRequests(fx.sandbox, since).map((r) => new URLSearchParams(r.query).get('filters') ?? '');
  const shownIds = async () => (await accountNodes(fx, ad)).map(accountIdOf).sort();

  it('offers field names, then the operators of the typed field, then its enumerated values', async () => {
    const state = 'INACTIVE_SHORT_TERM';
    fx.api.ui.answer([{ query: 'identity.', pick: 'identity.identityState' }, take('eq'), take(`"${state}"`), enter]);
    const filter = await run('iscAccounts.source.filterAccounts', ad);
    assert.equal(filter, `identity.identityState eq "${state}"`);
    const [fields, operators, values, applied] = transcript();
    assert.deepEqual(fields.items, ['identity.name', 'identity.correlated', 'identity.identityState']);
    assert.deepEqual(operators.items, ['eq', 'in']);
    assert.deepEqual(values.items, ['"ACTIVE"', '"INACTIVE_SHORT_TERM"', '"INACTIVE_LONG_TERM"']);
    assert.deepEqual(applied.items, ['and', 'or'], 'after a whole condition: and, or');
    const expected = fx.sandbox.tenant
      .accountsOfSource(fx.sandbox.tenant.largeSource().id)
      .filter((a) => a.identityId && fx.sandbox.tenant.identity(a.identityId)?.identityState === state)
      .map((a) => a.id)
      .sort();
    assert.ok(expected.length > 0 && expected.length < 250, `${expected.length} accounts fit on the first page`);
    assert.deepEqual(await shownIds(), expected);
  });

  it('offers true and false for a boolean field', async () => {
    fx.api.ui.answer([{ query: 'uncorrelated eq ' }]);
    await run('iscAccounts.source.filterAccounts', ad);
    assert.deepEqual(transcript()[0].items, ['true', 'false']);
  });

  it('says "did you mean" for a misspelt field, and taking it applies the corrected filter', async () => {
    const mark = fx.sandbox.requestLog().length;
    fx.api.ui.answer(['nme sw "a"']);
    assert.equal(await run('iscAccounts.source.filterAccounts', ad), undefined);
    const [refused] = transcript();
    assert.match(refused.validationMessage ?? '', /Unknown field "nme"\. Did you mean "name"\? \(at character 1\)/);
    assert.equal(refused.items?.[0], 'name sw "a"', 'the fix is offered first');
    assert.deepEqual(sentFilters(mark).filter((f) => f.includes('nme')), []);

    fx.api.ui.answer([{ query: 'nme sw "a"', pick: 'name sw "a"' }, enter]);
    assert.equal(await run('iscAccounts.source.filterAccounts', ad), 'name sw "a"');
    const names = (await accountNodes(fx, ad)).map(labelOf);
    assert.ok(names.length > 0);
    for (const name of names) assert.match(name, /^a/i);
  });

  it('refuses what ISC would refuse, saying why, and sends none of it', async () => {
    const mark = fx.sandbox.requestLog().length;
    const refusals: Array<[string, RegExp]> = [
      ['origin eq "MANUAL"', /"origin" takes AGGREGATED or PROVISIONED, not "MANUAL"/],
      ['name eq "tab\\tbed"', /Invalid escape "\\t": inside quotes only \\" and \\\\ are escapes/],
      ['modified lt 2025-01-01', /RFC 3339 date-time .*\(a date alone has no time or time zone\)\. Did you mean 2025-01-01T00:00:00Z\?/],
      ['name co "a"', /"name" does not support the operator "co"; it allows eq, in, sw/],
    ];
    for (const [text, message] of refusals) {
      fx.api.ui.answer([text]);
      assert.equal(await run('iscAccounts.source.filterAccounts', ad), undefined, text);
      assert.match(transcript()[0].validationMessage ?? '', message, text);
    }
    await accountNodes(fx, ad);
    assert.deepEqual(sentFilters(mark).filter((f) => / and /.test(f)), [], 'only the source itself was listed');
    assert.equal(contextOf(ad), 'source');
  });

  it('applies a date filter in ISC’s form: a typed date is completed to RFC 3339 and the tree shows the matching accounts', async () => {
    const accounts = fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id);
    const times = accounts.map((a) => a.modified).sort((a, b) => a - b);
    const day = new Date(times[Math.floor(times.length / 10)]).toISOString().slice(0, 10);
    const bound = `${day}T00:00:00Z`;
    const expected = accounts.filter((a) => a.modified < Date.parse(bound)).map((a) => a.id).sort();
    assert.ok(expected.length > 0 && expected.length < 250, `${expected.length} accounts fit on the first page`);

    const mark = fx.sandbox.requestLog().length;
    fx.api.ui.answer([{ query: `modified lt ${day}`, pick: bound }, enter]);
    assert.equal(await run('iscAccounts.source.filterAccounts', ad), `modified lt ${bound}`);
    assert.deepEqual(transcript()[0].items, [bound], 'the typed date is offered in full');
    assert.deepEqual(await shownIds(), expected);
    const sent = sentFilters(mark);
    assert.ok(sent.length > 0 && sent.every((f) => f.endsWith(`and modified lt ${bound}`)), `sent bare, in RFC 3339: ${sent.join(' | ')}`);
  });
});
