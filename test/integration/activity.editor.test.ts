// The attribute editor's Apply is journaled, run through the editor the Edit Attributes
// command opens, in the real VS Code against a sandbox tenant: PATCH is one entry with the
// operations sent; PUT then PATCH is one entry of two items, and when the PUT is not applied,
// the PATCH is journaled not sent, saying why. Each Apply is held against the sandbox's ledger.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accountToDraft } from '../../src/editor/shared/draft';
import type { EditorDraft } from '../../src/editor/shared/protocol';
import { bodySent } from '../../src/journal';
import type { SandboxAccount } from '../../src/sandbox';
import { accountPicker, run, sandboxTenant, until, withSetting, type SandboxTenantFixture } from './explorer-helpers';
import { journalChecks } from './journal-ledger';

describe('Activity: the attribute editor’s Apply', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  const { pick } = accountPicker(() => fx.sandbox);
  const ref = (account: SandboxAccount) => ({ tenantId: fx.tenantId, accountId: account.id });
  const flat = () => fx.sandbox.tenant.flatFileSource().id;
  const { onlyEntry } = journalChecks(() => fx);

  before(async () => {
    fx = await sandboxTenant('activity-editor');
  });
  after(async () => {
    await fx?.close();
  });

  const editorTabs = () =>
    vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('iscAccounts.attributeEditor'));

  async function applyInEditor(account: SandboxAccount, edit: (draft: EditorDraft) => void): Promise<void> {
    fx.api.ui.answer([]);
    await run('iscAccounts.account.editAttributes', ref(account));
    await until(() => fx.api.attributeEditor(fx.tenantId, account.id)?.loaded !== undefined, 'the account loaded in the editor');
    const handle = fx.api.attributeEditor(fx.tenantId, account.id)!;
    const draft = accountToDraft(handle.loaded!);
    edit(draft);
    fx.api.ui.answer([true]);
    assert.equal(await handle.receive({ type: 'apply', requestId: 1, draft }), 'handled');
  }

  afterEach(async () => {
    fx.api.ui.answer(editorTabs().map(() => 'Discard Edits'));
    await vscode.window.tabGroups.close(editorTabs());
    await until(() => editorTabs().length === 0, 'the editor tabs closed');
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it('PATCH: one entry, the operations sent', async () => {
    const account = pick(flat(), () => true);
    const { entry, item } = await onlyEntry(() =>
      applyInEditor(account, (draft) => draft.attributes.push({ rowId: 'r-journal', name: 'journalNote', value: { kind: 'single', type: 'string', text: 'patched' } })),
    );
    assert.equal(entry.action, 'patch');
    assert.equal(item.state, 'applied');
    assert.deepEqual(bodySent(item.spec), [{ op: 'add', path: '/attributes/journalNote', value: 'patched' }]);
    assert.equal(item.target.accountName, account.name);
    assert.equal(item.target.sourceName, fx.sandbox.tenant.flatFileSource().name);
  });

  it('PUT then PATCH: one entry of two items; when the PUT is not applied, the PATCH is not sent, saying why', async () => {
    const edit = (draft: EditorDraft) => {
      draft.mode = 'put';
      draft.attributes.push({ rowId: 'r-journal', name: 'journalNote', value: { kind: 'single', type: 'string', text: 'put' } });
      draft.correlation.manuallyCorrelated = !draft.correlation.manuallyCorrelated;
    };
    const applied = pick(flat(), (a) => a.identityId !== null);
    const wasManual = applied.manuallyCorrelated; // the sandbox's record changes in place
    const both = await onlyEntry(() => applyInEditor(applied, edit));
    assert.equal(both.entry.action, 'put+patch');
    assert.deepEqual(both.entry.items.map((item) => [item.spec.kind, item.state]), [['put', 'applied'], ['patch', 'applied']]);
    assert.equal((bodySent(both.entry.items[0].spec) as { attributes: Record<string, unknown> }).attributes.journalNote, 'put');
    assert.deepEqual(bodySent(both.entry.items[1].spec), [{ op: 'replace', path: '/manuallyCorrelated', value: !wasManual }]);

    const refused = pick(flat(), (a) => a.identityId !== null);
    const restore = await withSetting('readBackWindowSeconds', 0.3);
    fx.sandbox.faults.next({ fate: 'server-error', method: 'PUT', path: `/accounts/${refused.id}` });
    try {
      const { entry } = await onlyEntry(() => applyInEditor(refused, edit));
      assert.deepEqual(entry.items.map((item) => item.state), ['unknown', 'not-sent']);
      assert.match(entry.items[1].outcome!.reason!, /the PUT before it was not applied/);
      assert.equal(entry.items[1].sentAt, undefined);
    } finally {
      fx.sandbox.faults.clearRules();
      await restore();
    }
  });
});
