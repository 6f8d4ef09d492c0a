// The IdentityNow source and pinned identities in the real VS Code against a sandbox tenant:
// the tree, the menus its rows get, the requests the sandbox saw, and its own state after IDN
// toggles.
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
  notices,
  run,
  sandboxTenant,
  sourceNode,
  tenantNode,
  type ExplorerNode,
  until,
  type SandboxTenantFixture,
} from './explorer-helpers';

const IDN = 'IdentityNow';
const AD = 'Active Directory';
const SHOW = 'iscAccounts.account.showIdentityAccounts';
const ENABLE_IDN = 'iscAccounts.identity.enableIdnAccount';
const DISABLE_IDN = 'iscAccounts.identity.disableIdnAccount';

function iconOf(node: ExplorerNode): string {
  const icon = item(node).iconPath;
  return icon instanceof vscode.ThemeIcon ? icon.id : '';
}

describe('Identities and the IdentityNow source', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  const stored = (id: string) => fx.sandbox.tenant.account(id)!;
  /** The identity's requests for its accounts since `mark`: `identityId eq "…"`. */
  const identityListRequests = (identityId: string, mark: number) =>
    accountListRequests(fx.sandbox, mark).filter((r) => new URLSearchParams(r.query).get('filters') === `identityId eq "${identityId}"`);

  before(async () => {
    fx = await sandboxTenant('identities-test');
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(async () => {
    fx.api.ui.stopAnswering();
    for (const node of (await children(fx.api, await tenantNode(fx))).filter((n) => contextOf(n).startsWith('identity'))) {
      await run('iscAccounts.identity.close', node);
    }
  });

  describe('the IdentityNow source', () => {
    it('is listed with its own icon, and its accounts with their state and the :idn mark', async () => {
      const sources = await children(fx.api, await tenantNode(fx));
      const idn = await sourceNode(fx, IDN);
      assert.equal(contextOf(idn), 'source:idn');
      assert.equal(iconOf(idn), 'organization');
      assert.ok(sources.filter((s) => s !== idn).every((s) => iconOf(s) !== iconOf(idn)), 'no other source has its icon');
      const rows = await accountNodes(fx, idn);
      const idnSource = fx.sandbox.tenant.identityNowSource();
      assert.equal(rows.length, Math.min(250, fx.sandbox.tenant.accountsOfSource(idnSource.id).length));
      for (const row of rows) {
        const account = stored(accountIdOf(row));
        assert.equal(account.sourceId, idnSource.id);
        assert.match(contextOf(row), account.disabled ? /^account:idn:disabled:/ : /^account:idn:enabled:/);
      }
      assert.ok(rows.some((row) => contextOf(row).includes(':disabled')), 'the sandbox has disabled IDN accounts among the first page');
    });

    it('offers on its rows the IDN toggle their state calls for; rows of other sources offer none', async () => {
      for (const row of await accountNodes(fx, await sourceNode(fx, IDN))) {
        const menu = menuCommandsFor(contextOf(row));
        const disabled = stored(accountIdOf(row)).disabled;
        assert.equal(menu.includes(ENABLE_IDN), disabled, contextOf(row));
        assert.equal(menu.includes(DISABLE_IDN), !disabled, contextOf(row));
        assert.ok(!menu.includes('iscAccounts.account.disable') && !menu.includes('iscAccounts.account.enable'), 'the IDN toggle replaces them');
      }
      for (const row of await accountNodes(fx, await sourceNode(fx, AD))) {
        const menu = menuCommandsFor(contextOf(row));
        assert.ok(!menu.includes(ENABLE_IDN) && !menu.includes(DISABLE_IDN), contextOf(row));
        assert.equal(menu.includes(SHOW), !!stored(accountIdOf(row)).identityId, contextOf(row));
      }
    });
  });

  describe('Show Accounts of Identity', () => {
    it('from an account row: a node pinned above the sources, listing the identity’s accounts of every source with one request', async () => {
      const row = (await accountNodes(fx, await sourceNode(fx, AD))).find((n) => !!stored(accountIdOf(n)).identityId)!;
      const identityId = stored(accountIdOf(row)).identityId!;
      const expected = fx.sandbox.tenant.accountsOfIdentity(identityId);
      assert.ok(new Set(expected.map((a) => a.sourceId)).size >= 3, 'the identity has accounts in three sources');
      const mark = fx.sandbox.requestLog().length;
      const node = await run<ExplorerNode>(SHOW, row);
      assert.equal(node.id, `tenant/${fx.tenantId}/identity/${identityId}`);
      assert.equal((await children(fx.api, await tenantNode(fx)))[0], node, 'pinned at the top of its tenant');
      const rows = await children(fx.api, node);
      assert.deepEqual(rows.map(accountIdOf).sort(), expected.map((a) => a.id).sort());
      for (const shown of rows) {
        const account = stored(accountIdOf(shown));
        const source = fx.sandbox.tenant.source(account.sourceId)!;
        assert.ok(descriptionOf(shown).startsWith(source.name), `labelled with its source: ${descriptionOf(shown)}`);
        assert.equal(contextOf(shown).includes(':idn'), source.kind === 'identitynow');
        assert.equal(contextOf(shown).includes(':disabled'), account.disabled);
      }
      const requests = identityListRequests(identityId, mark);
      assert.equal(requests.length, 1, requests.map((r) => r.query).join(' | '));
      assert.equal(accountListRequests(fx.sandbox, mark).length, 1, 'no other account list was read');
      assert.equal(labelOf(node), fx.sandbox.tenant.identity(identityId)!.name);
      assert.equal(fx.api.treeView.selection[0], node, 'revealed and selected');
    });

    it('with {tenantId, identityId} (as Find calls it): the same node, named once its accounts are read', async () => {
      const identity = fx.sandbox.tenant.identities()[3];
      const mark = fx.sandbox.requestLog().length;
      const node = await run<ExplorerNode>(SHOW, { tenantId: fx.tenantId, identityId: identity.id });
      const rows = await children(fx.api, node);
      assert.deepEqual(rows.map(accountIdOf).sort(), fx.sandbox.tenant.accountsOfIdentity(identity.id).map((a) => a.id).sort());
      assert.equal(identityListRequests(identity.id, mark).length, 1);
      assert.equal(labelOf(node), identity.name);
      const again = await run<ExplorerNode>(SHOW, { tenantId: fx.tenantId, identityId: identity.id, identityName: identity.name });
      assert.equal(again, node, 'an identity is pinned once');
      assert.equal((await children(fx.api, await tenantNode(fx))).filter((n) => n.id === node.id).length, 1);
    });

    it('from the palette: a tenant, then an identity searched by name', async () => {
      const identity = fx.sandbox.tenant.identities()[7];
      await fx.api.tenants.save({ id: 'identities-other', label: 'Other tenant', baseUrl: 'https://other.api.identitynow.com', clientId: 'x' }, 'secret-other');
      try {
        fx.api.ui.answer([fx.label, { query: identity.name.split(' ')[0], pick: identity.name }]);
        const node = await run<ExplorerNode>(SHOW);
        assert.deepEqual(fx.api.ui.transcript.filter((e) => e.kind !== 'notice').map((e) => e.kind), ['pick', 'search']);
        assert.equal(node.id, `tenant/${fx.tenantId}/identity/${identity.id}`);
      } finally {
        await fx.api.tenants.remove('identities-other');
      }
    });

    it('says what was wrong with bad input', async () => {
      fx.api.ui.answer([]);
      assert.equal(await run(SHOW, { tenantId: fx.tenantId, identityId: '' }), undefined);
      assert.match(notices(fx.api, 'error').join('\n'), /identityId is ""/);
      fx.api.ui.answer([]);
      await run(SHOW, { tenantId: 'no-such-tenant', identityId: 'x' });
      assert.match(notices(fx.api, 'error').join('\n'), /no tenant has the id "no-such-tenant"/);
      const row = (await accountNodes(fx, await sourceNode(fx, AD))).find((n) => !stored(accountIdOf(n)).identityId)!;
      fx.api.ui.answer([]);
      await run(SHOW, row);
      assert.match(notices(fx.api, 'error').join('\n'), /is not correlated with an identity/);
    });
  });

  describe('IDN toggles where the IDN account shows', () => {
    it('disables from the identity node: the sandbox’s IDN account is disabled, and both its rows and the identity say so', async () => {
      const idnRow = (await accountNodes(fx, await sourceNode(fx, IDN))).find((n) => !stored(accountIdOf(n)).disabled)!;
      const identityId = stored(accountIdOf(idnRow)).identityId!;
      const node = await run<ExplorerNode>(SHOW, idnRow);
      const inIdentity = (await children(fx.api, node)).find((n) => accountIdOf(n) === accountIdOf(idnRow))!;
      assert.equal(contextOf(node), 'identity:idn:enabled');
      assert.ok(menuCommandsFor(contextOf(node)).includes(DISABLE_IDN));
      assert.ok(!menuCommandsFor(contextOf(node)).includes(ENABLE_IDN));

      const report = await run<{ results: Array<{ outcome: string }> }>(DISABLE_IDN, node);
      assert.deepEqual(report.results.map((r) => r.outcome), ['applied']);
      assert.equal(fx.sandbox.ledger.entries({ kind: 'identity-disable', identityId }).length, 1);
      // ISC accepts the toggle (202) and applies it in a task: the rows are pending until they show it.
      await until(() => contextOf(node) === 'identity:idn:disabled', `the identity's IDN state (${contextOf(node)})`);
      assert.equal(fx.sandbox.tenant.identityNowAccountOf(identityId)!.disabled, true);
      assert.match(contextOf(inIdentity), /^account:idn:disabled:correlated$/);
      assert.match(contextOf(idnRow), /^account:idn:disabled:correlated$/);
      assert.match(descriptionOf(node), /IDN account disabled/);

      // And back from the row in the IdentityNow source: the identity follows.
      const enabled = await run<{ results: Array<{ outcome: string }> }>(ENABLE_IDN, idnRow);
      assert.deepEqual(enabled.results.map((r) => r.outcome), ['applied']);
      await until(() => contextOf(node) === 'identity:idn:enabled', `the identity's IDN state (${contextOf(node)})`);
      assert.equal(fx.sandbox.tenant.identityNowAccountOf(identityId)!.disabled, false);
      assert.match(contextOf(inIdentity), /^account:idn:enabled:correlated$/);
      assert.match(contextOf(idnRow), /^account:idn:enabled:correlated$/);
    });

    it('an account action from the identity node updates the same account’s row in its source', async () => {
      const adRow = (await accountNodes(fx, await sourceNode(fx, AD))).find((n) => {
        const account = stored(accountIdOf(n));
        return !!account.identityId && !account.disabled && !account.locked;
      })!;
      const node = await run<ExplorerNode>(SHOW, adRow);
      const inIdentity = (await children(fx.api, node)).find((n) => accountIdOf(n) === accountIdOf(adRow))!;
      fx.api.ui.answer([]);
      await run('iscAccounts.account.disable', inIdentity);
      assert.equal(stored(accountIdOf(adRow)).disabled, true);
      assert.match(contextOf(inIdentity), /:disabled/);
      assert.match(contextOf(adRow), /:disabled/);
    });
  });

  it('Close removes the identity from the tree', async () => {
    const identity = fx.sandbox.tenant.identities()[11];
    const node = await run<ExplorerNode>(SHOW, { tenantId: fx.tenantId, identityId: identity.id });
    assert.ok((await children(fx.api, await tenantNode(fx))).includes(node));
    assert.ok(menuCommandsFor(contextOf(node)).includes('iscAccounts.identity.close'));
    await run('iscAccounts.identity.close', node);
    const after = await children(fx.api, await tenantNode(fx));
    assert.ok(!after.some((n) => n.id === node.id), 'closed');
    assert.ok(after.length > 0 && after.every((n) => contextOf(n).startsWith('source')), 'the sources stay');
  });
});
