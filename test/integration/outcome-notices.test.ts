// One notification per outcome, in the real VS Code: a task that ends WARNING (with ISC's
// messages, as a rewriting proxy in front of the sandbox answers) is one warning that carries
// ISC's words, for a single action, a bulk one, and one run again from the Activity.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startAnswerRewriter } from './answer-rewriter';
import type { JournalEntry } from '../../src/journal';
import { accountIdOf, accountNodes, contextOf, notices, run, sandboxTenant, sourceNode, type SandboxTenantFixture } from './explorer-helpers';

interface Report {
  summary?: string;
  report?: string;
  results?: Array<{ outcome: string; warnings?: string[] }>;
}

const WARNED = 'The account was disabled, but its manager could not be notified.';

/** A finished task ends WARNING with one message of its own. */
function warningWithMessage(body: unknown): unknown {
  const status = { ...(body as Record<string, unknown>) };
  if (status.completionStatus) {
    status.completionStatus = 'WARNING';
    status.messages = [{ type: 'WARN', key: 'notify.failed', localizedText: { locale: 'en-US', message: WARNED } }];
  }
  return status;
}

describe('One notification per outcome when a task ends WARNING', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;

  before(async () => {
    fx = await sandboxTenant('warning-notices-test', {}, (sandbox) =>
      startAnswerRewriter(sandbox.baseUrl, [{ method: 'GET', path: /\/task-status\//, rewrite: warningWithMessage }]),
    );
  });
  after(async () => {
    await fx?.close();
  });

  it('a single disable is one warning notification with ISC\'s words', async () => {
    const [row] = (await accountNodes(fx, await sourceNode(fx, 'Active Directory'))).filter((n) => contextOf(n).includes(':enabled'));
    fx.api.ui.answer([]);
    const result = await run<Report>('iscAccounts.account.disable', row);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a second notification would come by now
    assert.equal(result?.results?.[0].outcome, 'applied');
    assert.equal(notices(fx.api).length, 1, `one notification: ${notices(fx.api).join(' | ')}`);
    assert.match(notices(fx.api, 'warning')[0], /manager could not be notified/);
  });

  it('a bulk disable is one notification that carries the warnings', async () => {
    const rows = (await accountNodes(fx, await sourceNode(fx, 'Active Directory'))).filter((n) => contextOf(n).includes(':enabled')).slice(0, 3);
    fx.api.ui.answer([]);
    const result = await run<Report>('iscAccounts.account.disable', rows[0], rows);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(result?.summary, '3 disabled');
    assert.equal(notices(fx.api).length, 1, `one notification: ${notices(fx.api).join(' | ')}`);
    assert.equal(notices(fx.api, 'warning')[0], `Disable accounts: 3 disabled. ISC warned: ${WARNED} (3 times)`);
    const report = (await vscode.workspace.openTextDocument(vscode.Uri.parse(result!.report!))).getText();
    assert.equal(report.match(/ — ISC warned: The account was disabled, but its manager could not be notified\./g)?.length, 3, report);
  });

  it('Undo from the Activity is one notification that carries the warning', async () => {
    const [row] = (await accountNodes(fx, await sourceNode(fx, 'Active Directory'))).filter((n) => contextOf(n).includes(':enabled'));
    fx.api.ui.answer([]);
    await run<Report>('iscAccounts.account.disable', row);
    const accountId = accountIdOf(row);
    const entry = (await fx.api.journal.entries(fx.tenantId)).find((e) => e.action === 'disable' && e.items.some((i) => 'accountId' in i.spec && i.spec.accountId === accountId));
    assert.ok(entry, 'the disable is in the Activity');
    fx.api.ui.answer([]);
    const undone = await run<JournalEntry>('iscAccounts.activity.undo', entry.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(undone.items[0].state, 'applied');
    assert.equal(notices(fx.api).length, 1, `one notification: ${notices(fx.api).join(' | ')}`);
    assert.match(notices(fx.api, 'warning')[0], /^Undo disable of .+: 1 applied\. ISC warned: The account was disabled, but its manager could not be notified\.$/);
  });
});
