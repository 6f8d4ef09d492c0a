// The attribute editor in the real VS Code, against a sandbox tenant over HTTP: one tab per
// account, messages from the webview checked before use, Apply built from the draft alone,
// the stale-account question, close-with-edits, and the read-only view of non-flat-file accounts.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ATTRIBUTE_EDITOR_VIEW_TYPE, AttributeEditors } from '../../src/editor';
import { toLoadedAccount } from '../../src/editor/editable-account';
import { accountToDraft } from '../../src/editor/shared/draft';
import type { EditorDraft, LoadedAccount } from '../../src/editor/shared/protocol';
import { IscClient, type Account, type IscApi } from '../../src/isc';
import { JournalStore } from '../../src/journal';
import { startSandbox } from '../../src/sandbox';
import { Ui } from '../../src/ui/prompts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const TENANT = 'editor-test-tenant';

/** A LogOutputChannel that also keeps the warnings, to see refused messages being logged. */
function recordingLog(): { log: vscode.LogOutputChannel; warnings: string[] } {
  const real = vscode.window.createOutputChannel('ISC Accounts editor test', { log: true });
  const warnings: string[] = [];
  const log = {
    get name() { return real.name; },
    get logLevel() { return real.logLevel; },
    onDidChangeLogLevel: real.onDidChangeLogLevel,
    trace: (message: string) => real.trace(message),
    debug: (message: string) => real.debug(message),
    info: (message: string) => real.info(message),
    warn: (message: string) => { warnings.push(message); real.warn(message); },
    error: (message: string | Error) => real.error(message),
    append: (value: string) => real.append(value),
    appendLine: (value: string) => real.appendLine(value),
    replace: (value: string) => real.replace(value),
    clear: () => real.clear(),
    show: () => real.show(true),
    hide: () => real.hide(),
    dispose: () => real.dispose(),
  };
  return { log: log as unknown as vscode.LogOutputChannel, warnings };
}

/** The editor's questions in the ui's transcript since its last `answer`, in short. */
function asked(ui: Ui): string[] {
  return ui.transcript
    .filter((entry) => entry.kind !== 'notice')
    .map((entry) => {
      const prompt = entry.prompt ?? '';
      const apply = /^Apply (.+) to ".*"\?$/.exec(prompt);
      if (apply) return `confirm ${apply[1]}`;
      if (/changed on the server since it was loaded/.test(prompt)) return 'stale';
      if (/^Discard your unapplied edits/.test(prompt)) return 'discard?';
      if (/was closed with/.test(prompt)) return 'closed';
      return prompt;
    });
}

function editorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(ATTRIBUTE_EDITOR_VIEW_TYPE));
}

/** The workbench tells the extension host about tabs a moment after a panel opens. */
async function expectEditorTabs(count: number): Promise<void> {
  await until(() => editorTabs().length === count, `${count} editor tab(s); there are ${editorTabs().length}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(editorTabs().length, count, `editor tabs: ${editorTabs().map((tab) => `${tab.label}${tab.isActive ? ' (active)' : ''}`).join(', ')}`);
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The draft of `base` with one single-valued attribute set to `value`. */
function draftWith(base: LoadedAccount, name: string, value: string): EditorDraft {
  const draft = accountToDraft(base);
  const row = draft.attributes.find((candidate) => candidate.name === name);
  if (row) row.value = { kind: 'single', type: 'string', text: value };
  else draft.attributes.push({ rowId: 'r-new', name, value: { kind: 'single', type: 'string', text: value } });
  return draft;
}

describe('Attribute editor (extension side)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let client: IscApi;
  let flatFile: Account[];
  let directory: Account;
  const recorded = recordingLog();
  const applied: string[] = [];
  const ui = new Ui();
  const journalFolder = mkdtempSync(path.join(os.tmpdir(), 'isc-editor-journal-'));
  const journal = new JournalStore(journalFolder);
  let editors: AttributeEditors;

  const open = (account: Account) => editors.open(TENANT, account.id!);
  const editorOf = (account: Account) => {
    const handle = editors.find(TENANT, account.id!);
    assert.ok(handle, `no editor open for ${account.name}`);
    return handle;
  };

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 200 });
    client = new IscClient({ baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    const sources = (await client.listSources()).items;
    const flat = sources.find((source) => source.type === 'DelimitedFile');
    const ad = sources.find((source) => source.type !== 'DelimitedFile' && source.type !== 'IdentityNowConnector');
    assert.ok(flat && ad, 'the sandbox has a flat-file and a directory source');
    flatFile = (await client.listAccounts({ filters: `sourceId eq "${flat.id}"`, limit: 5 })).items;
    directory = (await client.listAccounts({ filters: `sourceId eq "${ad.id}"`, limit: 1 })).items[0];
    assert.ok(flatFile.length >= 4 && directory, 'enough sandbox accounts');
    editors = new AttributeEditors({
      extensionUri: vscode.extensions.getExtension('isc-accounts.isc-accounts')!.extensionUri,
      ui,
      log: recorded.log,
      journal,
      client: async (tenantId) => {
        if (tenantId !== TENANT) throw new Error(`no tenant ${tenantId}`);
        return client;
      },
      tenantLabel: (tenantId) => (tenantId === TENANT ? 'Editor test sandbox' : undefined),
      applied: ({ accountId }) => applied.push(accountId),
    });
  });

  afterEach(async () => {
    // Tests leave edits behind on purpose; closing them asks, and here the answer is discard.
    ui.answer(editorTabs().map(() => 'Discard Edits'));
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // The close question comes when each panel is disposed, after the command returns: keep
      // the scripted answer until the tabs are gone, or a late question meets a real modal,
      // whose dismissal reopens the editor (by design) inside the next test.
      await until(() => editorTabs().length === 0, 'every editor tab closed');
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      ui.stopAnswering();
    }
  });

  after(async () => {
    await sandbox?.close();
    recorded.log.dispose();
    await journal.close();
    rmSync(journalFolder, { recursive: true, force: true });
  });

  describe('one tab per account', () => {
    it('opens a tab titled with the account, and opening again reveals that tab', async () => {
      const account = flatFile[0];
      await open(account);
      const handle = editorOf(account);
      assert.equal(handle.panel.title, `✎ ${account.name} (${account.sourceName})`);
      assert.equal(handle.loaded?.readOnlyReason, null, 'a flat-file account is editable');
      await expectEditorTabs(1);

      await open(flatFile[1]);
      await expectEditorTabs(2);
      assert.equal(handle.panel.active, false);
      await open(account);
      await expectEditorTabs(2); // no second tab for the same account
      assert.equal(editors.find(TENANT, account.id!), handle);
      await until(() => handle.panel.active, 'the first tab to be revealed');
    });
  });

  describe('messages from the webview are checked before use', () => {
    it('refuses and logs malformed or unknown messages, and sends nothing', async () => {
      const account = flatFile[2];
      await open(account);
      const handle = editorOf(account);
      const before = await client.getAccount(account.id!);
      const base = handle.loaded!;
      const malformed: unknown[] = [
        null,
        'apply',
        { type: 'launchMissiles' },
        { type: 'apply', requestId: 'one', draft: accountToDraft(base) },
        { type: 'apply', requestId: 1, draft: { ...accountToDraft(base), mode: 'delete' } },
        { type: 'apply', requestId: 1, draft: { ...accountToDraft(base), attributes: 'all of them' } },
        { type: 'draftChanged', draft: { ...accountToDraft(base), correlation: { identityId: 7, manuallyCorrelated: true } } },
        { type: 'draftChanged', draft: { ...accountToDraft(base), attributes: [{ rowId: 'r1', name: 'x', value: { kind: 'script', text: '' } }] } },
        { type: 'reload', requestId: -1 },
      ];
      const warningsBefore = recorded.warnings.length;
      for (const message of malformed) assert.equal(await handle.receive(message), 'refused', JSON.stringify(message));
      assert.equal(recorded.warnings.length - warningsBefore, malformed.length, 'each refusal is logged');
      assert.equal(handle.pendingChangeCount(), 0, 'a refused draft is not taken as the edits');
      assert.deepEqual((await client.getAccount(account.id!)).attributes, before.attributes);
    });

    it('refuses row ids that name a prototype, and Object.prototype stays clean in the extension host', async () => {
      const account = flatFile[2];
      await open(account);
      const handle = editorOf(account);
      const before = await client.getAccount(account.id!);
      const base = handle.loaded!;
      const prototypeMembers = () => Object.getOwnPropertyNames(Object.prototype).sort();
      const clean = prototypeMembers();
      ui.answer([true]);
      const warningsBefore = recorded.warnings.length;
      const outcomes: string[] = [];
      let added: string[] = [];
      try {
        for (const rowId of ['__proto__', 'constructor', 'prototype']) {
          // An empty name and an empty item: the checks report both under the row id.
          const hostile = accountToDraft(base);
          hostile.attributes.push({ rowId, name: '', value: { kind: 'multi', items: [''] } });
          outcomes.push(await handle.receive({ type: 'draftChanged', draft: hostile }));
          outcomes.push(await handle.receive({ type: 'apply', requestId: 7, draft: hostile }));
        }
      } finally {
        ui.stopAnswering();
        added = prototypeMembers().filter((member) => !clean.includes(member));
        for (const member of added) delete (Object.prototype as Record<string, unknown>)[member];
      }
      assert.deepEqual(added, [], 'members written onto Object.prototype');
      assert.deepEqual(outcomes, Array(6).fill('refused'));
      const refusals = recorded.warnings.slice(warningsBefore);
      assert.equal(refusals.length, 6, 'each refusal is logged');
      assert.match(refusals[0], /rowId is "__proto__", which is not allowed as a key/);
      assert.deepEqual(asked(ui), [], 'nothing was offered for Apply');
      assert.equal(handle.pendingChangeCount(), 0);
      assert.deepEqual((await client.getAccount(account.id!)).attributes, before.attributes);
    });

    it('applies what the draft says, not operations the webview slipped in', async () => {
      const account = flatFile[3];
      await open(account);
      const handle = editorOf(account);
      const base = handle.loaded!;
      const keptName = Object.keys(base.attributes).find((name) => name !== 'department')!;
      ui.answer([true]);
      try {
        const message = {
          type: 'apply',
          requestId: 1,
          draft: draftWith(base, 'department', 'Editor <img src=x onerror=alert(1)>'),
          operations: [{ op: 'remove', path: `/attributes/${keptName}` }],
        };
        assert.equal(await handle.receive(message), 'handled');
      } finally {
        ui.stopAnswering();
      }
      assert.deepEqual(asked(ui), ['confirm 1 operation']);
      const after = await client.getAccount(account.id!);
      assert.equal(after.attributes?.department, 'Editor <img src=x onerror=alert(1)>');
      assert.deepEqual(after.attributes?.[keptName], base.attributes[keptName], 'the slipped-in remove was not sent');
      assert.deepEqual(applied.slice(-1), [account.id]);
      assert.equal(handle.loaded?.attributes.department, 'Editor <img src=x onerror=alert(1)>', 'reloaded after Apply');
    });

    it('asks before applying over a version that changed on the server, and sends nothing on cancel', async () => {
      const account = flatFile[0];
      await open(account);
      const handle = editorOf(account);
      const base = handle.loaded!;
      await new Promise((resolve) => setTimeout(resolve, 5)); // `modified` has millisecond resolution
      await client.patchAccount(account.id!, [{ op: 'replace', path: '/attributes/location', value: 'Changed elsewhere' }]);
      ui.answer([true, undefined]); // Apply, then Cancel the question about the newer version
      try {
        await handle.receive({ type: 'apply', requestId: 2, draft: draftWith(base, 'location', 'Mine') });
      } finally {
        ui.stopAnswering();
      }
      assert.deepEqual(asked(ui), ['confirm 1 operation', 'stale']);
      assert.equal((await client.getAccount(account.id!)).attributes?.location, 'Changed elsewhere');
    });
  });

  describe('closing a tab with unapplied edits', () => {
    it('offers to reopen with the edits, and reopening restores them', async () => {
      const account = flatFile[1];
      await open(account);
      const handle = editorOf(account);
      await handle.receive({ type: 'draftChanged', draft: draftWith(handle.loaded!, 'title', 'Edited, not applied') });
      assert.equal(handle.pendingChangeCount(), 1);
      ui.answer(['Reopen with My Edits']);
      await expectEditorTabs(1); // the workbench's tab list lags: let it show the tab before it is closed
      const [closedTab] = editorTabs();
      try {
        handle.panel.dispose();
        await until(() => (editors.find(TENANT, account.id!) ?? handle) !== handle, 'the editor to reopen');
        // The workbench reports the closed tab gone a moment later, possibly after the new one is there.
        await until(() => !editorTabs().includes(closedTab), 'the closed tab to leave the tab list');
      } finally {
        ui.stopAnswering();
      }
      assert.deepEqual(asked(ui), ['closed']);
      const reopened = editorOf(account);
      assert.equal(reopened.pendingChangeCount(), 1, 'the edits came back');
      await expectEditorTabs(1);
    });

    it('closes for good when the user discards', async () => {
      const account = flatFile[1];
      await open(account);
      const handle = editorOf(account);
      await handle.receive({ type: 'draftChanged', draft: draftWith(handle.loaded!, 'title', 'Throw away') });
      ui.answer(['Discard Edits']);
      await expectEditorTabs(1); // the workbench's tab list lags: let it show the tab before it is closed
      try {
        handle.panel.dispose();
        await until(() => asked(ui).length > 0, 'the question');
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        ui.stopAnswering();
      }
      assert.equal(editors.find(TENANT, account.id!), undefined);
      await expectEditorTabs(0);
    });
  });

  describe('a tab restored after a window reload', () => {
    it('edits the tab\'s own account, even when the saved state holds another account\'s base and edits', async () => {
      const [own, other] = [flatFile[0], flatFile[1]];
      const otherBefore = await client.getAccount(other.id!);
      const otherBase = toLoadedAccount(otherBefore, null);
      const saved = {
        target: { tenantId: TENANT, accountId: own.id!, tenantLabel: 'Editor test sandbox' },
        base: otherBase,
        draft: draftWith(otherBase, 'department', 'Restored edit'),
      };
      const panel = vscode.window.createWebviewPanel(ATTRIBUTE_EDITOR_VIEW_TYPE, 'restored', vscode.ViewColumn.Active, {});
      const warningsBefore = recorded.warnings.length;
      await editors.deserializeWebviewPanel(panel, saved);
      const handle = editorOf(own);
      assert.equal(handle.panel, panel, 'the restored panel is the tab of its target account');
      assert.equal(handle.loaded?.id, own.id, 'the tab loaded its own account');
      assert.equal(handle.pendingChangeCount(), 0, 'edits made against another account were dropped');
      const warnings = recorded.warnings.slice(warningsBefore).join('\n');
      assert.ok(warnings.includes(other.id!) && warnings.includes(own.id!), `the dropped base is logged: ${warnings}`);

      ui.answer([true]);
      try {
        assert.equal(await handle.receive({ type: 'apply', requestId: 8, draft: draftWith(handle.loaded!, 'department', 'Restored edit') }), 'handled');
      } finally {
        ui.stopAnswering();
      }
      assert.equal((await client.getAccount(own.id!)).attributes?.department, 'Restored edit', 'Apply went to the tab\'s account');
      assert.deepEqual((await client.getAccount(other.id!)).attributes, otherBefore.attributes, 'the other account is untouched');
    });
  });

  describe('accounts that are not flat-file', () => {
    it('open read-only with the reason, and attribute edits are never sent', async () => {
      await open(directory);
      const handle = editorOf(directory);
      assert.match(handle.loaded?.readOnlyReason ?? '', /flat-file/);
      const before = await client.getAccount(directory.id!);
      const name = Object.keys(before.attributes ?? {})[0];
      ui.answer([true]);
      try {
        await handle.receive({ type: 'apply', requestId: 3, draft: draftWith(handle.loaded!, name, 'Not allowed') });
      } finally {
        ui.stopAnswering();
      }
      assert.deepEqual(asked(ui), [], 'nothing to confirm: attribute edits are dropped, correlation unchanged');
      assert.deepEqual((await client.getAccount(directory.id!)).attributes, before.attributes);
    });
  });
});
