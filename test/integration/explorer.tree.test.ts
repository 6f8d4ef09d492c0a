// The Accounts explorer's tree in the real VS Code against a sandbox tenant: its levels,
// paging, filters and sort, error rows, the context menus' when-clauses, Find Account and
// the account JSON document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  accountIdOf,
  accountListRequests,
  accountNodes,
  children,
  contextOf,
  descriptionOf,
  item,
  labelOf,
  menuCommandsFor,
  run,
  sandboxTenant,
  sourceNode,
  tenantNode,
  until,
  type ExplorerNode,
  type SandboxTenantFixture,
} from './explorer-helpers';
import { resolvedTooltip } from './tooltip-helpers';

const AD = 'Active Directory';
const FLAT_FILE = 'Contractor Roster (CSV)';

describe('Explorer tree', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;

  before(async () => {
    fx = await sandboxTenant('tree-test');
  });
  after(async () => {
    await fx?.close();
  });

  describe('levels: tenant → sources → accounts → entitlements', () => {
    it('shows the tenant and its sources with connector type, account count and the flat-file mark', async () => {
      const tenant = await tenantNode(fx);
      assert.equal(labelOf(tenant), fx.label);
      assert.equal(contextOf(tenant), 'tenant');
      const sources = await children(fx.api, tenant);
      // ISC lists the IdentityNow source only when asked (includeIDNSource); the tree asks.
      const listed = fx.sandbox.tenant.sources();
      const expected = listed.map((s) => s.name).sort();
      assert.deepEqual(sources.map(labelOf).sort(), expected);
      // Counts arrive in the background, two requests at a time.
      for (const source of listed) {
        const node = sources.find((n) => labelOf(n) === source.name)!;
        const total = fx.sandbox.tenant.accountsOfSource(source.id).length.toLocaleString('en-US');
        await until(() => descriptionOf(node).includes(`${total} account`), `the count of ${source.name} (${descriptionOf(node)})`);
        assert.ok(descriptionOf(node).startsWith(source.type), descriptionOf(node));
      }
      const flat = sources.find((n) => labelOf(n) === FLAT_FILE)!;
      assert.match(descriptionOf(flat), /^DelimitedFile · flat file · /);
      assert.equal(contextOf(flat), 'source:flatfile');
      assert.equal(contextOf(sources.find((n) => labelOf(n) === AD)!), 'source');
    });

    it('expands the big source with exactly one accounts request; Load more adds 250 with one more', async () => {
      const ad = await sourceNode(fx, AD);
      const adId = fx.sandbox.tenant.largeSource().id;
      const mark = fx.sandbox.requestLog().length;
      const first = await children(fx.api, ad);
      const requests = accountListRequests(fx.sandbox, mark).filter((r) => r.query.includes(adId));
      assert.equal(requests.length, 1, `one request, got ${requests.map((r) => r.query).join(' | ')}`);
      assert.match(requests[0].query, /count=true/);
      assert.match(requests[0].query, /limit=250/);
      assert.equal(first.filter((n) => contextOf(n).startsWith('account')).length, 250);
      const more = first[first.length - 1];
      assert.equal(labelOf(more), 'Loaded 250 of 600 — load 250 more');
      assert.equal(item(more).command?.command, 'iscAccounts.loadMore');

      const beforeMore = fx.sandbox.requestLog().length;
      await run('iscAccounts.loadMore', ...(item(more).command?.arguments ?? []));
      const second = await children(fx.api, ad);
      const moreRequests = accountListRequests(fx.sandbox, beforeMore).filter((r) => r.query.includes(adId));
      assert.equal(moreRequests.length, 1);
      assert.match(moreRequests[0].query, /offset=250/);
      assert.doesNotMatch(moreRequests[0].query, /count=true/);
      assert.equal(second.filter((n) => contextOf(n).startsWith('account')).length, 500);
      assert.equal(labelOf(second[second.length - 1]), 'Loaded 500 of 600 — load 100 more');
      assert.equal(first[0].id, second[0].id, 'rows keep their ids across pages');
    });

    it('shows an account with its state and its entitlements', async () => {
      const ad = await sourceNode(fx, AD);
      const accounts = await accountNodes(fx, ad);
      const withEntitlements = accounts.find((n) => (fx.sandbox.tenant.account(accountIdOf(n))?.entitlementIds.length ?? 0) > 0)!;
      const stored = fx.sandbox.tenant.account(accountIdOf(withEntitlements))!;
      assert.equal(labelOf(withEntitlements), stored.name);
      assert.equal(withEntitlements.id, `tenant/${fx.tenantId}/source/${stored.sourceId}/account/${stored.id}`);
      assert.equal(contextOf(withEntitlements).includes(':disabled'), stored.disabled);
      assert.equal(contextOf(withEntitlements).includes(':locked'), stored.locked);
      assert.ok((await resolvedTooltip(fx.api, withEntitlements)).includes(stored.id), 'the tooltip names the id');
      const entitlements = await children(fx.api, withEntitlements);
      const names = fx.sandbox.tenant.account(stored.id)!.entitlementIds.map((id) => fx.sandbox.tenant.entitlement(id)!.name).sort();
      assert.deepEqual(entitlements.map(labelOf).sort(), names);
    });
  });

  describe('context menus follow the contextValue of real rows', () => {
    it('offers delete and attribute editing only on flat-file accounts, unlock only on locked ones', async () => {
      const adAccounts = await accountNodes(fx, await sourceNode(fx, AD));
      for (const node of adAccounts) {
        const menu = menuCommandsFor(contextOf(node));
        const stored = fx.sandbox.tenant.account(accountIdOf(node))!;
        assert.ok(!menu.includes('iscAccounts.account.delete'), `no delete on ${contextOf(node)}`);
        assert.ok(!menu.includes('iscAccounts.account.editAttributes'));
        assert.equal(menu.includes('iscAccounts.account.unlock'), stored.locked, `unlock iff locked: ${contextOf(node)}`);
        assert.equal(menu.includes('iscAccounts.account.disable'), !stored.disabled);
      }
      assert.ok(adAccounts.some((n) => contextOf(n).includes(':locked')), 'the sandbox has locked accounts among the first pages');
      const flatAccounts = await accountNodes(fx, await sourceNode(fx, FLAT_FILE));
      const menu = menuCommandsFor(contextOf(flatAccounts[0]));
      assert.ok(menu.includes('iscAccounts.account.delete'));
      assert.ok(menu.includes('iscAccounts.account.editAttributes'));
      assert.ok(menu.includes('iscAccounts.account.replaceAttributes'));
    });
  });

  describe('filter and sort per source', () => {
    let ad: ExplorerNode;
    before(async () => {
      ad = await sourceNode(fx, AD);
    });
    afterEach(async () => {
      await run('iscAccounts.source.clearFilter', ad);
    });

    it('applies a valid filter, shows it in the description, and marks the source filtered', async () => {
      fx.api.ui.answer(['name sw "a"']);
      const filter = await run('iscAccounts.source.filterAccounts', ad);
      assert.equal(filter, 'name sw "a"');
      const shown = await accountNodes(fx, ad);
      assert.ok(shown.length > 0);
      for (const node of shown) assert.match(labelOf(node), /^a/i);
      assert.equal(contextOf(ad), 'source:filtered');
      assert.match(descriptionOf(ad), /filter: name sw "a"$/);
      assert.deepEqual(menuCommandsFor(contextOf(ad)).includes('iscAccounts.source.clearFilter'), true);
    });

    it('refuses an invalid filter in the input box: it never reaches the server', async () => {
      const mark = fx.sandbox.requestLog().length;
      fx.api.ui.answer(['name sw']);
      await run('iscAccounts.source.filterAccounts', ad);
      const [prompt] = fx.api.ui.transcript;
      assert.ok(prompt.validationMessage, 'the input box shows why');
      assert.match(prompt.validationMessage!, /at character \d+/);
      await children(fx.api, ad);
      const sent = accountListRequests(fx.sandbox, mark).filter((r) => decodeURIComponent(r.query).includes('name sw'));
      assert.deepEqual(sent, []);
      assert.equal(contextOf(ad), 'source');
    });

    it('says so when nothing matches the filter', async () => {
      fx.api.ui.answer(['name sw "zzzqqq"']);
      await run('iscAccounts.source.filterAccounts', ad);
      const rows = await children(fx.api, ad);
      assert.equal(rows.length, 1);
      assert.equal(labelOf(rows[0]), 'No accounts match filter name sw "zzzqqq"');
    });

    it('sorts by a chosen field and direction', async () => {
      const mark = fx.sandbox.requestLog().length;
      fx.api.ui.answer(['name', 'Descending']);
      assert.equal(await run('iscAccounts.source.sortAccounts', ad), '-name');
      const names = (await accountNodes(fx, ad)).map(labelOf);
      const sent = accountListRequests(fx.sandbox, mark);
      assert.equal(sent.length, 1);
      assert.match(decodeURIComponent(sent[0].query), /sorters=-name/);
      const expected = [...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
      assert.deepEqual(names.slice(0, 20), expected.slice(0, 20));
      fx.api.ui.answer(['Default order']);
      await run('iscAccounts.source.sortAccounts', ad);
    });
  });

  describe('errors and retry', () => {
    it('shows a failed level inline with the server message, and retries from that row', async () => {
      const flat = await sourceNode(fx, FLAT_FILE);
      fx.sandbox.setFaults({ serverErrorRate: 1 });
      try {
        await run('iscAccounts.refresh', flat);
        const rows = await children(fx.api, flat);
        assert.equal(rows.length, 1);
        assert.equal(contextOf(rows[0]), 'error');
        assert.match(labelOf(rows[0]), /^Could not load accounts: .+ — click to retry$/);
        assert.equal(item(rows[0]).command?.command, 'iscAccounts.refresh');
        fx.sandbox.setFaults({ serverErrorRate: 0 });
        await run('iscAccounts.refresh', ...(item(rows[0]).command?.arguments ?? []));
        const retried = await accountNodes(fx, flat);
        assert.ok(retried.length > 0);
      } finally {
        fx.sandbox.setFaults({ serverErrorRate: 0 });
      }
    });
  });

  describe('Find Account and Show JSON', () => {
    it('finds an account by name as you type and reveals it when the tree has it', async () => {
      const loaded = (await accountNodes(fx, await sourceNode(fx, AD)))[3];
      const name = labelOf(loaded);
      const typed = name.slice(0, Math.max(3, name.length - 2));
      fx.api.ui.answer([{ query: typed, pick: name, where: (found) => found.description?.startsWith(AD) === true }]);
      const found = await run<ExplorerNode>('iscAccounts.findAccount', await tenantNode(fx));
      assert.equal(found?.id, loaded.id, JSON.stringify(fx.api.ui.transcript));
      const search = fx.api.ui.transcript[0];
      assert.ok(search.items!.every((label) => label.toLowerCase().startsWith(typed.toLowerCase())), search.items!.join(', '));
    });

    it('opens the JSON of an account the tree has not loaded', async () => {
      const ff = fx.sandbox.tenant.flatFileSource();
      const target = fx.sandbox.tenant.accountsOfSource(ff.id)[5];
      const tenant = await tenantNode(fx);
      await run('iscAccounts.refresh', await sourceNode(fx, FLAT_FILE));
      fx.api.ui.answer([{ query: target.name, pick: target.name, where: (found) => found.description?.startsWith(FLAT_FILE) === true }]);
      const document = await run<vscode.TextDocument>('iscAccounts.findAccount', tenant);
      assert.equal(document.uri.scheme, 'isc-account');
      assert.equal(JSON.parse(document.getText()).id, target.id);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('shows an account as read-only pretty JSON', async () => {
      const node = (await accountNodes(fx, await sourceNode(fx, AD)))[0];
      const document = await run<vscode.TextDocument>('iscAccounts.account.showJson', node);
      assert.equal(document.uri.scheme, 'isc-account');
      assert.equal(document.languageId, 'json');
      const json = JSON.parse(document.getText());
      assert.equal(json.id, accountIdOf(node));
      assert.match(document.getText(), /\n {2}"id": /);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
});
