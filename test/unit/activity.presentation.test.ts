// How the Activity view shows entries and what its menus offer, decided without VS Code:
// labels, descriptions, icons, tooltip facts, and contextValues evaluated against
// package.json's own `when` clauses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { activityContextValue, entryCapabilities, itemCapabilities } from '../../src/activity/activity-capabilities';
import { bodyText, countsText, entryDescription, entryLabel, itemStateText, itemTooltipRows, stateIcon, whenText } from '../../src/activity/activity-presentation';
import type { ChangeSpec, ItemState, JournalEntry, JournalItem } from '../../src/journal';
import { menuCommandsFor, type MenuEntry } from '../../tools/testing/menu-when';

const AT = '2025-03-04T10:20:30.000Z';

function item(index: number, state: ItemState, spec: ChangeSpec, extra: Partial<JournalItem> = {}): JournalItem {
  return { index, spec, state, target: { accountId: `acc-${index}`, accountName: `user.${index}` }, updated: AT, ...extra };
}

function entry(items: JournalItem[], extra: Partial<JournalEntry> = {}): JournalEntry {
  return { id: 'e1', tenantId: 't1', action: 'disable', title: `Disable accounts (${items.length})`, created: AT, updated: AT, bulk: items.length > 1, items, ...extra };
}

const disable = (accountId = 'acc-0'): ChangeSpec => ({ kind: 'lifecycle', action: 'disable', accountId });
const flags = { kind: 'flags' as const, disabled: false, locked: false };
const applied = { outcome: 'applied' as const, evidence: { kind: 'answer' as const } };
const refused = { outcome: 'not-applied' as const, reason: 'The account is locked by ISC', trackingId: 'trk-42', evidence: { kind: 'answer' as const, status: 400 } };

// package.json's Activity menus, read as if the Activity view were the explorer (the shared
// evaluator knows one view), so a contextValue yields the commands its row offers.
const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
const activityMenu: MenuEntry[] = (manifest.contributes.menus['view/item/context'] as MenuEntry[])
  .filter((entry) => entry.when?.startsWith('view == iscAccounts.activity && '))
  .map((entry) => ({ ...entry, when: entry.when!.slice('view == iscAccounts.activity && '.length) }));
const offered = (contextValue: string) => [...new Set(menuCommandsFor(activityMenu, contextValue))].sort();

describe('Activity: rows', () => {
  it('a single change is labelled by what it did to whom; a bulk run by its title, with counts', () => {
    const single = entry([item(0, 'applied', disable(), { outcome: applied })], { title: 'Disabling user.0' });
    assert.equal(entryLabel(single), 'Disable user.0');
    const bulk = entry([item(0, 'applied', disable()), item(1, 'not-applied', disable('acc-1')), item(2, 'unknown', disable('acc-2')), item(3, 'applied', disable('acc-3'))]);
    assert.equal(entryLabel(bulk), 'Disable accounts (4)');
    assert.equal(countsText(bulk), '2 applied, 1 not applied, 1 may have been applied');
    assert.match(entryDescription(bulk, { tenantLabel: 'Acme' }), /^2 applied, 1 not applied, 1 may have been applied · .+ · Acme$/);
  });

  it('a running bulk run says how far it got', () => {
    const running = entry([item(0, 'applied', disable()), item(1, 'in-progress', disable('acc-1')), item(2, 'queued', disable('acc-2'))]);
    assert.equal(countsText(running), 'running: 1 of 3 done (1 applied, 1 in progress, 1 queued)');
  });

  it('an undo or a send-again entry says so', () => {
    const undo = entry([item(0, 'applied', { kind: 'lifecycle', action: 'enable', accountId: 'acc-0' })], { origin: { entryId: 'e0', why: 'undo' }, bulk: false });
    assert.equal(entryLabel(undo), 'Undo: Enable user.0');
  });

  it('a not-applied item shows ISC’s reason; the tooltip has the tracking id, task and body sent', () => {
    const patch: ChangeSpec = { kind: 'patch', accountId: 'acc-0', operations: [{ op: 'replace', path: '/attributes/mail', value: 'a@b' }] };
    const failed = item(0, 'not-applied', patch, { outcome: refused, taskId: 'task-7' });
    assert.equal(itemStateText(failed), 'not applied: The account is locked by ISC');
    const rows = new Map(itemTooltipRows(failed));
    assert.equal(rows.get('Tracking id'), 'trk-42');
    assert.equal(rows.get('Task id'), 'task-7');
    assert.equal(rows.get('Action'), 'Change the attributes of user.0');
    assert.equal(rows.get('Account'), 'user.0, id acc-0');
    assert.deepEqual(JSON.parse(bodyText(failed)!), patch.operations);
    assert.equal(bodyText(item(0, 'applied', disable())), undefined, 'no body for a POST without one');
  });

  it('a refusal shows ISC’s own words and status, not the request line the row already names', () => {
    const reason = 'ISC refused POST /v3/accounts/2c9180aa/disable: "Referenced account "2c9180aa" was not found." (404, tracking id trk-9). The account no longer exists or the id is wrong.';
    const gone = item(0, 'not-applied', disable(), { outcome: { ...refused, reason } });
    assert.equal(itemStateText(gone), 'not applied (HTTP 404): Referenced account "2c9180aa" was not found.');
    const silent = item(0, 'not-applied', disable(), { outcome: { ...refused, reason: 'ISC refused POST /v3/accounts/x/disable (409). ' } });
    assert.equal(itemStateText(silent), 'not applied (HTTP 409)');
    assert.equal(new Map(itemTooltipRows(gone)).get('Reason'), reason, 'the tooltip keeps all of it');
  });

  it('a correlation patch is called a correlation change', () => {
    const uncorrelate = entry([item(0, 'applied', { kind: 'patch', accountId: 'acc-0', operations: [{ op: 'remove', path: '/identityId' }] })], { bulk: false });
    assert.equal(entryLabel(uncorrelate), 'Change the correlation of user.0');
  });

  it('each state has its icon; a mixed run shows its most pressing part', () => {
    assert.deepEqual(stateIcon('applied'), { id: 'pass', color: 'testing.iconPassed' });
    assert.deepEqual(stateIcon('unknown'), { id: 'warning', color: 'list.warningForeground' });
    assert.deepEqual(stateIcon('not-applied'), { id: 'error', color: 'testing.iconFailed' });
    assert.equal(stateIcon('in-progress').id, 'loading~spin');
    assert.equal(stateIcon('mixed', { queued: 0, 'in-progress': 0, applied: 3, 'not-applied': 1, unknown: 1, 'not-sent': 0 }).id, 'warning');
    assert.equal(stateIcon('mixed', { queued: 0, 'in-progress': 0, applied: 3, 'not-applied': 1, unknown: 0, 'not-sent': 0 }).id, 'error');
    assert.equal(stateIcon('unknown', undefined, true).id, 'sync~spin', 'being checked');
  });

  it('when: the time today, the date another day', () => {
    const now = new Date(2025, 2, 4, 18, 0, 0);
    assert.equal(whenText(new Date(2025, 2, 4, 9, 5, 7).toISOString(), now), '09:05:07');
    assert.equal(whenText(new Date(2025, 1, 28, 9, 5, 7).toISOString(), now), '2025-02-28 09:05');
  });
});

describe('Activity: what the menus offer', () => {
  const never = () => false;

  it('an applied disable can be undone, not checked again or sent again', () => {
    const done = item(0, 'applied', disable(), { before: flags, outcome: applied });
    const value = activityContextValue('item', done.state, itemCapabilities(done, false));
    assert.equal(value, 'activity:item:applied:undoable');
    assert.deepEqual(offered(value), ['iscAccounts.activity.showDetails', 'iscAccounts.activity.undo']);
  });

  it('an unknown item can be checked again and sent again; not while it is being checked', () => {
    const maybe = item(0, 'unknown', disable(), { before: flags });
    const value = activityContextValue('item', maybe.state, itemCapabilities(maybe, false));
    assert.deepEqual(offered(value), ['iscAccounts.activity.checkAgain', 'iscAccounts.activity.sendAgain', 'iscAccounts.activity.showDetails']);
    const checking = activityContextValue('item', maybe.state, itemCapabilities(maybe, true), { checking: true });
    assert.ok(!offered(checking).includes('iscAccounts.activity.checkAgain'));
  });

  it('a refused change with a tracking id offers Send Again and Copy Tracking Id', () => {
    const failed = item(0, 'not-applied', disable(), { outcome: refused });
    assert.deepEqual(offered(activityContextValue('item', failed.state, itemCapabilities(failed, false))), [
      'iscAccounts.activity.copyTrackingId',
      'iscAccounts.activity.sendAgain',
      'iscAccounts.activity.showDetails',
    ]);
  });

  it('a redacted item is never sent again or undone', () => {
    const secret = item(0, 'unknown', disable(), { redacted: true });
    assert.equal(itemCapabilities(secret, false).resendable, false);
    assert.equal(itemCapabilities({ ...secret, state: 'applied', before: flags }, false).undoable, false);
  });

  it('a cut-off bulk run offers Resume for the items never sent; a running one offers nothing for all items', () => {
    const cut = entry([item(0, 'applied', disable(), { outcome: applied }), item(1, 'not-sent', disable('acc-1'), { interrupted: true })]);
    const value = activityContextValue('entry', 'mixed', entryCapabilities(cut, never), { bulk: true });
    assert.ok(offered(value).includes('iscAccounts.activity.resume'), value);
    const running = entry([item(0, 'in-progress', disable()), item(1, 'not-sent', disable('acc-1'))]);
    assert.deepEqual(offered(activityContextValue('entry', 'in-progress', entryCapabilities(running, never), { bulk: true })), ['iscAccounts.activity.showDetails']);
  });

  it('an item that was sent is never resumed', () => {
    const sent = entry([item(0, 'not-sent', disable(), { sentAt: AT }), item(1, 'applied', disable('acc-1'))]);
    assert.equal(entryCapabilities(sent, never).resumable, false);
  });
});
