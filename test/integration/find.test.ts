// Find Account in the real VS Code against a sandbox tenant: by name, native identity,
// identity name or account id across the tenant, in one source, one request per settled
// query, and a correlated result's way to the accounts of its identity.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SandboxAccount } from '../../src/sandbox';
import type { SearchItem } from '../../src/ui/prompt-types';
import {
  accountListRequests,
  children,
  descriptionOf,
  labelOf,
  menuCommandsFor,
  notices,
  run,
  sandboxTenant,
  sourceNode,
  tenantNode,
  until,
  type ExplorerNode,
  type SandboxTenantFixture,
} from './explorer-helpers';

interface FoundValue {
  account: { id: string; sourceId: string };
}

describe('Find Account', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;

  before(async () => {
    fx = await sandboxTenant('find-test');
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(() => {
    fx.api.ui.stopAnswering();
  });

  const sourceName = (account: SandboxAccount) => fx.sandbox.tenant.source(account.sourceId)!.name;
  const ownerName = (account: SandboxAccount) => (account.identityId ? fx.sandbox.tenant.identity(account.identityId)?.name : undefined);

  /** A correlated account whose name, native identity and identity name start differently. */
  function distinctAccount(): SandboxAccount {
    const found = fx.sandbox.tenant.allAccounts().find((a) => {
      const owner = ownerName(a);
      const starts = [a.name, a.nativeIdentity, owner ?? ''].map((s) => s.slice(0, 3).toLowerCase());
      const inTree = fx.sandbox.tenant.source(a.sourceId)?.kind !== 'identitynow';
      return owner && inTree && fx.sandbox.tenant.accountsOfIdentity(a.identityId!).length > 2 && new Set(starts).size === 3;
    });
    assert.ok(found, 'the seed has an account whose three names differ');
    return found;
  }

  /**
   * Runs a Find, answering its search with `query` and choosing `target`'s row; returns what
   * the command returned, the rows shown and the list-accounts requests it sent.
   */
  async function find(command: string, arg: unknown, query: string, target: SandboxAccount, action?: string) {
    const rows: SearchItem<FoundValue>[] = [];
    const isTarget = (item: vscode.QuickPickItem) => {
      const row = item as SearchItem<FoundValue>;
      rows.push(row);
      return row.value.account.id === target.id;
    };
    fx.api.ui.answer([{ query, where: isTarget, action }]);
    const since = fx.sandbox.requestLog().length;
    const result = await run(command, arg);
    const requests = accountListRequests(fx.sandbox, since);
    return { result, rows, requests, chosen: rows.find((row) => row.value.account.id === target.id)! };
  }

  /** Every row Find shows for `query`: a script that accepts none sees them all (and Find ends). */
  async function rowsFor(command: string, arg: unknown, query: string): Promise<SearchItem<FoundValue>[]> {
    const rows: SearchItem<FoundValue>[] = [];
    fx.api.ui.answer([{ query, where: (item) => (rows.push(item as SearchItem<FoundValue>), false) }]);
    assert.equal(await run(command, arg), undefined);
    assert.match(notices(fx.api, 'error').join('\n'), /no search result/);
    return rows;
  }

  async function assertShowsJsonOf(result: unknown, target: SandboxAccount): Promise<void> {
    const document = result as vscode.TextDocument;
    assert.equal(document.uri.scheme, 'isc-account', JSON.stringify(fx.api.ui.transcript));
    assert.equal(JSON.parse(document.getText()).id, target.id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }

  describe('across the tenant, one request per settled query', () => {
    const kinds: Array<[string, (a: SandboxAccount) => string]> = [
      ['name', (a) => a.name],
      ['native identity', (a) => a.nativeIdentity],
      ['identity name', (a) => ownerName(a)!],
      ['account id', (a) => a.id],
    ];
    for (const [kind, textOf] of kinds) {
      it(`finds an account by its ${kind}, labelled with its source`, async () => {
        const target = distinctAccount();
        const { result, chosen, requests } = await find('iscAccounts.findAccount', fx.tenantId, textOf(target), target);
        assert.ok(chosen, `the row of ${target.name}: ${JSON.stringify(fx.api.ui.transcript)}`);
        assert.equal(chosen.label, target.name);
        assert.ok(chosen.description?.startsWith(sourceName(target)), chosen.description);
        assert.equal(chosen.detail, `identity: ${ownerName(target)} · native identity: ${target.nativeIdentity}`);
        assert.equal(requests.length, 1, requests.map((r) => r.query).join('\n'));
        const filters = new URLSearchParams(requests[0].query).get('filters') ?? '';
        assert.match(filters, / or identity\.name sw /);
        await assertShowsJsonOf(result, target);
      });
    }
  });

  describe('Find in This Source', () => {
    it('is on source rows and finds only that source’s accounts', async () => {
      assert.ok(menuCommandsFor('source').includes('iscAccounts.source.findAccount'));
      assert.ok(menuCommandsFor('source:flatfile:filtered').includes('iscAccounts.source.findAccount'));
      const target = distinctAccount();
      const node = await sourceNode(fx, sourceName(target));
      // The tree counts each source's accounts in the background: let those requests pass first.
      for (const source of await children(fx.api, await tenantNode(fx))) {
        await until(() => /\d account/.test(descriptionOf(source)), `the count of ${descriptionOf(source)}`);
      }
      const { result, requests } = await find('iscAccounts.source.findAccount', node, ownerName(target)!, target);
      assert.equal(requests.length, 1);
      assert.match(new URLSearchParams(requests[0].query).get('filters') ?? '', new RegExp(`^sourceId eq "${target.sourceId}" and \\(`));
      await assertShowsJsonOf(result, target);
      const rows = await rowsFor('iscAccounts.source.findAccount', node, ownerName(target)!);
      assert.ok(rows.some((row) => row.value.account.id === target.id));
      assert.ok(rows.every((row) => row.value.account.sourceId === target.sourceId && row.description?.startsWith(sourceName(target))));
      // The identity has accounts on other sources too, which Find across the tenant shows.
      const acrossTenant = await rowsFor('iscAccounts.findAccount', fx.tenantId, ownerName(target)!);
      const ofIdentity = new Set(fx.sandbox.tenant.accountsOfIdentity(target.identityId!).map((a) => a.id));
      assert.ok(acrossTenant.some((row) => ofIdentity.has(row.value.account.id) && row.value.account.sourceId !== target.sourceId));
    });

    it('takes {tenantId, sourceId} from a script', async () => {
      const target = distinctAccount();
      const { result, rows } = await find('iscAccounts.source.findAccount', { tenantId: fx.tenantId, sourceId: target.sourceId }, target.id, target);
      assert.deepEqual(rows.map((row) => row.value.account.id), [target.id]);
      await assertShowsJsonOf(result, target);
    });
  });

  describe('Show Accounts of Identity from a Find result', () => {
    it('is a button on correlated rows only, and runs the identity command with the identity', async () => {
      const target = distinctAccount();
      const owner = ownerName(target)!;
      const { result, rows, chosen } = await find('iscAccounts.findAccount', fx.tenantId, owner, target, 'Show Accounts of Identity');
      // The identity command's answer: the identity pinned in the tree, with the found account among its own.
      const identity = result as ExplorerNode;
      assert.equal(identity.id, `tenant/${fx.tenantId}/identity/${target.identityId}`);
      assert.equal(labelOf(identity), owner);
      assert.ok((await children(fx.api, identity)).some((row) => row.id.endsWith(`/account/${target.id}`)), 'the found account is among the identity\'s');
      assert.deepEqual(chosen.actions?.map((action) => action.tooltip), ['Show Accounts of Identity']);
      assert.equal(fx.api.ui.transcript[0].answer, `${target.name} [Show Accounts of Identity]`);
      assert.ok(rows.length > 0);
      await run('iscAccounts.identity.close', identity);
      const uncorrelated = fx.sandbox.tenant.allAccounts().find((a) => a.identityId === null && a.name.length > 3)!;
      fx.api.ui.answer([{ query: uncorrelated.id, pick: uncorrelated.name, action: 'Show Accounts of Identity' }]);
      assert.equal(await run('iscAccounts.findAccount', fx.tenantId), undefined);
      assert.match(notices(fx.api, 'error').join('\n'), /has no button "Show Accounts of Identity"/);
    });
  });
});
