// Every account, source and identity action in the real VS Code against a sandbox tenant:
// each one is checked by the sandbox's own state, not by what the tree says.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SandboxAccount } from '../../src/sandbox';
import {
  accountIdOf,
  accountNodes,
  accountPicker,
  contextOf,
  descriptionOf,
  notices,
  run,
  sandboxTenant,
  sourceNode,
  until,
  withSetting,
  type SandboxTenantFixture,
} from './explorer-helpers';
import { withoutAccountSchema } from './create-schema-helpers';

const AD = 'Active Directory';
const FLAT_FILE = 'Contractor Roster (CSV)';

describe('Explorer actions', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  const ref = (account: SandboxAccount) => ({ tenantId: fx.tenantId, accountId: account.id });
  const stored = (id: string) => fx.sandbox.tenant.account(id);
  /** Accounts of a source matching a condition, skipping ones an earlier test used. */
  const { pick, used } = accountPicker(() => fx.sandbox);
  const ad = () => fx.sandbox.tenant.largeSource().id;
  const flat = () => fx.sandbox.tenant.flatFileSource().id;

  before(async () => {
    fx = await sandboxTenant('actions-test');
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(() => {
    fx.api.ui.stopAnswering();
  });

  describe('lifecycle', () => {
    it('a change that may have been applied is a warning naming the account, and its row says so', async () => {
      const node = (await accountNodes(fx, await sourceNode(fx, AD))).find((n) => contextOf(n).includes(':enabled') && !used.has(accountIdOf(n)))!;
      const id = accountIdOf(node);
      used.add(id);
      const restore = await withSetting('readBackWindowSeconds', 0.3);
      fx.sandbox.faults.next({ fate: 'server-error', method: 'POST', path: `/accounts/${id}/disable` });
      fx.api.ui.answer([]);
      try {
        const report = await run<{ results: Array<{ outcome: string; accountId: string; label: string }> }>('iscAccounts.account.disable', node);
        assert.deepEqual(report.results.map((r) => [r.outcome, r.accountId]), [['unknown', id]]);
        const [warning] = fx.api.ui.notices('warning');
        assert.ok(warning?.message?.includes(report.results[0].label) && /may have been disabled/.test(warning.message), JSON.stringify(fx.api.ui.transcript));
        assert.deepEqual(warning.actions, ['Check Again', 'Show Log']);
        assert.match(descriptionOf(node), /may have been disabled/);
        assert.equal(fx.sandbox.ledger.applied({ kind: 'disable', accountId: id }).length, 0, 'ISC never applied it');
      } finally {
        fx.sandbox.faults.clearRules();
        await restore();
      }
    });

    it('disables, then enables an account from its tree row, which refreshes in place', async () => {
      const node = (await accountNodes(fx, await sourceNode(fx, AD))).find((n) => contextOf(n).includes(':enabled'))!;
      const id = accountIdOf(node);
      used.add(id);
      await run('iscAccounts.account.disable', node);
      assert.equal(stored(id)!.disabled, true);
      assert.match(contextOf(node), /:disabled/);
      assert.doesNotMatch(contextOf(node), /:pending/);
      await run('iscAccounts.account.enable', node);
      assert.equal(stored(id)!.disabled, false);
      assert.match(contextOf(node), /:enabled/);
    });

    it('disables with options (forceProvisioning, external verification id) only on the Options path', async () => {
      const account = pick(ad(), (a) => !a.disabled && !a.locked);
      fx.api.ui.answer(['Force provisioning', 'CHG-1234']);
      await run('iscAccounts.account.disableWithOptions', ref(account));
      assert.equal(stored(account.id)!.disabled, true);
      assert.deepEqual(fx.api.ui.transcript.filter((e) => e.kind !== 'notice').map((e) => e.kind), ['pick', 'input'], 'asked for both options');
    });

    it('unlocks a locked account, with the unlockIDNAccount pick', async () => {
      const account = pick(ad(), (a) => a.locked);
      fx.api.ui.answer(['Unlock, and the IDN account too']);
      await run('iscAccounts.account.unlock', ref(account));
      assert.equal(stored(account.id)!.locked, false);
    });

    it('refuses to unlock an account that is not locked, saying why', async () => {
      const node = (await accountNodes(fx, await sourceNode(fx, AD))).find((n) => !contextOf(n).includes(':locked'))!;
      const before = fx.sandbox.tenant.ledger().length;
      fx.api.ui.answer([]);
      await run('iscAccounts.account.unlock', node);
      assert.match(notices(fx.api, 'error').join('\n'), /is not locked/);
      assert.equal(fx.sandbox.tenant.ledger().length, before);
    });

    it('reloads an account from its source', async () => {
      const account = pick(ad(), () => true);
      await run('iscAccounts.account.reload', ref(account));
      assert.equal(fx.sandbox.tenant.ledgerFor(account.id, 'reload').length, 1);
    });

    it('shows the server message and tracking id when ISC refuses', async () => {
      fx.api.ui.answer([]);
      await run('iscAccounts.account.reload', { tenantId: fx.tenantId, accountId: '2c9180000000000000000000deadbeef' });
      const [error] = notices(fx.api, 'error');
      assert.ok(error, 'an error was shown');
      assert.match(error, /tracking id/);
      assert.match(error, /404/);
      assert.deepEqual(fx.api.ui.notices('error')[0].actions, ['Show Log']);
    });
  });

  describe('delete and remove (destructive: a modal names the account)', () => {
    it('deletes a flat-file account after the modal', async () => {
      const account = pick(flat(), () => true);
      fx.api.ui.answer([true]);
      await run('iscAccounts.account.delete', ref(account));
      const confirm = fx.api.ui.transcript.find((e) => e.kind === 'confirm')!;
      assert.ok(confirm.prompt!.includes(account.name), confirm.prompt);
      assert.equal(stored(account.id), undefined);
    });

    it('refuses delete on a direct-connect account called programmatically, sending nothing', async () => {
      const account = pick(ad(), () => true);
      const mark = fx.sandbox.requestLog().length;
      fx.api.ui.answer([]);
      await run('iscAccounts.account.delete', ref(account));
      assert.ok(stored(account.id), 'still there');
      assert.match(notices(fx.api, 'error')[0], /only on accounts of flat-file/);
      assert.deepEqual(fx.sandbox.requestLog().slice(mark).filter((r) => r.method === 'DELETE'), []);
    });

    it('removes an account from ISC after the modal; Cancel changes nothing', async () => {
      const account = pick(ad(), () => true);
      fx.api.ui.answer([false]);
      await run('iscAccounts.account.remove', ref(account));
      assert.ok(stored(account.id));
      fx.api.ui.answer([true]);
      await run('iscAccounts.account.remove', ref(account));
      assert.equal(stored(account.id), undefined);
    });
  });

  describe('attributes', () => {
    it('replaces all attributes with PUT from the opened document, and keeps the text when it is invalid', async () => {
      const account = pick(flat(), () => true);
      const document = await run<vscode.TextDocument>('iscAccounts.account.replaceAttributes', ref(account));
      assert.equal(document.uri.scheme, 'untitled');
      const body = JSON.parse(document.getText());
      body.attributes.department = 'Quality Assurance';
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(body, null, 2));
      await vscode.workspace.applyEdit(edit);
      fx.api.ui.answer([true]);
      await run('iscAccounts.account.replaceAttributes', document.uri);
      assert.match(fx.api.ui.transcript[0].prompt!, /^Replace all attributes of /);
      assert.equal(fx.sandbox.tenant.attributesOf(stored(account.id)!).department, 'Quality Assurance');

      const broken = new vscode.WorkspaceEdit();
      broken.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), '{"attributes": {');
      await vscode.workspace.applyEdit(broken);
      fx.api.ui.answer([]);
      await run('iscAccounts.account.replaceAttributes', document.uri);
      assert.match(notices(fx.api, 'error')[0], /not valid JSON/);
      assert.equal(document.getText(), '{"attributes": {', 'the typed text survives');
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('attribute editor', () => {
    const editorTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('iscAccounts.attributeEditor'));

    it('opens editable on a flat-file account, and read-only with the reason on a direct-connect one', async () => {
      const before = editorTabs().length;
      const flatAccount = pick(flat(), () => true);
      fx.api.ui.answer([]);
      await run('iscAccounts.account.editAttributes', ref(flatAccount));
      assert.deepEqual(notices(fx.api, 'error'), []);
      // The tab list reaches the extension host a moment after the panel opens.
      await until(() => editorTabs().length === before + 1, 'the attribute editor tab');
      await until(() => fx.api.attributeEditor(fx.tenantId, flatAccount.id)?.loaded !== undefined, 'the flat-file account loaded');
      assert.equal(fx.api.attributeEditor(fx.tenantId, flatAccount.id)?.loaded?.readOnlyReason, null);

      const adAccount = pick(ad(), () => true);
      fx.api.ui.answer([]);
      await run('iscAccounts.account.editAttributes', ref(adAccount));
      assert.deepEqual(notices(fx.api, 'error'), []);
      await until(() => fx.api.attributeEditor(fx.tenantId, adAccount.id)?.loaded !== undefined, 'the direct-connect account loaded');
      assert.match(fx.api.attributeEditor(fx.tenantId, adAccount.id)?.loaded?.readOnlyReason ?? '', /only on flat-file/);

      await until(() => editorTabs().length === before + 2, 'both attribute editor tabs');
      await vscode.window.tabGroups.close(editorTabs());
      await until(() => editorTabs().length === before, 'the attribute editor tabs closed');
    });
  });

  describe('correlation', () => {
    it('reassigns an account to an identity found by typing its name', async () => {
      const account = pick(ad(), (a) => a.identityId !== null);
      const other = fx.sandbox.tenant.identities().find((i) => i.id !== account.identityId && i.name.length > 4)!;
      fx.api.ui.answer([{ query: other.name.slice(0, 4), pick: other.name }]);
      await run('iscAccounts.account.reassign', ref(account));
      assert.equal(stored(account.id)!.identityId, other.id);
      assert.equal(stored(account.id)!.manuallyCorrelated, true);
    });

    it('uncorrelates after confirming', async () => {
      const account = pick(ad(), (a) => a.identityId !== null);
      fx.api.ui.answer([true]);
      await run('iscAccounts.account.uncorrelate', ref(account));
      assert.equal(stored(account.id)!.identityId, null);
    });

    it('sets and clears manuallyCorrelated', async () => {
      const account = pick(ad(), (a) => a.identityId !== null && !a.manuallyCorrelated);
      fx.api.ui.answer(['true']);
      await run('iscAccounts.account.setManuallyCorrelated', ref(account));
      assert.equal(stored(account.id)!.manuallyCorrelated, true);
      fx.api.ui.answer(['false']);
      await run('iscAccounts.account.setManuallyCorrelated', ref(account));
      assert.equal(stored(account.id)!.manuallyCorrelated, false);
    });
  });

  describe('source actions', () => {
    it('creates an account on the flat-file source with guided input', async () => {
      const source = await sourceNode(fx, FLAT_FILE);
      fx.api.ui.answer(['C99001', 'test.person', 'email=test.person@example.com; department=QA']);
      await withoutAccountSchema(fx.sandbox, flat(), () => run('iscAccounts.source.createAccount', source));
      const created = fx.sandbox.tenant.accountsOfSource(flat()).find((a) => a.nativeIdentity === 'C99001');
      assert.ok(created, 'the account exists in the sandbox');
      assert.equal(created.name, 'test.person');
      assert.equal(fx.sandbox.tenant.attributesOf(created).email, 'test.person@example.com');
      assert.ok((await accountNodes(fx, source)).length > 0);
    });

    it('removes all accounts of a source only after the user types its name', async () => {
      const servicenow = fx.sandbox.tenant.findSource((s) => s.kind === 'servicenow')!;
      const count = fx.sandbox.tenant.accountsOfSource(servicenow.id).length;
      fx.api.ui.answer([true, 'Service Now']);
      await run('iscAccounts.source.removeAllAccounts', await sourceNode(fx, 'ServiceNow'));
      assert.match(fx.api.ui.transcript[1].validationMessage!, /Type the source name exactly: ServiceNow/);
      assert.equal(fx.sandbox.tenant.accountsOfSource(servicenow.id).length, count);
      fx.api.ui.answer([true, 'ServiceNow']);
      await run('iscAccounts.source.removeAllAccounts', await sourceNode(fx, 'ServiceNow'));
      assert.match(fx.api.ui.transcript[0].prompt!, new RegExp(`Remove all ${count.toLocaleString('en-US')} accounts of the source "ServiceNow"`));
      assert.equal(fx.sandbox.tenant.accountsOfSource(servicenow.id).length, 0);
    });
  });

  describe('IDN account of identities', () => {
    it('disables and enables the IDN account of the identity owning an account row', async () => {
      const node = (await accountNodes(fx, await sourceNode(fx, AD))).find((n) => contextOf(n).includes(':correlated'))!;
      const identityId = stored(accountIdOf(node))!.identityId!;
      await run('iscAccounts.identity.disableIdnAccount', node);
      await until(() => fx.sandbox.tenant.identityNowAccountOf(identityId)?.disabled === true, 'the IDN account disabled');
      await run('iscAccounts.identity.enableIdnAccount', node);
      await until(() => fx.sandbox.tenant.identityNowAccountOf(identityId)?.disabled === false, 'the IDN account enabled');
    });

    it('disables many at once and reports the 207 answer per identity', async () => {
      const [a, b] = fx.sandbox.tenant.identities().slice(5, 7);
      const result = await run<{ summary: string; results: Array<{ identityId: string; outcome: string; reason?: string }> }>(
        'iscAccounts.identity.disableIdnAccount',
        { tenantId: fx.tenantId, identityIds: [a.id, 'no-such-identity', b.id] },
      );
      assert.equal(result.summary, '2 disabled (IDN account), 1 not disabled (IDN account)');
      assert.deepEqual(result.results.map((i) => i.outcome), ['applied', 'not-applied', 'applied']);
      assert.match(result.results[1].reason!, /404/);
      await until(() => [a, b].every((i) => fx.sandbox.tenant.identityNowAccountOf(i.id)?.disabled === true), 'both IDN accounts disabled');
    });
  });

  describe('palette flows ask instead of taking ids', () => {
    it('Disable Account asks tenant → source → account search', async () => {
      const api = fx.api;
      // A second tenant makes the tenant pick appear; it is never contacted.
      await api.tenants.save({ id: 'palette-other', label: 'Other tenant', baseUrl: 'https://other.api.identitynow.com', clientId: 'x' }, 'secret-other');
      try {
        const account = pick(ad(), (a) => !a.disabled && !a.locked);
        api.ui.answer([fx.label, AD, { query: account.name, pick: account.name, where: (i) => i.description?.startsWith(AD) === true }]);
        await run('iscAccounts.account.disable');
        assert.deepEqual(api.ui.transcript.filter((e) => e.kind !== 'notice').map((e) => e.kind), ['pick', 'pick', 'search']);
        assert.equal(stored(account.id)!.disabled, true);
      } finally {
        await api.tenants.remove('palette-other');
      }
    });
  });
});
