// Several selected accounts: one cancellable progress, bounded concurrency, and a report that
// lists every account in the sections of the outcome model (applied, not applied with the
// server's reason, may have been applied, not sent). Nothing is dropped silently.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accountIdOf, accountNodes, contextOf, run, sandboxTenant, sourceNode, withSetting, type SandboxTenantFixture } from './explorer-helpers';

interface BulkResult {
  summary: string;
  results: Array<{ accountId: string; label: string; outcome: string; reason?: string }>;
  report: string;
}

const reportText = async (result: BulkResult) => (await vscode.workspace.openTextDocument(vscode.Uri.parse(result.report))).getText();

describe('Explorer bulk actions on selected accounts', function () {
  this.timeout(180_000);
  let fx: SandboxTenantFixture;

  before(async () => {
    fx = await sandboxTenant('bulk-test');
  });
  after(async () => {
    await fx?.close();
  });

  it('disables 30 selected rows, reports each one, and refreshes the rows in place', async () => {
    const rows = (await accountNodes(fx, await sourceNode(fx, 'Active Directory'))).filter((n) => contextOf(n).includes(':enabled')).slice(0, 30);
    // A tree context command gets (clicked node, selected nodes).
    const result = await run<BulkResult>('iscAccounts.account.disable', rows[0], rows);
    assert.equal(result.summary, '30 disabled');
    for (const row of rows) {
      assert.equal(fx.sandbox.tenant.account(accountIdOf(row))!.disabled, true);
      assert.match(contextOf(row), /:disabled/);
    }
    assert.equal(vscode.Uri.parse(result.report).scheme, 'isc-report');
    assert.match(await reportText(result), /## Applied: 30/);
  });

  it('reports per account when some fail; a 503 on a change is "may have been applied", never re-sent', async () => {
    const accounts = fx.sandbox.tenant
      .accountsOfSource(fx.sandbox.tenant.largeSource().id)
      .filter((a) => !a.disabled)
      .slice(100, 112);
    const missingIds = ['does-not-exist-1', 'does-not-exist-2', 'does-not-exist-3'];
    const targets = [...accounts, ...missingIds.map((id) => ({ id }))].map((a) => ({ tenantId: fx.tenantId, accountId: a.id }));
    // A 503 to a POST leaves its outcome unknown: the command reads the account back (briefly
    // here) and never sends it again; what reading cannot prove stays "may have been applied".
    const restoreWindow = await withSetting('readBackWindowSeconds', 1);
    fx.sandbox.setFaults({ serverErrorRate: 0.3, seed: 7 });
    let result: BulkResult;
    try {
      result = await run<BulkResult>('iscAccounts.account.disable', targets);
    } finally {
      fx.sandbox.setFaults({ serverErrorRate: 0 });
      await restoreWindow();
    }
    assert.equal(result.results.length, targets.length, 'every account is in the report');
    for (const id of missingIds) {
      const missing = result.results.find((i) => i.accountId === id)!;
      assert.ok(['not-applied', 'unknown'].includes(missing.outcome), `${id}: ${missing.outcome}`);
      if (missing.outcome === 'not-applied') assert.match(missing.reason!, /404/);
    }
    const by = (outcome: string) => result.results.filter((i) => i.outcome === outcome);
    for (const item of [...by('not-applied'), ...by('unknown')]) assert.ok(item.reason && item.reason.length > 0, 'each says why');
    for (const item of by('applied')) assert.equal(fx.sandbox.tenant.account(item.accountId)!.disabled, true, `${item.label} reported disabled`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const account of accounts) {
      assert.ok(fx.sandbox.ledger.entries({ kind: 'disable', accountId: account.id, state: ['pending', 'applied'] }).length <= 1, `${account.name} never sent twice`);
    }
    assert.ok(fx.sandbox.stats().byStatus['503'] > 0, 'server errors were injected');
    assert.ok(by('unknown').length > 0, 'some 503s met a change');
    const report = await reportText(result);
    assert.doesNotMatch(report, /Failed/);
    assert.match(report, new RegExp(`## May have been applied[^\\n]*: ${by('unknown').length}`));
    if (by('not-applied').length) assert.match(report, new RegExp(`## Not applied: ${by('not-applied').length}`));
    for (const id of missingIds) assert.ok(report.includes(id));
  });

  it('loses no action and doubles none when answers are lost after ISC applied them', async () => {
    const accounts = fx.sandbox.tenant
      .accountsOfSource(fx.sandbox.tenant.largeSource().id)
      .filter((a) => !a.disabled)
      .slice(200, 212);
    const targets = accounts.map((a) => ({ tenantId: fx.tenantId, accountId: a.id }));
    // Half the disable requests are applied, then their connection is cut before the answer:
    // the client cannot know, so the command must read each account back, not resend blindly.
    fx.sandbox.setFaults({ dropAfterApplyRate: 0.5, seed: 11 });
    let result: BulkResult;
    try {
      result = await run<BulkResult>('iscAccounts.account.disable', targets);
    } finally {
      fx.sandbox.setFaults({ dropAfterApplyRate: 0 });
    }
    assert.equal(result.summary, `${targets.length} disabled`);
    const lostAnswers = fx.sandbox.stats().droppedConnections;
    assert.ok(lostAnswers >= 2, `some answers were lost (${lostAnswers})`);
    for (const account of accounts) {
      assert.equal(fx.sandbox.tenant.account(account.id)!.disabled, true, `${account.name} disabled`);
      assert.equal(fx.sandbox.ledger.entries({ kind: 'disable', accountId: account.id }).length, 1, `${account.name} disabled exactly once`);
    }
  });

  it('enables, unlocks and reloads selected rows the same way', async () => {
    const source = await sourceNode(fx, 'Active Directory');
    const disabled = (await accountNodes(fx, source)).filter((n) => contextOf(n).includes(':disabled')).slice(0, 5);
    const enabled = await run<BulkResult>('iscAccounts.account.enable', disabled[0], disabled);
    assert.equal(enabled.summary, '5 enabled');
    const locked = (await accountNodes(fx, source)).filter((n) => contextOf(n).includes(':locked')).slice(0, 3);
    assert.ok(locked.length >= 2, 'locked rows to unlock');
    fx.api.ui.answer(['Unlock']);
    const unlocked = await run<BulkResult>('iscAccounts.account.unlock', locked[0], locked);
    assert.equal(unlocked.summary, `${locked.length} unlocked`);
    for (const row of locked) assert.equal(fx.sandbox.tenant.account(accountIdOf(row))!.locked, false);
    const reloaded = await run<BulkResult>('iscAccounts.account.reload', disabled[0], disabled);
    assert.equal(reloaded.summary, '5 reloaded');
  });
});
