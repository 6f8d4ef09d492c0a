// SLIM rows: the explorer lists pages with detailLevel=SLIM and keeps only what a row shows;
// the full account is read once, when the tooltip (or an action) needs it. Against the sandbox
// with realistic accounts over HTTP; the sandbox's traffic log shows what was asked.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { findAccounts } from '../../src/commands/find-query';
import {
  accountAttributeRows,
  accountContextValue,
  accountDescription,
  accountIcon,
  accountLabel,
  accountTooltipRows,
  type AccountView,
} from '../../src/tree/account-presentation';
import { listAccountRows, type AccountRow } from '../../src/tree/account-row';
import { FullAccount, readFullAccount, tooltipDetail } from '../../src/tree/full-account';

const ROW_FIELDS = [
  'id', 'name', 'nativeIdentity', 'sourceId', 'sourceName', 'identityId', 'identity',
  'disabled', 'locked', 'uncorrelated', 'manuallyCorrelated', 'hasEntitlements',
];

function viewOf(account: AccountRow, flatFile = false): AccountView {
  return { account, flatFile, pending: false };
}

/** What a person sees of a row without hovering it. */
function looks(view: AccountView) {
  return { label: accountLabel(view.account), description: accountDescription(view), icon: accountIcon(view), context: accountContextValue(view) };
}

describe('explorer rows list SLIM and read the full account once, on demand', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandle;
  let client: IscClient;
  let adFilter: string;
  const accountGets = () => sandbox.requestLog().filter((entry) => entry.method === 'GET' && /\/accounts\/[^/]+$/.test(entry.path));

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 600, realisticAccounts: true, rateLimit: false });
    client = new IscClient({ baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, requestsPer10Seconds: 1000, maxRetries: 0 });
    adFilter = `sourceId eq "${sandbox.tenant.largeSource().id}"`;
  });
  after(() => sandbox.close());

  it('asks every page with detailLevel=SLIM and keeps rows without attributes', async () => {
    const page = await listAccountRows(client, { filters: adFilter, limit: 250, offset: 250, count: true });
    const listing = sandbox.requestLog().filter((entry) => entry.path.endsWith('/accounts')).at(-1)!;
    assert.equal(new URLSearchParams(listing.query).get('detailLevel'), 'SLIM', listing.query);
    assert.equal(page.items.length, 250);
    assert.equal(page.totalCount, 600);
    for (const row of page.items) {
      assert.ok(!('attributes' in row), 'a row holds no attributes');
      assert.deepEqual(Object.keys(row).filter((key) => !ROW_FIELDS.includes(key)), [], 'a row holds only what it shows');
    }
  });

  it('Find lists SLIM too', async () => {
    const before = sandbox.requestLog().length;
    const found = await findAccounts(client, 'a', { sourceId: sandbox.tenant.largeSource().id });
    const listing = sandbox.requestLog().slice(before).find((entry) => entry.path.endsWith('/accounts'))!;
    assert.equal(new URLSearchParams(listing.query).get('detailLevel'), 'SLIM');
    assert.ok(found.length > 0 && found.every((row) => !('attributes' in row)));
  });

  it('shows on a SLIM row the label, description, icon and context the FULL row showed', async () => {
    const all = { limit: 250, sorters: 'id' };
    const [slim, full] = await Promise.all([listAccountRows(client, all), client.listAccounts(all)]);
    assert.deepEqual(slim.items.map((row) => row.id), full.items.map((account) => account.id));
    const states = new Set<string>();
    full.items.forEach((account, index) => {
      for (const flatFile of [false, true]) {
        // Before SLIM, a row showed the listed FULL account itself.
        assert.deepEqual(looks(viewOf(slim.items[index], flatFile)), looks(viewOf(account, flatFile)), account.id);
      }
      states.add(accountContextValue(viewOf(account)));
    });
    assert.ok(states.size >= 3, `the page covers several states: ${[...states].join(' ')}`);
  });

  it('reads the full account for the tooltip once, and shows what the row showed plus its attributes', async () => {
    const [listed] = (await listAccountRows(client, { filters: adFilter, limit: 1 })).items;
    const [stored] = (await client.listAccounts({ filters: adFilter, limit: 1 })).items;
    const full = new FullAccount(() => readFullAccount(client, listed.id!));
    const gets = accountGets().length;
    const first = await tooltipDetail(full);
    const second = await tooltipDetail(full);
    assert.equal(accountGets().length, gets + 1, 'one GET /accounts/{id} for two resolves');
    assert.equal(second.full, first.full);
    const rows = new Map(accountTooltipRows(viewOf(listed), first));
    for (const label of ['Name', 'Native identity', 'Identity', 'Source', 'State', 'Created', 'Modified', 'Id']) assert.ok(rows.has(label), label);
    assert.equal(rows.get('Modified'), stored.modified);
    const attributes = accountAttributeRows(first.full!);
    assert.equal(attributes.total, Object.keys(stored.attributes ?? {}).length);
    assert.ok(attributes.total > 40, `realistic AD accounts carry many attributes (${attributes.total})`);
    assert.deepEqual(attributes.rows.map(([name]) => name), Object.keys(stored.attributes ?? {}).slice(0, attributes.rows.length));
  });

  it('says the full account could not be read, and why, instead of showing no attributes; the next hover reads again', async () => {
    const [listed] = (await listAccountRows(client, { filters: adFilter, limit: 1, offset: 7 })).items;
    const full = new FullAccount(() => readFullAccount(client, listed.id!));
    sandbox.faults.next({ fate: 'server-error', method: 'GET', path: `/accounts/${listed.id}` });
    const failed = await tooltipDetail(full);
    assert.equal(failed.full, undefined);
    const rows = new Map(accountTooltipRows(viewOf(listed), failed));
    assert.match(rows.get('Not read') ?? '', /^the full account could not be read: The service is temporarily unavailable.*tracking id/);
    assert.ok(!rows.has('Created'), 'nothing of the full account is shown as if read');
    const gets = accountGets().length;
    assert.ok((await tooltipDetail(full)).full, 'read again at the next hover');
    assert.equal(accountGets().length, gets + 1);
  });

  it('refuses an answer about another account rather than show it', async () => {
    const [one, other] = (await listAccountRows(client, { filters: adFilter, limit: 2 })).items;
    const detail = await tooltipDetail(new FullAccount(() => readFullAccount({ getAccount: () => client.getAccount(other.id!) }, one.id!)));
    assert.equal(detail.full, undefined);
    assert.match(detail.unread ?? '', new RegExp(`answered the request for account ${one.id} with account ${other.id}`));
  });
});
