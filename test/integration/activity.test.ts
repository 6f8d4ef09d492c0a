// The Activity view in the real VS Code: entries made through the real journal API against a
// sandbox tenant show at once and follow a bulk run live; Check Again, Send Again, Undo, Show
// Details and Copy Tracking Id act on them, each checked by the sandbox's own state and ledger.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { JournaledRun, type JournalEntry } from '../../src/journal';
import { accountPicker, run, until, withSetting } from './explorer-helpers';
import { activityTenant, entryNow, entryRow, entryRows, journaledChange, rowText, WINDOW, type ActivityFixture } from './activity-helpers';

describe('Activity view', function () {
  this.timeout(120_000);
  let fx: ActivityFixture;
  const { pick } = accountPicker(() => fx.sandbox);
  const ad = () => fx.sandbox.tenant.largeSource().id;
  const enabledAd = () => pick(ad(), (a) => !a.disabled && !a.locked);
  const ref = (entryId: string, index?: number) => ({ tenantId: fx.tenantId, entryId, ...(index === undefined ? {} : { index }) });

  before(async () => {
    fx = await activityTenant('activity-test');
  });
  after(async () => {
    await fx?.api.journal.removeTenant(fx.tenantId);
    await fx?.close();
  });
  afterEach(() => {
    fx.api.ui.stopAnswering();
    fx.sandbox.faults.clearRules();
  });

  it('shows a change at once, newest first: when, tenant, target, action, outcome, task in the tooltip', async () => {
    const account = enabledAd();
    const entryId = await journaledChange(fx, { kind: 'lifecycle', action: 'disable', accountId: account.id }, { accountName: account.name });
    const rows = await entryRows(fx.api, fx.tenantId);
    assert.equal(rows[0].id, `activity/${fx.tenantId}/${entryId}`, 'the newest entry comes first');
    const row = rowText(rows[0]);
    assert.equal(row.label, `Disable ${account.name}`);
    assert.match(row.description, /^applied · \d\d:\d\d:\d\d/);
    assert.ok(row.description.includes(fx.label) || rows[0].parent?.getTreeItem().label === fx.label, 'the tenant is named');
    assert.equal(row.contextValue, 'activity:entry:applied:undoable');
    assert.equal(row.icon, 'pass');
    const task = (await entryNow(fx.api, fx.tenantId, entryId)).items[0].taskId!;
    for (const fact of [account.id, account.name, fx.label, task, 'SUCCESS']) assert.ok(row.tooltip.includes(fact), `the tooltip names ${fact}: ${row.tooltip}`);
  });

  it('a refused PATCH shows ISC’s reason, the body sent and the tracking id, which Copy Tracking Id copies', async () => {
    const account = enabledAd();
    const operations = [{ op: 'replace' as const, path: '/attributes/mail', value: 'refused@example.com' }];
    const entryId = await journaledChange(fx, { kind: 'patch', accountId: account.id, operations });
    const [item] = (await entryNow(fx.api, fx.tenantId, entryId)).items;
    const row = rowText(await entryRow(fx.api, fx.tenantId, entryId));
    assert.match(row.description, /^not applied \(HTTP 400\): Operation 0: account attributes can only be modified/, JSON.stringify(item.outcome));
    assert.match(row.contextValue, /^activity:entry:not-applied:resendable:tracked$/);
    assert.equal(row.icon, 'error');
    assert.ok(row.tooltip.includes('Body sent') && row.tooltip.includes('refused@example.com'), row.tooltip);
    assert.ok(item.outcome?.trackingId && row.tooltip.includes(item.outcome.trackingId));

    fx.api.ui.answer([]);
    const copied = await run<string>('iscAccounts.activity.copyTrackingId', await entryRow(fx.api, fx.tenantId, entryId));
    assert.equal(copied, item.outcome!.trackingId);
    assert.equal(await vscode.env.clipboard.readText(), item.outcome!.trackingId);
  });

  it('follows a bulk run live: one entry, its items as children, counts as they settle', async () => {
    const accounts = [enabledAd(), enabledAd(), enabledAd()];
    const jr = await JournaledRun.begin(fx.api.journal, {
      tenantId: fx.tenantId,
      action: 'disable',
      title: `Disable accounts (${accounts.length})`,
      bulk: true,
      items: accounts.map((a) => ({ spec: { kind: 'lifecycle', action: 'disable', accountId: a.id }, target: { accountId: a.id, accountName: a.name } })),
    });
    const node = await entryRow(fx.api, fx.tenantId, jr.entryId);
    assert.match(rowText(node).description, /^running: 0 of 3 done \(3 queued\)/);
    assert.deepEqual(node.getChildren().map((child) => rowText(child).label), accounts.map((a) => a.name));
    const redrawn: string[] = [];
    const listening = fx.api.activity.onDidChangeTreeData((changed) => redrawn.push(changed?.id ?? '(all)'));
    try {
      await jr.send(0, fx.client, { window: WINDOW });
      await until(() => rowText(node).description.startsWith('running: 1 of 3 done (1 applied, 2 queued)'), 'the entry row to count the first item');
      assert.ok(redrawn.includes(node.id), 'the entry row itself was redrawn');
      for (const index of [1, 2]) await jr.send(index, fx.client, { window: WINDOW });
      await until(() => rowText(node).description.startsWith('3 applied'), 'the counts to reach 3 applied');
    } finally {
      listening.dispose();
    }
    assert.match(rowText(node).contextValue, /^activity:entry:applied:bulk:undoable$/);
    assert.deepEqual(node.getChildren().map((child) => rowText(child).contextValue), Array(3).fill('activity:item:applied:undoable'));
  });

  it('Check Again reads back what may have been applied, and sends nothing', async () => {
    const account = enabledAd();
    fx.sandbox.faults.next({ fate: 'drop-after-apply', method: 'POST', path: `/accounts/${account.id}/disable` });
    // The answer is lost, and no time is given to read back: "may have been applied".
    const entryId = await journaledChange(fx, { kind: 'lifecycle', action: 'disable', accountId: account.id }, {}, { windowMs: 0 });
    const row = rowText(await entryRow(fx.api, fx.tenantId, entryId));
    assert.match(row.description, /^may have been applied/);
    assert.match(row.contextValue, /:checkable:resendable/);
    const restore = await withSetting('readBackWindowSeconds', 5);
    try {
      fx.api.ui.answer([]);
      const result = await run<Array<{ index: number; outcome: string }>>('iscAccounts.activity.checkAgain', ref(entryId, 0));
      assert.deepEqual(result, [{ index: 0, outcome: 'applied' }]);
    } finally {
      await restore();
    }
    assert.match(rowText(await entryRow(fx.api, fx.tenantId, entryId)).description, /^applied/);
    assert.equal(fx.sandbox.ledger.count({ kind: 'disable', accountId: account.id }), 1, 'one request, never sent again');
    assert.match(fx.api.ui.notices('info')[0]?.message ?? '', /disabled/);
  });

  it('Send Again names the risk first; declined, it sends nothing; accepted, it is a new entry pointing back', async () => {
    const account = enabledAd();
    fx.sandbox.faults.next({ fate: 'server-error', method: 'POST', path: `/accounts/${account.id}/disable` });
    const entryId = await journaledChange(fx, { kind: 'lifecycle', action: 'disable', accountId: account.id }, {}, { windowMs: 50 });
    assert.equal((await entryNow(fx.api, fx.tenantId, entryId)).items[0].state, 'unknown');
    const mark = fx.sandbox.ledger.mark();
    const entriesBefore = (await fx.api.journal.entries(fx.tenantId)).length;

    fx.api.ui.answer([false]);
    assert.equal(await run('iscAccounts.activity.sendAgain', entryId), undefined);
    const [question] = fx.api.ui.transcript;
    assert.equal(question.kind, 'confirm');
    assert.match(question.detail ?? '', /may apply it twice/);
    assert.equal(fx.sandbox.ledger.count({ accountId: account.id, since: mark }), 0, 'declined: nothing reached the sandbox');
    assert.equal((await fx.api.journal.entries(fx.tenantId)).length, entriesBefore, 'declined: no new entry');

    fx.api.ui.answer(['Send Again']);
    const again = await run<JournalEntry>('iscAccounts.activity.sendAgain', ref(entryId));
    assert.deepEqual(again.origin, { entryId, why: 'send-again' });
    assert.equal(again.items[0].state, 'applied');
    assert.equal(fx.sandbox.ledger.applied({ kind: 'disable', accountId: account.id, since: mark }).length, 1);
    assert.equal(fx.sandbox.tenant.account(account.id)?.disabled, true);
  });

  it('Undo turns a disable into an enable, and that enable back into a disable', async () => {
    const account = enabledAd();
    const entryId = await journaledChange(fx, { kind: 'lifecycle', action: 'disable', accountId: account.id });
    assert.equal(fx.sandbox.tenant.account(account.id)?.disabled, true);
    fx.api.ui.answer([]);
    const undone = await run<JournalEntry>('iscAccounts.activity.undo', entryId);
    assert.deepEqual([undone.action, undone.origin, undone.items[0].state], ['enable', { entryId, why: 'undo' }, 'applied']);
    assert.equal(fx.sandbox.tenant.account(account.id)?.disabled, false);
    assert.equal(rowText(await entryRow(fx.api, fx.tenantId, undone.id)).label, `Undo: Enable ${account.name}`);
    const redone = await run<JournalEntry>('iscAccounts.activity.undo', ref(undone.id, 0));
    assert.equal(redone.action, 'disable');
    assert.equal(fx.sandbox.tenant.account(account.id)?.disabled, true);
  });

  it('Undo of a patch after a concurrent change shows the diff and asks; declined, the later value stays', async () => {
    const flat = fx.sandbox.tenant.flatFileSource();
    const account = pick(flat.id, () => true);
    const before = await fx.client.getAccount(account.id);
    const name = Object.keys(before.attributes ?? {}).find((key) => typeof before.attributes?.[key] === 'string' && key !== 'id')!;
    const entryId = await journaledChange(fx, { kind: 'patch', accountId: account.id, operations: [{ op: 'replace', path: `/attributes/${name}`, value: 'set by the change' }] });
    // Someone else changes the same value afterwards, outside the extension.
    await fx.client.patchAccount(account.id, [{ op: 'replace', path: `/attributes/${name}`, value: 'changed since' }]);
    const mark = fx.sandbox.ledger.mark();

    fx.api.ui.answer([undefined]);
    assert.equal(await run('iscAccounts.activity.undo', ref(entryId, 0)), undefined);
    const question = fx.api.ui.transcript.find((entry) => entry.kind === 'choice');
    assert.match(question?.message ?? '', /was changed after this change/);
    assert.ok(question?.detail?.includes(`/attributes/${name}`) && question.detail.includes('"changed since"'), question?.detail);
    assert.equal((await fx.client.getAccount(account.id)).attributes?.[name], 'changed since', 'declined: the later value stays');
    assert.equal(fx.sandbox.ledger.count({ accountId: account.id, since: mark }), 0, 'declined: nothing sent');

    fx.api.ui.answer(['Undo Anyway']);
    const undone = await run<JournalEntry>('iscAccounts.activity.undo', ref(entryId, 0));
    assert.equal(undone.items[0].state, 'applied');
    assert.equal((await fx.client.getAccount(account.id)).attributes?.[name], before.attributes?.[name], 'overwritten only when asked to');
  });

  it('Undo of a bulk run reads every account first; those changed since are named and can be left out', async () => {
    const accounts = [enabledAd(), enabledAd(), enabledAd()];
    const items = accounts.map((a) => ({ spec: { kind: 'lifecycle' as const, action: 'disable' as const, accountId: a.id }, target: { accountName: a.name } }));
    const jr = await JournaledRun.begin(fx.api.journal, { tenantId: fx.tenantId, action: 'disable', title: 'Disable accounts (3)', bulk: true, items });
    for (const index of jr.indexes) await jr.send(index, fx.client, { window: WINDOW });
    // Someone enables the second account again in the meantime.
    await fx.client.enableAccount(accounts[1].id);
    await until(() => fx.sandbox.tenant.account(accounts[1].id)?.disabled === false, 'the concurrent enable to apply');
    const mark = fx.sandbox.ledger.mark();

    fx.api.ui.answer(['Undo the 2 Unchanged']);
    const undone = await run<JournalEntry>('iscAccounts.activity.undo', await entryRow(fx.api, fx.tenantId, jr.entryId));
    const question = fx.api.ui.transcript.find((entry) => entry.kind === 'choice');
    assert.match(question?.message ?? '', /^1 of 3 accounts were changed after "Disable accounts \(3\)"/);
    assert.ok(question?.detail?.includes(accounts[1].name), question?.detail);
    assert.deepEqual([undone.bulk, undone.origin?.why, undone.items.map((item) => item.state)], [true, 'undo', ['applied', 'applied']]);
    assert.deepEqual(accounts.map((a) => fx.sandbox.tenant.account(a.id)?.disabled), [false, false, false]);
    assert.equal(fx.sandbox.ledger.count({ kind: 'enable', since: mark }), 2);
    assert.equal(fx.sandbox.ledger.count({ accountId: accounts[1].id, since: mark }), 0, 'the account changed since was left alone');
  });

  it('Show Details opens the entry, or one item of it, as read-only JSON', async () => {
    const account = enabledAd();
    const entryId = await journaledChange(fx, { kind: 'lifecycle', action: 'disable', accountId: account.id });
    fx.api.ui.answer([]);
    const document = await run<vscode.TextDocument>('iscAccounts.activity.showDetails', entryId);
    assert.equal(document.uri.scheme, 'isc-report');
    assert.equal(document.languageId, 'json');
    const shown = JSON.parse(document.getText()) as JournalEntry;
    assert.equal(shown.id, entryId);
    assert.equal(shown.items[0].spec.kind, 'lifecycle');
    const itemDocument = await run<vscode.TextDocument>('iscAccounts.activity.showDetails', ref(entryId, 0));
    const { entry, item } = JSON.parse(itemDocument.getText()) as { entry: JournalEntry; item: JournalEntry['items'][number] };
    assert.deepEqual([entry.id, item.index, item.state], [entryId, 0, 'applied']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('from the palette, asks which entry among those the command applies to', async () => {
    const applied = enabledAd();
    const appliedId = await journaledChange(fx, { kind: 'lifecycle', action: 'disable', accountId: applied.id }, { accountName: applied.name });
    const refused = enabledAd();
    const refusedId = await journaledChange(fx, { kind: 'patch', accountId: refused.id, operations: [{ op: 'replace', path: '/attributes/mail', value: 'no@example.com' }] }, { accountName: refused.name });
    const refusedLabel = rowText(await entryRow(fx.api, fx.tenantId, refusedId)).label;
    fx.api.ui.answer([refusedLabel]);
    const copied = await run<string>('iscAccounts.activity.copyTrackingId');
    assert.equal(copied, (await entryNow(fx.api, fx.tenantId, refusedId)).items[0].outcome?.trackingId);
    const offered = fx.api.ui.transcript[0].items ?? [];
    assert.ok(offered.includes(refusedLabel), 'the refused change has a tracking id');
    assert.ok(!offered.includes(rowText(await entryRow(fx.api, fx.tenantId, appliedId)).label), 'an applied one has none, so it is not offered');
  });

  it('registers no iscAccounts.activity.* command beyond those package.json declares (other than VS Code’s own view commands)', async () => {
    const extension = vscode.extensions.getExtension('isc-accounts.isc-accounts')!;
    const declared = new Set((extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('iscAccounts.activity.'));
    const undeclared = registered.filter((id) => !declared.has(id));
    // The workbench adds these for every view; the activation test skips the view's whole prefix.
    assert.deepEqual(undeclared.filter((id) => !/^iscAccounts\.activity\.(focus|resetViewLocation|removeView|toggleVisibility|open)$/.test(id)), [], JSON.stringify(undeclared));
    assert.deepEqual([...declared].filter((id) => id.startsWith('iscAccounts.activity.') && !registered.includes(id)), []);
  });
});
