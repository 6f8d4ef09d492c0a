// Edit Attributes of Selection / of Matching Accounts in the real VS Code, through the real
// commands with their script argument: the plan (changed, unchanged, skipped), Apply after one
// question, an account changed between plan and Apply skipped (never overwritten), Cancel then
// Resume from the Activity, undo per account and per run, bad input, and the sandbox's ledger
// showing each change applied exactly once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BulkPlanView } from '../../src/editor/shared/bulk-protocol';
import type { JournalEntry } from '../../src/journal';
import type { SandboxAccount } from '../../src/sandbox';
import type { AccountNode } from '../../src/tree/account-node';
import { accountIdOf, accountNodes, notices, run, sourceNode, until, withSetting } from './explorer-helpers';
import { activityTenant, type ActivityFixture } from './activity-helpers';

interface Report {
  summary?: string;
  report?: string;
  results: Array<{ accountId: string; label: string; outcome: string; reason?: string }>;
}

const SELECTION = 'iscAccounts.account.bulkEditAttributes';
const MATCHING = 'iscAccounts.source.bulkEditAttributes';

describe('Bulk attribute edit', function () {
  this.timeout(120_000);
  let fx: ActivityFixture;
  let used = 0;
  const flat = () => fx.sandbox.tenant.flatFileSource();
  /** Flat-file accounts no other test used, each holding `department` = Sales. */
  const fresh = (count: number): SandboxAccount[] => {
    const found = fx.sandbox.tenant.accountsOfSource(flat().id).slice(used, used + count);
    used += count;
    for (const account of found) setAttribute(account, 'department', 'Sales');
    return found;
  };
  const attributesOf = (account: SandboxAccount) => fx.sandbox.tenant.attributesOf(fx.sandbox.tenant.account(account.id)!);
  const setAttribute = (account: SandboxAccount, name: string, value: string) =>
    fx.sandbox.tenant.updateAccount(account.id, { storedAttributes: { ...attributesOf(account), [name]: value } });
  const patches = (account: SandboxAccount) => fx.sandbox.ledger.applied({ kind: 'patch', accountId: account.id }).length;
  const ids = (accounts: SandboxAccount[]) => accounts.map((account) => account.id);
  const latestEntry = async () => (await fx.api.journal.entries(fx.tenantId))[0];

  before(async () => {
    fx = await activityTenant('bulk-edit-test');
  });
  after(async () => {
    await fx?.api.journal.removeTenant(fx.tenantId);
    await fx?.close();
  });
  afterEach(() => fx.api.ui.stopAnswering());

  it('plans: changed accounts with their patch, unchanged listed, a non-flat-file account skipped; nothing sent', async () => {
    const [a, b, c] = fresh(3);
    setAttribute(c, 'department', 'Finance');
    const ad = fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id)[0];
    fx.api.ui.answer([]);
    const mark = fx.sandbox.ledger.mark();
    const { plan } = await run<{ plan: BulkPlanView }>(SELECTION, { tenantId: fx.tenantId, accountIds: [...ids([a, b, c]), ad.id], edit: { kind: 'set', attribute: 'department', value: 'Finance' } });
    assert.equal(plan.targets, 4);
    assert.equal(plan.changed, 2);
    assert.deepEqual(plan.examples.map((example) => [example.accountId, example.operations]), [
      [a.id, [{ op: 'replace', path: '/attributes/department', value: 'Finance' }]],
      [b.id, [{ op: 'replace', path: '/attributes/department', value: 'Finance' }]],
    ]);
    assert.deepEqual(plan.shapes, [{ shape: 'replace /attributes/department', count: 2 }]);
    assert.deepEqual(plan.unchanged.map((account) => account.accountId), [c.id]);
    assert.deepEqual(plan.skipped.map((account) => account.accountId), [ad.id]);
    assert.match(plan.skipped[0].reason, /^skipped: "Active Directory" is not a flat-file source/);
    assert.equal(plan.requests, 3, 'two PATCHes and one chunk read');
    assert.ok(plan.estimatedSeconds > 0);
    assert.equal(fx.sandbox.ledger.entries({ since: mark }).length, 0, 'planning sends no change');
    assert.deepEqual(fx.api.ui.transcript.filter((entry) => entry.kind === 'confirm'), [], 'planning asks nothing');
  });

  it('applies after one question; an account changed between plan and Apply is skipped and reported, not overwritten', async () => {
    const accounts = fresh(4);
    const stale = accounts[1];
    const explorerSource = await sourceNode(fx, 'Contractor Roster (CSV)');
    const row = (await accountNodes(fx, explorerSource)).find((node) => accountIdOf(node) === accounts[0].id) as AccountNode;
    // Hovered before the change: the row keeps the full account it read until it gets new data.
    assert.notEqual((await row.fullAccount()).attributes?.department, 'Legal');
    fx.api.ui.answer([
      () => {
        setAttribute(stale, 'department', 'HR'); // someone else, between the plan and Apply
        return true;
      },
    ]);
    const { plan, report } = await run<{ plan: BulkPlanView; report: Report }>(SELECTION, { tenantId: fx.tenantId, accountIds: ids(accounts), edit: { kind: 'set', attribute: 'department', value: 'Legal' }, apply: true });
    assert.equal(plan.changed, 4);
    const [question] = fx.api.ui.transcript;
    assert.equal(question.kind, 'confirm');
    assert.match(question.message ?? '', /^Apply 4 changes to /);
    assert.match(question.detail ?? '', /0 unchanged and 0 skipped are not sent/);
    const byId = new Map(report.results.map((result) => [result.accountId, result]));
    assert.equal(byId.get(stale.id)?.outcome, 'not-sent');
    assert.equal(byId.get(stale.id)?.reason, 'skipped: department changed since the plan (was "Sales", now "HR")');
    assert.equal(attributesOf(stale).department, 'HR', 'the newer value is kept');
    for (const account of accounts.filter((x) => x !== stale)) {
      assert.equal(byId.get(account.id)?.outcome, 'applied');
      assert.equal(attributesOf(account).department, 'Legal');
      assert.equal(patches(account), 1, 'applied exactly once');
    }
    assert.equal(patches(stale), 0);
    const entry = await latestEntry();
    assert.equal(entry.items.length, 4, 'one bulk entry for the tenant');
    assert.ok(entry.bulk);
    // The explorer's rows of the changed accounts show the new value (their tooltip reads it, not what was kept).
    await accountNodes(fx, explorerSource);
    await until(async () => (await row.fullAccount()).attributes?.department === 'Legal', 'the row to show the new value');
  });

  it('the report lists every account: the changed by outcome, the unchanged and the skipped with why', async () => {
    const [changed, same] = fresh(2);
    setAttribute(same, 'department', 'Audit');
    const ad = fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id)[1];
    fx.api.ui.answer([true]);
    const { report } = await run<{ report: Report }>(SELECTION, { tenantId: fx.tenantId, accountIds: [changed.id, same.id, ad.id], edit: { kind: 'set', attribute: 'department', value: 'Audit' }, apply: true });
    assert.match(fx.api.ui.transcript[0].detail ?? '', /1 account changed; 1 unchanged and 1 skipped are not sent\. 2 requests/);
    assert.deepEqual(report.results.map((result) => [result.accountId, result.outcome]), [[changed.id, 'applied']]);
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(report.report!))).getText();
    assert.match(text, /Plan: set department to "Audit" on 3 accounts: 1 changed, 1 unchanged, 1 skipped\./);
    assert.ok(text.includes(`Unchanged, not sent: 1\n\n- ${same.name} (${same.id})`), text);
    assert.ok(text.includes(`- ${ad.name} (${ad.id}) — skipped: "Active Directory" is not a flat-file source`), text);
    assert.match(text, /## Applied: 1/);
  });

  it('asks first: declined, nothing is sent', async () => {
    const accounts = fresh(2);
    fx.api.ui.answer([false]);
    const mark = fx.sandbox.ledger.mark();
    const result = await run<{ plan: BulkPlanView; report?: Report }>(SELECTION, { tenantId: fx.tenantId, accountIds: ids(accounts), edit: { kind: 'remove', attribute: 'department' }, apply: true });
    assert.equal(result.report, undefined);
    assert.equal(fx.sandbox.ledger.entries({ since: mark }).length, 0);
  });

  it('cancelled mid-run: what was not sent is "Cancelled before it was sent." and Resume from the Activity sends it, checked against its plan', async () => {
    const accounts = fresh(12);
    const restore = await withSetting('concurrency', 1);
    try {
      fx.api.ui.answer([
        () => {
          void (async () => {
            // Cancel as soon as Apply's progress shows (what Cancel on the notification does).
            while (fx.api.ui.cancelProgress() === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          })();
          return true;
        },
      ]);
      const { report } = await run<{ report: Report }>(SELECTION, { tenantId: fx.tenantId, accountIds: ids(accounts), edit: { kind: 'add-item', attribute: 'projects', item: 'Beta' }, apply: true });
      const notSent = report.results.filter((result) => result.outcome === 'not-sent');
      assert.ok(notSent.length > 0, 'some were never sent');
      for (const result of notSent) assert.equal(result.reason, 'Cancelled before it was sent.');
      const entry = await latestEntry();
      const never = entry.items.filter((item) => item.state === 'not-sent');
      assert.equal(never.length, notSent.length);
      // One of those never sent changes meanwhile: Resume must not overwrite it.
      const changedMeanwhile = accounts.find((account) => account.id === notSent[0].accountId)!;
      setAttribute(changedMeanwhile, 'projects', 'Alpha');

      fx.api.ui.answer(['Resume']);
      const resumed = await run<JournalEntry>('iscAccounts.activity.resume', entry.id);
      assert.equal(resumed.id, entry.id, 'resumed in place');
      const item = resumed.items.find((candidate) => candidate.spec.kind === 'patch' && candidate.spec.accountId === changedMeanwhile.id)!;
      assert.equal(item.state, 'not-sent');
      assert.equal(item.outcome?.reason, 'skipped: projects changed since the plan (was (none), now "Alpha")');
      for (const account of accounts) {
        if (account === changedMeanwhile) {
          assert.equal(patches(account), 0);
          assert.equal(attributesOf(account).projects, 'Alpha');
        } else {
          assert.equal(patches(account), 1, `${account.name} applied exactly once`);
          assert.deepEqual(attributesOf(account).projects, ['Beta']);
        }
      }
    } finally {
      await restore();
    }
  });

  it('undo per account and per run through the Activity', async () => {
    const accounts = fresh(3);
    fx.api.ui.answer([true]);
    await run(SELECTION, { tenantId: fx.tenantId, accountIds: ids(accounts), edit: { kind: 'set', attribute: 'department', value: 'Ops' }, apply: true });
    const entry = await latestEntry();
    assert.deepEqual(accounts.map((account) => attributesOf(account).department), ['Ops', 'Ops', 'Ops']);

    fx.api.ui.answer([]);
    const one = await run<JournalEntry>('iscAccounts.activity.undo', { tenantId: fx.tenantId, entryId: entry.id, index: 0 });
    assert.deepEqual([one.origin?.why, one.items.length, one.items[0].state], ['undo', 1, 'applied']);
    assert.deepEqual(accounts.map((account) => attributesOf(account).department), ['Sales', 'Ops', 'Ops']);

    // The run's first account is undone already (it no longer shows what the change set): the
    // undo of the run says so and offers the others.
    fx.api.ui.answer(['Undo the 2 Unchanged']);
    const rest = await run<JournalEntry>('iscAccounts.activity.undo', entry.id);
    assert.match(fx.api.ui.transcript[0].message ?? '', /^1 of 3 accounts were changed after/);
    assert.deepEqual([rest.items.length, ...rest.items.map((item) => item.state)], [2, 'applied', 'applied']);
    assert.deepEqual(accounts.map((account) => attributesOf(account).department), ['Sales', 'Sales', 'Sales']);
    for (const account of accounts) assert.equal(patches(account), 2, 'the change and its undo, once each');
  });

  it('Edit Attributes of Matching Accounts plans every account matching the source’s current filter', async () => {
    const source = await sourceNode(fx, 'Contractor Roster (CSV)');
    const [first] = fx.sandbox.tenant.accountsOfSource(flat().id);
    fx.api.ui.answer([`name eq "${first.name}"`]);
    await run('iscAccounts.source.filterAccounts', source);
    try {
      fx.api.ui.answer([]);
      const { plan } = await run<{ plan: BulkPlanView }>(MATCHING, { tenantId: fx.tenantId, sourceId: flat().id, edit: { kind: 'remove-item', attribute: 'projects', item: 'Nothing' } });
      assert.equal(plan.targets, 1);
      assert.deepEqual(plan.unchanged.map((account) => account.accountId), [first.id]);
    } finally {
      fx.api.ui.answer([]);
      await run('iscAccounts.source.clearFilter', source);
    }
    fx.api.ui.answer([]);
    const { plan } = await run<{ plan: BulkPlanView }>(MATCHING, { tenantId: fx.tenantId, sourceId: flat().id, edit: { kind: 'remove-item', attribute: 'projects', item: 'Nothing' } });
    assert.equal(plan.targets, fx.sandbox.tenant.accountsOfSource(flat().id).length);
  });

  it('bad edit input gives an error that says what is wrong; nothing is sent', async () => {
    const accounts = fresh(1);
    const mark = fx.sandbox.ledger.mark();
    for (const [edit, message] of [
      [{ kind: 'set', attribute: '', value: 'x' }, 'The attribute name is empty.'],
      [{ kind: 'rename', attribute: 'a' }, '"kind" must be one of "set", "remove", "add-item", "remove-item"; got "rename".'],
      [{ kind: 'add-item', attribute: 'groups', item: '' }, 'The item to add or remove is empty; give the text of the item.'],
    ] as const) {
      fx.api.ui.answer([]);
      assert.equal(await run(SELECTION, { tenantId: fx.tenantId, accountIds: ids(accounts), edit, apply: true }), undefined);
      assert.ok(notices(fx.api, 'error').some((notice) => notice.includes(message)), `${message} in ${notices(fx.api, 'error').join(' | ')}`);
    }
    fx.api.ui.answer([]);
    await run(SELECTION, { tenantId: fx.tenantId, accountIds: ['no-such-account'], edit: { kind: 'remove', attribute: 'x' } });
    assert.ok(notices(fx.api, 'error').some((notice) => /no longer in ISC \(no-such-account\); refresh the explorer and select again/.test(notice)));
    assert.equal(fx.sandbox.ledger.entries({ since: mark }).length, 0);
  });
});
