// Several selected accounts: one cancellable progress, bounded concurrency, and a report that
// lists every account, failures with the server's reason. Nothing is dropped silently.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accountIdOf, accountNodes, contextOf, run, sandboxTenant, sourceNode, type SandboxTenantFixture } from './explorer-helpers';

interface BulkResult {
  summary: string;
  items: Array<{ accountId: string; label: string; status: string; reason?: string }>;
  reportUri: vscode.Uri;
}

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
    assert.equal(result.summary, '30 disabled, 0 failed');
    for (const row of rows) {
      assert.equal(fx.sandbox.tenant.account(accountIdOf(row))!.disabled, true);
      assert.match(contextOf(row), /:disabled/);
    }
    const report = await vscode.workspace.openTextDocument(result.reportUri);
    assert.equal(report.uri.scheme, 'isc-report');
    assert.match(report.getText(), /## Succeeded: 30/);
  });

  it('reports per account when some fail, and recovers from server errors without applying twice', async () => {
    const accounts = fx.sandbox.tenant
      .accountsOfSource(fx.sandbox.tenant.largeSource().id)
      .filter((a) => !a.disabled)
      .slice(100, 112);
    const missingIds = ['does-not-exist-1', 'does-not-exist-2', 'does-not-exist-3'];
    const targets = [...accounts, ...missingIds.map((id) => ({ id }))].map((a) => ({ tenantId: fx.tenantId, accountId: a.id }));
    // A 503 to a POST leaves its outcome unknown: the command reads the account back and
    // resends only if the change did not happen, so most of these end as successes.
    fx.sandbox.setFaults({ serverErrorRate: 0.3, seed: 7 });
    let result: BulkResult;
    try {
      result = await run<BulkResult>('iscAccounts.account.disable', targets);
    } finally {
      fx.sandbox.setFaults({ serverErrorRate: 0 });
    }
    assert.equal(result.items.length, targets.length, 'every account is in the report');
    for (const id of missingIds) {
      const missing = result.items.find((i) => i.accountId === id)!;
      assert.equal(missing.status, 'failed');
      assert.match(missing.reason!, /tracking id/);
    }
    const failed = result.items.filter((i) => i.status === 'failed');
    for (const item of failed) assert.ok(item.reason && item.reason.length > 0, 'each failure says why');
    for (const item of result.items.filter((i) => i.status === 'succeeded')) {
      assert.equal(fx.sandbox.tenant.account(item.accountId)!.disabled, true, `${item.label} reported disabled`);
    }
    for (const account of accounts) {
      assert.ok(fx.sandbox.tenant.ledgerFor(account.id, 'disable').length <= 1, `${account.name} never disabled twice`);
    }
    assert.ok(fx.sandbox.stats().byStatus['503'] > 0, 'server errors were injected');
    const succeeded = result.items.filter((i) => i.status === 'succeeded').length;
    assert.equal(result.summary, `${succeeded} disabled, ${failed.length} failed`);
    const report = (await vscode.workspace.openTextDocument(result.reportUri)).getText();
    assert.match(report, new RegExp(`## Failed: ${failed.length}`));
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
    assert.equal(result.summary, `${targets.length} disabled, 0 failed`);
    const lostAnswers = fx.sandbox.stats().droppedConnections;
    assert.ok(lostAnswers >= 2, `some answers were lost (${lostAnswers})`);
    for (const account of accounts) {
      assert.equal(fx.sandbox.tenant.account(account.id)!.disabled, true, `${account.name} disabled`);
      assert.equal(fx.sandbox.tenant.ledgerFor(account.id, 'disable').length, 1, `${account.name} disabled exactly once`);
    }
  });

  it('enables, unlocks and reloads selected rows the same way', async () => {
    const source = await sourceNode(fx, 'Active Directory');
    const disabled = (await accountNodes(fx, source)).filter((n) => contextOf(n).includes(':disabled')).slice(0, 5);
    const enabled = await run<BulkResult>('iscAccounts.account.enable', disabled[0], disabled);
    assert.equal(enabled.summary, '5 enabled, 0 failed');
    const locked = (await accountNodes(fx, source)).filter((n) => contextOf(n).includes(':locked')).slice(0, 3);
    assert.ok(locked.length >= 2, 'locked rows to unlock');
    fx.api.ui.answer(['Unlock']);
    const unlocked = await run<BulkResult>('iscAccounts.account.unlock', locked[0], locked);
    assert.equal(unlocked.summary, `${locked.length} unlocked, 0 failed`);
    for (const row of locked) assert.equal(fx.sandbox.tenant.account(accountIdOf(row))!.locked, false);
    const reloaded = await run<BulkResult>('iscAccounts.account.reload', disabled[0], disabled);
    assert.equal(reloaded.summary, '5 reloaded, 0 failed');
  });
});
