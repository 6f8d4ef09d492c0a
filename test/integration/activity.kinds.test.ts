// Every kind of change the extension makes leaves an Activity journal entry, run through the
// real command handlers in the real VS Code against a
// sandbox tenant: the action, the target as the command knew it, the outcome, the ISC task,
// the body sent for PATCH and PUT, and for a bulk run one entry with its items and counts.
// Each run is also held against the sandbox's ledger: one journal item per change request
// the sandbox received, so a change that bypasses the journal fails here. The attribute
// editor's Apply: activity.editor.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bodySent, countStates } from '../../src/journal';
import type { SandboxAccount } from '../../src/sandbox';
import { accountIdOf, accountNodes, accountPicker, contextOf, notices, run, sandboxTenant, sourceNode, until, withSetting, type SandboxTenantFixture } from './explorer-helpers';
import { journalChecks } from './journal-ledger';
import { withoutAccountSchema } from './create-schema-helpers';

const AD = 'Active Directory';

describe('Activity: an entry for each kind of change', function () {
  this.timeout(180_000);
  let fx: SandboxTenantFixture;
  const { pick, used } = accountPicker(() => fx.sandbox);
  const ref = (account: SandboxAccount) => ({ tenantId: fx.tenantId, accountId: account.id });
  const ad = () => fx.sandbox.tenant.largeSource().id;
  const flat = () => fx.sandbox.tenant.flatFileSource().id;

  before(async () => {
    fx = await sandboxTenant('activity-kinds');
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(() => fx.api.ui.stopAnswering());

  const { journaled, onlyEntry } = journalChecks(() => fx);

  const accountTargetOf = (account: SandboxAccount) => {
    const source = fx.sandbox.tenant.sources().find((s) => s.id === account.sourceId)!;
    return { accountId: account.id, accountName: account.name, sourceId: account.sourceId, sourceName: source.name };
  };

  describe('single account actions', () => {
    it('disable, enable, unlock and reload: the action, the account, the task, applied', async () => {
      const account = pick(ad(), (a) => !a.disabled && a.locked);
      const cases: Array<[string, string, unknown[]]> = [
        ['iscAccounts.account.disable', 'disable', []],
        ['iscAccounts.account.enable', 'enable', []],
        ['iscAccounts.account.unlock', 'unlock', ['Unlock']],
        ['iscAccounts.account.reload', 'reload', []],
      ];
      for (const [command, action, answers] of cases) {
        fx.api.ui.answer(answers as never[]);
        const { entry, item } = await onlyEntry(() => run(command, ref(account)));
        assert.equal(entry.action, action);
        assert.equal(entry.tenantId, fx.tenantId);
        assert.equal(entry.bulk, false);
        assert.equal(item.state, 'applied', `${action}: ${item.outcome?.reason ?? ''}`);
        assert.deepEqual(item.spec, { kind: 'lifecycle', action, accountId: account.id, body: action === 'unlock' ? { unlockIDNAccount: false } : {} });
        assert.deepEqual({ ...item.target, identityId: undefined, identityName: undefined, label: undefined }, { ...accountTargetOf(account), identityId: undefined, identityName: undefined, label: undefined });
        assert.ok(item.taskId, `${action}: the task id`);
        assert.equal(item.outcome?.evidence.kind, 'task');
        if (action !== 'reload') assert.equal(item.before?.kind, 'flags', `${action}: the flags before are kept`);
      }
    });

    it('with options: the body sent is the one journaled', async () => {
      const account = pick(ad(), (a) => !a.disabled && !a.locked);
      fx.api.ui.answer(['Force provisioning', 'CHG-77']);
      const { item } = await onlyEntry(() => run('iscAccounts.account.disableWithOptions', ref(account)));
      assert.deepEqual(item.spec, { kind: 'lifecycle', action: 'disable', accountId: account.id, body: { forceProvisioning: true, externalVerificationId: 'CHG-77' } });
      assert.equal(item.state, 'applied');
    });

    it('a change that may have been applied is journaled unknown, with its reason', async () => {
      const account = pick(ad(), (a) => !a.disabled && !a.locked);
      const restore = await withSetting('readBackWindowSeconds', 0.3);
      fx.sandbox.faults.next({ fate: 'server-error', method: 'POST', path: `/accounts/${account.id}/disable` });
      try {
        fx.api.ui.answer([]);
        const { entry, item } = await onlyEntry(() => run('iscAccounts.account.disable', ref(account)));
        assert.equal(item.state, 'unknown');
        assert.ok(item.outcome?.reason, 'it says why');
        assert.ok(item.before, 'the before-state a later Check Again proves it against');
        assert.equal(entry.action, 'disable');
      } finally {
        fx.sandbox.faults.clearRules();
        await restore();
      }
    });

    it('delete and remove', async () => {
      const flatAccount = pick(flat(), () => true);
      fx.api.ui.answer([true]);
      const deleted = await onlyEntry(() => run('iscAccounts.account.delete', ref(flatAccount)));
      assert.equal(deleted.entry.action, 'delete');
      assert.deepEqual(deleted.item.spec, { kind: 'delete', accountId: flatAccount.id });
      assert.equal(deleted.item.state, 'applied');
      assert.equal(deleted.item.target.accountName, flatAccount.name);
      assert.equal(deleted.item.target.sourceName, fx.sandbox.tenant.flatFileSource().name);

      const adAccount = pick(ad(), () => true);
      fx.api.ui.answer([true]);
      const removed = await onlyEntry(() => run('iscAccounts.account.remove', ref(adAccount)));
      assert.equal(removed.entry.action, 'remove');
      assert.equal(removed.item.state, 'applied');
      assert.deepEqual({ ...removed.item.target, identityId: undefined, identityName: undefined, label: undefined }, { ...accountTargetOf(adAccount), identityId: undefined, identityName: undefined, label: undefined });
    });

    it('Replace Attributes (PUT): the body sent', async () => {
      const account = pick(flat(), () => true);
      fx.api.ui.answer([]);
      const document = await run<vscode.TextDocument>('iscAccounts.account.replaceAttributes', ref(account));
      const body = JSON.parse(document.getText()) as { attributes: Record<string, unknown> };
      body.attributes.department = 'Journaled PUT';
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(body, null, 2));
      await vscode.workspace.applyEdit(edit);
      fx.api.ui.answer([true]);
      const { entry, item } = await onlyEntry(() => run('iscAccounts.account.replaceAttributes', document.uri));
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.equal(entry.action, 'put');
      assert.equal(item.state, 'applied');
      assert.deepEqual(bodySent(item.spec), body);
      assert.equal(item.target.accountName, account.name);
    });
  });

  describe('correlation (PATCH)', () => {
    it('reassign, uncorrelate, set manuallyCorrelated: each a PATCH entry with its operations', async () => {
      const account = pick(ad(), (a) => a.identityId !== null && !a.manuallyCorrelated);
      const other = fx.sandbox.tenant.identities().find((i) => i.id !== account.identityId && i.name.length > 4)!;
      fx.api.ui.answer([{ query: other.name.slice(0, 4), pick: other.name }]);
      const reassigned = await onlyEntry(() => run('iscAccounts.account.reassign', ref(account)));
      assert.equal(reassigned.entry.action, 'patch');
      assert.deepEqual(bodySent(reassigned.item.spec), [{ op: 'replace', path: '/identityId', value: other.id }]);
      assert.equal(reassigned.item.state, 'applied');
      assert.equal(reassigned.item.target.accountName, account.name);
      assert.equal(reassigned.item.before?.kind, 'editable');

      fx.api.ui.answer(['false']);
      const flag = await onlyEntry(() => run('iscAccounts.account.setManuallyCorrelated', ref(account)));
      assert.deepEqual(bodySent(flag.item.spec), [{ op: 'replace', path: '/manuallyCorrelated', value: false }]);
      assert.equal(flag.item.state, 'applied');

      fx.api.ui.answer([true]);
      const uncorrelated = await onlyEntry(() => run('iscAccounts.account.uncorrelate', ref(account)));
      assert.deepEqual(bodySent(uncorrelated.item.spec), [{ op: 'remove', path: '/identityId' }]);
      assert.equal(uncorrelated.item.state, 'applied');
    });
  });

  describe('source actions', () => {
    it('create: the source and the account named, the task', async () => {
      const source = fx.sandbox.tenant.flatFileSource();
      fx.api.ui.answer(['J-77001', 'journal.person', 'department=Journal']);
      const { entry, item } = await onlyEntry(() => withoutAccountSchema(fx.sandbox, source.id, () => run('iscAccounts.source.createAccount', { tenantId: fx.tenantId, sourceId: source.id })));
      assert.equal(entry.action, 'create');
      assert.equal(item.state, 'applied');
      assert.deepEqual(item.spec, { kind: 'create', attributes: { department: 'Journal', sourceId: source.id, nativeIdentity: 'J-77001', name: 'journal.person' } });
      assert.equal(item.target.sourceId, source.id);
      assert.equal(item.target.sourceName, source.name);
      assert.equal(item.target.accountName, 'journal.person');
      assert.ok(item.taskId);
    });

    it('remove all accounts of a source', async () => {
      const source = fx.sandbox.tenant.findSource((s) => s.kind === 'servicenow')!;
      fx.api.ui.answer([true, source.name]);
      const { entry, item } = await onlyEntry(() => run('iscAccounts.source.removeAllAccounts', { tenantId: fx.tenantId, sourceId: source.id }));
      assert.equal(entry.action, 'remove-all');
      assert.deepEqual(item.spec, { kind: 'remove-all', sourceId: source.id });
      assert.equal(item.state, 'applied');
      assert.deepEqual([item.target.sourceId, item.target.sourceName], [source.id, source.name]);
    });
  });

  describe('IDN account of identities', () => {
    it('one identity (from an account row): the identity named', async () => {
      const ownerOf = (id: string) => fx.sandbox.tenant.account(id)?.identityId;
      const node = (await accountNodes(fx, await sourceNode(fx, AD))).find(
        (n) => !used.has(accountIdOf(n)) && contextOf(n).includes(':correlated') && fx.sandbox.tenant.identityNowAccountOf(ownerOf(accountIdOf(n)) ?? ''),
      )!;
      used.add(accountIdOf(node));
      const owner = fx.sandbox.tenant.account(accountIdOf(node))!;
      const identity = fx.sandbox.tenant.identities().find((i) => i.id === owner.identityId)!;
      const { entry, item } = await onlyEntry(() => run('iscAccounts.identity.disableIdnAccount', node));
      assert.equal(entry.action, 'idn-disable');
      assert.deepEqual(item.spec, { kind: 'idn', toggle: 'disable', identityId: identity.id });
      assert.deepEqual([item.target.identityId, item.target.identityName], [identity.id, identity.name]);
      assert.ok(['applied', 'unknown'].includes(item.state), item.state);
      await until(() => fx.sandbox.tenant.identityNowAccountOf(identity.id)?.disabled === true, 'the IDN account disabled');
    });

    it('many identities: one entry with an item per identity, from the bulk answer', async () => {
      const identities = fx.sandbox.tenant.identities().filter((i) => fx.sandbox.tenant.identityNowAccountOf(i.id)).slice(10, 13);
      const entries = await journaled(() => run('iscAccounts.identity.disableIdnAccount', { tenantId: fx.tenantId, identityIds: identities.map((i) => i.id) }));
      assert.equal(entries.length, 1);
      const [entry] = entries;
      assert.equal(entry.bulk, true);
      assert.equal(entry.action, 'idn-disable');
      assert.deepEqual(entry.items.map((item) => item.target.identityId), identities.map((i) => i.id));
      assert.equal(countStates(entry).applied, 3);
    });
  });

  describe('bulk runs', () => {
    it('one entry with every account; those refused before sending are journaled not sent, with why', async () => {
      const rows = (await accountNodes(fx, await sourceNode(fx, AD))).filter((n) => !used.has(accountIdOf(n)));
      const locked = rows.filter((n) => contextOf(n).includes(':locked')).slice(0, 2);
      const unlocked = rows.filter((n) => !contextOf(n).includes(':locked')).slice(0, 2);
      const selection = [...locked, ...unlocked];
      for (const row of selection) used.add(accountIdOf(row));
      fx.api.ui.answer(['Unlock']);
      const entries = await journaled(() => run('iscAccounts.account.unlock', selection[0], selection));
      assert.equal(entries.length, 1, 'one entry for the tenant');
      const [entry] = entries;
      assert.equal(entry.bulk, true);
      assert.equal(entry.action, 'unlock');
      assert.equal(entry.title, 'Unlock accounts (4)');
      assert.deepEqual(entry.items.map((item) => item.target.accountId), selection.map(accountIdOf));
      assert.deepEqual(entry.items.map((item) => item.target.accountName), selection.map((n) => fx.sandbox.tenant.account(accountIdOf(n))!.name));
      const counts = countStates(entry);
      assert.deepEqual([counts.applied, counts['not-sent']], [2, 2]);
      for (const item of entry.items.filter((i) => i.state === 'not-sent')) {
        assert.match(item.outcome!.reason!, /is not locked/);
        assert.equal(item.sentAt, undefined);
      }
    });

    it('cancelled: accounts never started are journaled not sent', async () => {
      const accounts = Array.from({ length: 8 }, () => pick(ad(), (a) => !a.disabled));
      const restore = await withSetting('concurrency', 1);
      try {
        const entries = await journaled(async () => {
          const running = run('iscAccounts.account.disable', accounts.map(ref));
          // Cancel as soon as the progress shows (what Cancel on the notification does).
          while (fx.api.ui.cancelProgress() === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          await running;
        });
        assert.equal(entries.length, 1);
        const notSent = entries[0].items.filter((item) => item.state === 'not-sent');
        assert.ok(notSent.length > 0, 'some were never started');
        for (const item of notSent) {
          assert.equal(item.outcome?.reason, 'Cancelled before it was sent.');
          assert.equal(item.sentAt, undefined);
        }
      } finally {
        await restore();
      }
    });
  });

  describe('a journal that cannot be written', () => {
    it('sends nothing, and the command says "not sent", single or bulk', async () => {
      const journal = fx.api.journal;
      journal.begin = () => Promise.reject(new Error('EROFS: read-only file system'));
      const mark = fx.sandbox.ledger.mark();
      try {
        const single = pick(ad(), (a) => !a.disabled && !a.locked);
        fx.api.ui.answer([]);
        const report = await run<{ results: Array<{ outcome: string; reason?: string }> }>('iscAccounts.account.disable', ref(single));
        assert.deepEqual(report.results.map((r) => r.outcome), ['not-sent']);
        assert.match(report.results[0].reason!, /journal could not be written.*EROFS/);
        assert.match(notices(fx.api, 'info').join('\n'), /not sent/);
        const many = [pick(ad(), (a) => !a.disabled), pick(ad(), (a) => !a.disabled)];
        const bulk = await run<{ results: Array<{ outcome: string; reason?: string }> }>('iscAccounts.account.disable', many.map(ref));
        assert.deepEqual(bulk.results.map((r) => r.outcome), ['not-sent', 'not-sent']);
        assert.match(bulk.results[0].reason!, /journal could not be written/);
      } finally {
        delete (journal as Partial<typeof journal>).begin; // the store's own again
      }
      assert.equal(fx.sandbox.ledger.count({ since: mark }), 0, 'nothing reached ISC');
    });
  });
});
