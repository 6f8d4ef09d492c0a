// The bulk attribute editor's tab in the real VS Code. The panel is the unit under test, so
// it is opened on a scripted BulkEditSession (the engine behind the real command has its own
// tests): the page loads and asks for its data, plan requests reach the session only when
// well-formed, only the latest plan can be applied, one Apply at a time, its progress and
// summary reach the page, and an Apply outlives its closed tab.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openBulkEditPanel, type BulkEditorHandle } from '../../src/editor/bulk-panel';
import type { BulkEditSession } from '../../src/editor/bulk-session';
import {
  BULK_EDITOR_VIEW_TYPE,
  type AttributeOverview,
  type BulkApplySummary,
  type BulkEdit,
  type BulkExtensionToWebview,
  type BulkPlanView,
} from '../../src/editor/shared/bulk-protocol';

const ATTRIBUTES: AttributeOverview[] = [
  { name: 'department', multiValued: false, distribution: [{ value: '"Sales"', count: 3 }, { value: '(none)', count: 1 }], otherValues: 0 },
  { name: 'groups', multiValued: true, distribution: [{ value: '["A"]', count: 4 }], otherValues: 0 },
];

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A session that records what the panel asks of it; each Apply waits until the test lets it finish. */
class ScriptedSession implements BulkEditSession {
  readonly title = 'Edit attributes of 4 accounts in Roster';
  readonly targets = 4;
  readonly planned: BulkEdit[] = [];
  readonly applied: string[] = [];
  planFailure: string | undefined;
  finishApply = deferred<BulkApplySummary | 'cancelled'>();
  applyFinished = false;
  overviewCalls = 0;

  overview(): AttributeOverview[] {
    this.overviewCalls++;
    return ATTRIBUTES;
  }

  async plan(edit: BulkEdit): Promise<BulkPlanView> {
    this.planned.push(edit);
    if (this.planFailure) throw new Error(this.planFailure);
    const n = this.planned.length;
    return {
      planId: `plan-${n}`,
      edit,
      targets: 4,
      changed: 2,
      examples: [{ accountId: 'a1', accountName: 'ada', operations: [{ op: 'replace', path: '/attributes/department', value: 'Finance' }] }],
      shapes: [{ shape: 'replace /attributes/department', count: 2 }],
      unchanged: [{ accountId: 'a3', accountName: 'cy' }],
      skipped: [{ accountId: 'a4', accountName: 'dee', reason: 'not a flat-file source' }],
      requests: 4,
      estimatedSeconds: 0.4,
    };
  }

  async apply(planId: string, progress: (message: string, done: number, total: number) => void): Promise<BulkApplySummary | 'cancelled'> {
    this.applied.push(planId);
    progress('ada', 1, 2);
    const result = await this.finishApply.promise;
    this.applyFinished = true;
    return result;
  }
}

function bulkTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(BULK_EDITOR_VIEW_TYPE));
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const SUMMARY: BulkApplySummary = { summary: 'Applied 2 of 2 changes.', applied: 2, notApplied: 0, unknown: 0, notSent: 0 };

describe('Bulk attribute editor panel (extension side)', function () {
  this.timeout(60_000);
  const extensionUri = vscode.extensions.getExtension('isc-accounts.isc-accounts')!.extensionUri;
  let session: ScriptedSession;
  let editor: BulkEditorHandle;
  let sent: BulkExtensionToWebview[];

  const sentOf = <T extends BulkExtensionToWebview['type']>(type: T) =>
    sent.filter((message): message is Extract<BulkExtensionToWebview, { type: T }> => message.type === type);

  beforeEach(async () => {
    session = new ScriptedSession();
    editor = await openBulkEditPanel({ extensionUri }, session);
    sent = [];
    editor.onDidPost((message) => sent.push(message));
  });

  afterEach(async () => {
    session.finishApply.resolve('cancelled');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a tab titled with the session, whose page asks for the targets and gets them', async () => {
    await until(() => bulkTabs().length === 1, 'the bulk editor tab');
    assert.equal(bulkTabs()[0].label, session.title);
    // openBulkEditPanel settles when the page's script has run and said ready: the overview went out then.
    assert.equal(session.overviewCalls, 1, 'the page asked for its data once');
    await editor.receive({ type: 'ready' });
    assert.deepEqual(sent, [{ type: 'overview', title: session.title, targets: 4, attributes: ATTRIBUTES }]);
  });

  it('passes a well-formed edit to the session, rebuilt from its known members, and shows the plan', async () => {
    assert.equal(await editor.receive({ type: 'plan', edit: { kind: 'set', attribute: 'department', value: 'Finance', extra: 1 } }), 'handled');
    assert.deepEqual(session.planned, [{ kind: 'set', attribute: 'department', value: 'Finance' }]);
    assert.equal(sentOf('plan')[0]?.plan.planId, 'plan-1');
  });

  it('answers a malformed edit with a plan error naming what is wrong, and never asks the session', async () => {
    const malformed = [
      { kind: 'rename', attribute: 'department' },
      { kind: 'remove', attribute: ['department'] },
      { kind: 'add-item', attribute: 'groups' },
      { kind: 'set', attribute: 'department', value: { nested: true } },
    ];
    for (const edit of malformed) assert.equal(await editor.receive({ type: 'plan', edit }), 'refused');
    assert.deepEqual(session.planned, []);
    assert.deepEqual(
      sentOf('plan-error').map((message) => message.message),
      [
        'The edit was refused: edit.kind is "rename", not one of set, remove, add-item, remove-item.',
        'The edit was refused: edit.attribute is not a string.',
        'The edit was refused: edit.item is not a string.',
        'The edit was refused: edit.value: The value of "department" is an object; attributes hold text, a number, true/false, empty (null), or a list of text.',
      ],
    );
  });

  it("relays the session's refusal of an edit as a plan error", async () => {
    session.planFailure = 'No target account holds groups as a list.';
    await editor.receive({ type: 'plan', edit: { kind: 'add-item', attribute: 'groups', item: 'B' } });
    assert.deepEqual(sentOf('plan-error'), [{ type: 'plan-error', message: 'No target account holds groups as a list.' }]);
  });

  it('refuses a plan that is not the latest, and an unknown one, without asking the session', async () => {
    await editor.receive({ type: 'plan', edit: { kind: 'remove', attribute: 'department' } });
    await editor.receive({ type: 'plan', edit: { kind: 'set', attribute: 'department', value: 'Finance' } });
    await editor.receive({ type: 'apply', planId: 'plan-1' });
    await editor.receive({ type: 'apply', planId: 'made-up' });
    assert.deepEqual(session.applied, []);
    assert.deepEqual(sentOf('error').map((message) => message.message), [
      'That plan is no longer the latest one. Show the plan again, check it, then apply.',
      'That plan is no longer the latest one. Show the plan again, check it, then apply.',
    ]);
  });

  it("applies the latest plan once, relays its progress and summary, and refuses a second Apply while it runs", async () => {
    await editor.receive({ type: 'plan', edit: { kind: 'set', attribute: 'department', value: 'Finance' } });
    const applying = editor.receive({ type: 'apply', planId: 'plan-1' });
    await until(() => session.applied.length === 1, 'the Apply to start');
    await editor.receive({ type: 'apply', planId: 'plan-1' });
    await editor.receive({ type: 'plan', edit: { kind: 'remove', attribute: 'department' } });
    assert.deepEqual(session.applied, ['plan-1'], 'the second Apply never reached the session');
    assert.equal(session.planned.length, 1, 'no plan is made while an Apply runs');
    session.finishApply.resolve(SUMMARY);
    await applying;
    assert.deepEqual(sent.filter((message) => message.type !== 'overview' && message.type !== 'plan'), [
      { type: 'progress', message: 'ada', done: 1, total: 2 },
      { type: 'error', message: 'Apply is already running.' },
      { type: 'plan-error', message: 'Wait for the running Apply to finish before planning another edit.' },
      { type: 'applied', result: SUMMARY },
    ]);
    await editor.receive({ type: 'apply', planId: 'plan-1' });
    assert.deepEqual(session.applied, ['plan-1'], 'an applied plan cannot be applied again');
  });

  it('keeps the plan applicable when the confirmation is declined', async () => {
    await editor.receive({ type: 'plan', edit: { kind: 'set', attribute: 'department', value: 'Finance' } });
    session.finishApply.resolve('cancelled');
    await editor.receive({ type: 'apply', planId: 'plan-1' });
    assert.equal(sentOf('apply-cancelled').length, 1);
    session.finishApply = deferred();
    session.finishApply.resolve(SUMMARY);
    await editor.receive({ type: 'apply', planId: 'plan-1' });
    assert.deepEqual(session.applied, ['plan-1', 'plan-1']);
    assert.deepEqual(sentOf('applied'), [{ type: 'applied', result: SUMMARY }]);
  });

  it('goes on applying when its tab is closed mid-apply', async () => {
    await editor.receive({ type: 'plan', edit: { kind: 'set', attribute: 'department', value: 'Finance' } });
    const applying = editor.receive({ type: 'apply', planId: 'plan-1' });
    await until(() => session.applied.length === 1, 'the Apply to start');
    editor.panel.dispose();
    await until(() => bulkTabs().length === 0, 'the tab to close');
    session.finishApply.resolve(SUMMARY);
    assert.equal(await applying, 'handled');
    assert.equal(session.applyFinished, true, 'the Apply ran to its end');
    assert.equal(sentOf('applied').length, 0, 'nothing is posted to a closed tab');
  });

  it("opens the finished Apply's report, and only that one", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'isc-bulk-report-'));
    try {
      await editor.receive({ type: 'open-report' });
      assert.deepEqual(sentOf('error'), [{ type: 'error', message: 'There is no report to open yet.' }]);
      const report = path.join(folder, 'bulk-report.md');
      writeFileSync(report, '# Bulk edit report\n');
      await editor.receive({ type: 'plan', edit: { kind: 'set', attribute: 'department', value: 'Finance' } });
      session.finishApply.resolve({ ...SUMMARY, report: vscode.Uri.file(report).toString() });
      await editor.receive({ type: 'apply', planId: 'plan-1' });
      await editor.receive({ type: 'open-report', report: 'file:///etc/passwd' });
      await until(() => vscode.window.activeTextEditor?.document.uri.fsPath === report, 'the report to open');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
