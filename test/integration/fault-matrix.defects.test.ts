// The defects of issue 10, each reproduced through the real command handlers against a
// sandbox tenant with targeted faults, checked against the sandbox's change ledger: every one
// of these failed on the code before the outcome model (the closing note says how).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SandboxAccount } from '../../src/sandbox';
import { fetchEditableAccount } from '../../src/editor/editable-account';
import { accountToDraft } from '../../src/editor/shared/draft';
import { IscClient } from '../../src/isc';
import { startAnswerRewriter } from './answer-rewriter';
import { applyConfirmed } from './fault-matrix-ops';
import { accountPicker, notices, run, sandboxTenant, until, withSetting, type SandboxTenantFixture } from './explorer-helpers';
import { withoutAccountSchema } from './create-schema-helpers';

interface Report {
  results?: Array<{ outcome: string; reason?: string; label: string; identityId?: string; evidence?: { kind: string } }>;
  report?: string;
}

type Fixture = SandboxTenantFixture;

/** A task that ends WARNING without `messages`, as ISC may answer. */
function warningWithoutMessages(body: unknown): unknown {
  const status = { ...(body as Record<string, unknown>) };
  if (status.completionStatus) {
    status.completionStatus = 'WARNING';
    delete status.messages;
  }
  return status;
}

async function reportText(result: Report | undefined): Promise<string> {
  const legacy = (result as { reportUri?: vscode.Uri } | undefined)?.reportUri;
  const uri = result?.report ? vscode.Uri.parse(result.report) : legacy;
  assert.ok(uri, 'the command returned a report document');
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

describe('fault matrix: defects of issue 10 through the commands', function () {
  this.timeout(120_000);
  let fx: Fixture;
  let restoreWindow: () => Promise<void>;
  const { pick } = accountPicker(() => fx.sandbox);
  const ref = (account: SandboxAccount) => ({ tenantId: fx.tenantId, accountId: account.id });
  const ad = () => fx.sandbox.tenant.largeSource().id;
  const flat = () => fx.sandbox.tenant.flatFileSource().id;

  before(async () => {
    fx = await sandboxTenant('defects-test');
    restoreWindow = await withSetting('readBackWindowSeconds', 1.5);
  });
  after(async () => {
    await restoreWindow?.();
    await fx?.close();
  });
  afterEach(() => {
    fx.sandbox.faults.clearRules();
    fx.api.ui.stopAnswering();
  });

  it('defect 1: a DELETE whose answer was lost is applied, proven by a 404, never "refused (404)"', async () => {
    const account = pick(flat(), () => true);
    fx.sandbox.faults.next({ method: 'DELETE', path: new RegExp(`/accounts/${account.id}$`), fate: 'drop-after-apply', count: 5 });
    fx.api.ui.answer([true]);
    const result = await run<Report>('iscAccounts.account.delete', ref(account));
    assert.deepEqual(notices(fx.api, 'error'), [], 'no error is shown');
    await until(() => fx.sandbox.ledger.applied({ kind: 'delete', accountId: account.id }).length > 0, 'the delete task');
    assert.equal(fx.sandbox.ledger.entries({ kind: 'delete', accountId: account.id }).length, 1, 'the DELETE was sent once');
    assert.equal(result?.results?.[0].outcome, 'applied');
    assert.equal(result?.results?.[0].evidence?.kind, 'not-found');
  });

  it('an editor apply whose PUT went through and whose PATCH after it did not says the PUT was applied', async () => {
    const account = pick(flat(), (a) => !a.manuallyCorrelated);
    const tenant = fx.api.tenants.get(fx.tenantId)!;
    const client = new IscClient({ baseUrl: tenant.baseUrl, clientId: fx.sandbox.clientId, clientSecret: fx.sandbox.clientSecret });
    const base = await fetchEditableAccount(client, account.id);
    const draft = accountToDraft(base);
    draft.mode = 'put';
    draft.attributes.push({ rowId: 'r-put-then-patch', name: 'putThenPatch', value: { kind: 'single', type: 'string', text: 'yes' } });
    draft.correlation.manuallyCorrelated = true;
    fx.sandbox.faults.next({ method: 'PATCH', path: new RegExp(`/accounts/${account.id}$`), fate: 'server-error' });
    try {
      const result = await applyConfirmed(fx, client, base, draft);
      assert.equal(result.outcome, 'failed');
      assert.match(result.outcome === 'failed' ? result.error.message : '', /^The PUT replacing the attributes was applied\. .*may have been/);
      await until(() => fx.sandbox.ledger.applied({ kind: 'put', accountId: account.id }).length > 0, 'the PUT task');
      assert.equal(fx.sandbox.ledger.applied({ kind: 'put', accountId: account.id }).length, 1, 'the PUT applied once');
      assert.equal(fx.sandbox.ledger.applied({ kind: 'patch', accountId: account.id }).length, 0, 'the PATCH did not apply');
    } finally {
      client.dispose();
    }
  });

  it('defect 3: a forced enable of an enabled account that met a 503 is not called applied', async () => {
    const account = pick(ad(), (a) => !a.disabled && !a.locked);
    fx.sandbox.faults.next({ method: 'POST', path: new RegExp(`/accounts/${account.id}/enable$`), fate: 'server-error' });
    fx.api.ui.answer(['Force provisioning', '']);
    const result = await run<Report>('iscAccounts.account.enableWithOptions', ref(account));
    assert.deepEqual(notices(fx.api, 'info').filter((m) => /enabled/.test(m) && !/may have been/.test(m)), [], 'never told "enabled"');
    assert.equal(fx.sandbox.ledger.applied({ kind: 'enable', accountId: account.id }).length, 0, 'ISC never applied it');
    assert.equal(result?.results?.[0].outcome, 'unknown');
    assert.match(result!.results![0].reason!, /forced enable cannot be proven/);
    assert.ok(notices(fx.api, 'warning').some((m) => (m.includes(account.name) || m.includes(account.id)) && /may have been enabled/.test(m)), notices(fx.api).join('\n'));
  });

  it('defect 4: a create answered with an empty 202 is never a plain failure', async () => {
    const nativeIdentity = `defect4-${Date.now()}`;
    fx.sandbox.faults.next({ method: 'POST', path: /\/accounts$/, fate: 'empty-body' });
    fx.api.ui.answer([nativeIdentity, nativeIdentity, '']);
    const result = await withoutAccountSchema(fx.sandbox, flat(), () => run<Report>('iscAccounts.source.createAccount', { tenantId: fx.tenantId, sourceId: flat() }));
    assert.deepEqual(notices(fx.api, 'error'), [], 'no error invites the user to create it again');
    await until(() => fx.sandbox.ledger.applied({ kind: 'create', nativeIdentity }).length > 0, 'the create task');
    assert.ok(['applied', 'unknown'].includes(result?.results?.[0].outcome ?? ''), JSON.stringify(result));
    assert.equal(fx.sandbox.ledger.entries({ kind: 'create', nativeIdentity }).length, 1, 'created once');
  });

  it('defect 5: a bulk report puts a 503 on a change under "May have been applied", not under Failed', async () => {
    const accounts = [0, 1, 2].map(() => pick(ad(), (a) => !a.disabled));
    fx.sandbox.faults.next({ method: 'POST', path: new RegExp(`/accounts/${accounts[1].id}/reload$`), fate: 'server-error' });
    fx.api.ui.answer([]);
    const result = await run<Report>('iscAccounts.account.reload', accounts.map(ref));
    const text = await reportText(result);
    assert.doesNotMatch(text, /Failed/);
    assert.match(text, new RegExp(`## May have been applied[^\\n]*: 1\\n\\n- (${accounts[1].name}|${accounts[1].id})`));
  });

  it('defect 6: bulk IDN enable keeps the answers of applied chunks when a later chunk fails', async () => {
    const identities = fx.sandbox.tenant.identities().slice(0, 150).map((identity) => identity.id);
    fx.sandbox.faults.next({ method: 'POST', path: /\/identities-accounts\/enable$/, fate: 'normal' });
    fx.sandbox.faults.next({ method: 'POST', path: /\/identities-accounts\/enable$/, fate: 'server-error' });
    fx.api.ui.answer([]);
    const result = await run<Report>('iscAccounts.identity.enableIdnAccount', { tenantId: fx.tenantId, identityIds: identities });
    assert.equal(result?.results?.length, 150, 'every identity is reported');
    assert.equal(result!.results!.filter((r) => r.outcome === 'applied').length, 100, 'the first chunk applied');
    assert.equal(result!.results!.filter((r) => r.outcome === 'unknown').length, 50, 'the failing chunk may have been applied');
    const applied = result!.results!.filter((r) => r.outcome === 'applied').map((r) => r.identityId);
    await until(() => fx.sandbox.ledger.applied({ kind: 'identity-enable' }).length >= 100, 'the first chunk applied');
    assert.deepEqual(applied.sort(), fx.sandbox.ledger.applied({ kind: 'identity-enable' }).map((e) => e.identityId).sort(), 'exactly the identities reported applied');
  });
});

describe('fault matrix: defects of issue 10 with ISC tasks slower than the read-back window', function () {
  this.timeout(120_000);
  const TASK_MS = 12_000;
  let fx: Fixture;
  let restore: Array<() => Promise<void>> = [];

  before(async () => {
    fx = await sandboxTenant('slow-defects-test', { taskDurationMs: TASK_MS });
  });
  after(async () => {
    for (const undo of restore) await undo();
    await fx?.close();
  });
  afterEach(() => {
    fx.sandbox.faults.clearRules();
    fx.api.ui.stopAnswering();
  });

  it('defect 2: a disable whose answer was lost is sent once, even when its task outlasts the reading', async () => {
    restore.push(await withSetting('readBackWindowSeconds', 2));
    const account = fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id).find((a) => !a.disabled && !a.locked)!;
    fx.sandbox.faults.next({ method: 'POST', path: new RegExp(`/accounts/${account.id}/disable$`), fate: 'drop-after-apply', count: 5 });
    fx.api.ui.answer([]);
    const result = await run<Report>('iscAccounts.account.disable', { tenantId: fx.tenantId, accountId: account.id });
    await until(() => fx.sandbox.ledger.applied({ kind: 'disable', accountId: account.id }).length > 0, 'the slow task', TASK_MS + 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(fx.sandbox.ledger.entries({ kind: 'disable', accountId: account.id }).length, 1, 'sent once');
    assert.equal(fx.sandbox.ledger.applied({ kind: 'disable', accountId: account.id }).length, 1, 'applied once');
    assert.equal(result?.results?.[0].outcome, 'unknown');
    assert.ok(notices(fx.api, 'warning').some((m) => (m.includes(account.name) || m.includes(account.id)) && /may have been disabled/.test(m)), notices(fx.api).join('\n'));
  });

  it('defect 8 (read-back part): Cancel ends the reading back at once; the outcome stays unknown', async () => {
    restore.push(await withSetting('readBackWindowSeconds', 60));
    const account = fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id).find((a) => !a.disabled && !a.locked && fx.sandbox.ledger.entries({ accountId: a.id }).length === 0)!;
    fx.sandbox.faults.next({ method: 'POST', path: new RegExp(`/accounts/${account.id}/disable$`), fate: 'drop-after-apply' });
    fx.api.ui.answer([]);
    const started = Date.now();
    const running = run<Report>('iscAccounts.account.disable', { tenantId: fx.tenantId, accountId: account.id });
    await until(() => fx.sandbox.ledger.entries({ kind: 'disable', accountId: account.id }).length > 0, 'the disable sent');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    fx.api.ui.cancelProgress();
    const result = await running;
    assert.ok(Date.now() - started < 6_000, `cancel took effect while reading back (${Date.now() - started} ms)`);
    assert.equal(result?.results?.[0].outcome, 'unknown');
    assert.match(result!.results![0].reason!, /stopped checking/);
  });
});

describe('fault matrix: defects of issue 10 with a task that ends WARNING without messages', function () {
  this.timeout(60_000);
  let fx: Fixture;

  before(async () => {
    fx = await sandboxTenant('warning-defects-test', {}, (sandbox) =>
      startAnswerRewriter(sandbox.baseUrl, [{ method: 'GET', path: /\/task-status\//, rewrite: warningWithoutMessages }]),
    );
  });
  after(async () => {
    await fx?.close();
  });

  it('defect 9: a task that ends WARNING without messages is one warning notification, applied', async () => {
    const account = fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id).find((a) => !a.disabled && !a.locked)!;
    const ref = (a: SandboxAccount) => ({ tenantId: fx.tenantId, accountId: a.id });
    fx.api.ui.answer([]);
    const result = await run<Report>('iscAccounts.account.disable', ref(account));
    assert.deepEqual(notices(fx.api, 'error'), [], notices(fx.api).join('\n'));
    assert.equal(notices(fx.api).length, 1, `one notification: ${notices(fx.api).join(' | ')}`);
    assert.match(notices(fx.api, 'warning')[0], /disabled/);
    assert.equal(result?.results?.[0].outcome, 'applied');
  });
});
