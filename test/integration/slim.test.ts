// SLIM rows in the real VS Code, against a sandbox tenant with realistic accounts: the tree lists
// pages with detailLevel=SLIM, its rows keep no attributes, and the full account is read when
// something needs it (the tooltip on hover, Show JSON, the editor, Replace Attributes), once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountNode } from '../../src/tree/account-node';
import {
  accountIdOf,
  accountListRequests,
  accountNodes,
  children,
  contextOf,
  item,
  run,
  sandboxTenant,
  sourceNode,
  until,
  type ExplorerNode,
  type SandboxTenantFixture,
} from './explorer-helpers';
import { resolvedTooltip } from './tooltip-helpers';

const AD = 'Active Directory';
const FLAT_FILE = 'Contractor Roster (CSV)';

describe('SLIM rows: listed SLIM, the full account read on demand', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  const detailLevels = (since: number) => accountListRequests(fx.sandbox, since).map((entry) => new URLSearchParams(entry.query).get('detailLevel'));
  const reads = (id: string, since: number) =>
    fx.sandbox.requestLog().slice(since).filter((entry) => entry.method === 'GET' && entry.path.endsWith(`/accounts/${id}`)).length;
  const fresh = async (name: string): Promise<ExplorerNode[]> => {
    const source = await sourceNode(fx, name);
    return accountNodes(fx, source);
  };

  before(async () => {
    fx = await sandboxTenant('slim-test', { realisticAccounts: true });
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(() => {
    fx.api.ui.stopAnswering();
    fx.sandbox.faults.clearRules();
  });

  it('expanding a source lists SLIM pages (the traffic log shows the query) and its rows keep no attributes', async () => {
    const since = fx.sandbox.requestLog().length;
    const rows = await fresh(AD);
    assert.ok(rows.length > 0);
    const levels = detailLevels(since);
    assert.ok(levels.length > 0, 'the tree listed accounts');
    assert.deepEqual([...new Set(levels)], ['SLIM'], 'every account listing of the tree is SLIM');
    for (const row of rows) {
      assert.ok(!('attributes' in (row as AccountNode).row), 'a row holds no attributes');
      assert.equal(item(row).tooltip, undefined, 'the tooltip is left to resolveTreeItem');
    }
  });

  it("a pinned identity's accounts are listed SLIM too", async () => {
    const correlated = (await fresh(AD)).find((row) => fx.sandbox.tenant.account(accountIdOf(row))?.identityId)!;
    const since = fx.sandbox.requestLog().length;
    const identity = await run<ExplorerNode>('iscAccounts.account.showIdentityAccounts', correlated);
    const listed = (await children(fx.api, identity)).filter((node) => contextOf(node).startsWith('account'));
    assert.ok(listed.some((node) => accountIdOf(node) === accountIdOf(correlated)));
    assert.deepEqual([...new Set(detailLevels(since))], ['SLIM']);
  });

  it('the tooltip, resolved through the extension’s tree provider, reads the full account once and shows its attributes', async () => {
    const [row] = await fresh(AD);
    const id = accountIdOf(row);
    const since = fx.sandbox.requestLog().length;
    const tooltip = await resolvedTooltip(fx.api, row);
    assert.equal(reads(id, since), 1, 'one GET /accounts/{id}');
    for (const label of ['Name', 'Native identity', 'Identity', 'Source', 'State', 'Created', 'Modified', 'Id']) assert.ok(tooltip.includes(`**${label}:**`), `${label} in ${tooltip}`);
    assert.match(tooltip, /\*\*Attributes\*\* \(\d+, the first 15\)/, 'a realistic AD account has more attributes than the tooltip lists');
    assert.ok(tooltip.includes('sAMAccountName'), tooltip);
    await resolvedTooltip(fx.api, row);
    assert.equal(reads(id, since), 1, 'a second hover reads nothing');
  });

  it('a failed read says so in the tooltip, with why, and shows no attributes', async () => {
    const row = (await fresh(AD))[3];
    fx.sandbox.faults.next({ fate: 'html-body', method: 'GET', path: new RegExp(`/accounts/${accountIdOf(row)}$`) });
    const tooltip = await resolvedTooltip(fx.api, row);
    assert.match(tooltip, /\*\*Not read:\*\* the full account could not be read: \S/);
    assert.ok(!tooltip.includes('Attributes') && !tooltip.includes('**Created:**'), tooltip);
    assert.ok((await resolvedTooltip(fx.api, row)).includes('**Attributes**'), 'the next hover reads again');
  });

  it('Show JSON reads the full account on demand', async () => {
    const row = (await fresh(AD))[5];
    const since = fx.sandbox.requestLog().length;
    const document = await run<vscode.TextDocument>('iscAccounts.account.showJson', row);
    const shown = JSON.parse(document.getText()) as { id: string; attributes: Record<string, unknown> };
    assert.equal(shown.id, accountIdOf(row));
    assert.ok(Object.keys(shown.attributes).length > 40, 'the full account, attributes and all');
    assert.ok(reads(accountIdOf(row), since) >= 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the attribute editor reads the full account on demand', async () => {
    const row = (await fresh(FLAT_FILE))[0];
    const since = fx.sandbox.requestLog().length;
    await run('iscAccounts.account.editAttributes', row);
    await until(() => reads(accountIdOf(row), since) >= 1, 'the editor reading its account');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Replace Attributes (needs the attributes) works from a SLIM row: one fresh read, which the tooltip then uses', async () => {
    const row = (await fresh(FLAT_FILE))[1];
    const id = accountIdOf(row);
    const since = fx.sandbox.requestLog().length;
    fx.api.ui.answer([]);
    const document = await run<vscode.TextDocument>('iscAccounts.account.replaceAttributes', row);
    const { attributes } = JSON.parse(document.getText()) as { attributes: Record<string, unknown> };
    assert.ok(Object.keys(attributes).length > 5, `the attributes to edit: ${Object.keys(attributes).join(', ')}`);
    assert.equal(reads(id, since), 1);
    assert.ok((await resolvedTooltip(fx.api, row)).includes('**Attributes**'));
    assert.equal(reads(id, since), 1, 'the row kept what the action read');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
