// Menus that fit the row, in the real VS Code against a sandbox tenant: a pending row offers
// Check Status and no change; a selection gets the action where it applies and the rest is
// reported skipped (the sandbox's ledger shows nothing sent for them); delete, remove and
// reassign ask once for a whole selection; Refresh re-reads an account row; Show Entitlements
// from the palette pages through all of an account's entitlements.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import {
  accountIdOf,
  accountNodes,
  children,
  contextOf,
  labelOf,
  menuCommandsFor,
  notices,
  run,
  sandboxTenant,
  sourceNode,
  until,
  type ExplorerNode,
  type SandboxTenantFixture,
} from './explorer-helpers';

const AD = 'Active Directory';
const FLAT_FILE = 'Contractor Roster (CSV)';

/** Every change action an account row can offer (the IDN ones are the identity's, not the row's). */
const CHANGE_ACTIONS = [
  'enable',
  'disable',
  'enableWithOptions',
  'disableWithOptions',
  'unlock',
  'reload',
  'editAttributes',
  'replaceAttributes',
  'reassign',
  'uncorrelate',
  'setManuallyCorrelated',
  'delete',
  'remove',
].map((action) => `iscAccounts.account.${action}`);

interface Report {
  summary?: string;
  report?: string;
  results: Array<{ accountId: string; label: string; outcome: string; reason?: string }>;
}

interface Status {
  inFlight: Array<{ label: string; started: string }>;
  now: string[];
  message: string;
}

describe('Menus that fit the row', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  const used = new Set<string>();
  const stored = (id: string) => fx.sandbox.tenant.account(id);
  /** Rows of a source matching a condition, none an earlier test used. */
  const rows = async (source: string, condition: (context: string) => boolean, count: number): Promise<ExplorerNode[]> => {
    const found = (await accountNodes(fx, await sourceNode(fx, source))).filter((n) => !used.has(accountIdOf(n)) && condition(contextOf(n))).slice(0, count);
    assert.equal(found.length, count, `${count} rows of ${source} to use`);
    for (const row of found) used.add(accountIdOf(row));
    return found;
  };
  const reportText = async (report: Report) => (await vscode.workspace.openTextDocument(vscode.Uri.parse(report.report!))).getText();

  before(async () => {
    fx = await sandboxTenant('menus-test');
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(() => {
    fx.api.ui.stopAnswering();
    fx.sandbox.faults.set({ taskDurationMs: 50 });
  });

  describe('a pending row', () => {
    it('offers Check Status and no change action; a second change is refused, and Check Status tells what runs and what ISC says', async () => {
      const [row, other] = await rows(AD, (c) => c.includes(':enabled') && !c.includes(':locked'), 2);
      const id = accountIdOf(row);
      fx.sandbox.faults.set({ taskDurationMs: 4_000 });
      fx.api.ui.answer([]);
      const disabling = run<Report>('iscAccounts.account.disable', row);
      await until(() => contextOf(row).includes(':pending'), 'the row to be pending');
      await until(() => fx.sandbox.ledger.count({ kind: 'disable', accountId: id }) > 0, 'the disable to reach ISC');

      const menu = menuCommandsFor(contextOf(row));
      assert.ok(menu.includes('iscAccounts.account.checkStatus'), menu.join(', '));
      assert.deepEqual(menu.filter((command) => CHANGE_ACTIONS.includes(command)), [], `no change on ${contextOf(row)}`);
      assert.ok(!menuCommandsFor(contextOf(other)).includes('iscAccounts.account.checkStatus'), 'Check Status only on pending rows');
      assert.ok(menuCommandsFor(contextOf(other)).includes('iscAccounts.account.disable'));
      // Every kind of row, once pending, alike.
      for (const state of ['account:flatfile:disabled:locked:correlated:manual:pending', 'account:enabled:uncorrelated:pending']) {
        assert.deepEqual(menuCommandsFor(state).filter((command) => CHANGE_ACTIONS.includes(command)), [], state);
        assert.ok(menuCommandsFor(state).includes('iscAccounts.account.checkStatus'), state);
      }

      const status = await run<Status>('iscAccounts.account.checkStatus', row);
      assert.deepEqual(status.inFlight.map((a) => a.label), ['Disable']);
      assert.deepEqual(status.now.slice(0, 1), ['enabled'], 'the task has not ended: ISC still says enabled');
      assert.match(status.message, /Disable is still running \(started \d\d:\d\d:\d\d\)\. ISC now says: enabled/);
      assert.ok(notices(fx.api, 'info').includes(status.message));
      assert.ok(fx.sandbox.requestLog().some((r) => r.method === 'GET' && r.path.endsWith(`/accounts/${id}`)), 'it read the account');
      assert.deepEqual(fx.sandbox.ledger.entries({ accountId: id }).map((e) => e.kind), ['disable'], 'Check Status sent nothing');

      // A script can still call the handlers: they refuse, and nothing more is sent.
      const mark = fx.sandbox.ledger.mark();
      await run('iscAccounts.account.enable', row);
      await run('iscAccounts.account.reload', row);
      assert.match(notices(fx.api, 'error').join('\n'), /Enable was not sent: .*Disable is still running \(started \d\d:\d\d:\d\d\)/);
      const bulk = await run<Report>('iscAccounts.account.reload', row, [row, other]);
      assert.equal(bulk.results.find((r) => r.accountId === id)?.reason?.startsWith('skipped: Disable is still running on it'), true, JSON.stringify(bulk.results));
      assert.deepEqual(fx.sandbox.ledger.entries({ since: mark }).map((e) => [e.kind, e.accountId]), [['reload', accountIdOf(other)]], 'only the other row was reloaded');

      assert.equal((await disabling).results[0].outcome, 'applied');
      assert.doesNotMatch(contextOf(row), /:pending/);
      const after = await run<Status>('iscAccounts.account.checkStatus', row);
      assert.deepEqual(after.inFlight, []);
      assert.match(after.message, /No change is in flight on it\. ISC now says: disabled/);
      assert.match(contextOf(row), /:disabled/);
    });
  });

  describe('a mixed selection', () => {
    it('Enable on 3 disabled and 2 enabled: 3 enabled, 2 skipped "already enabled", nothing sent for them', async () => {
      const disabled = await rows(AD, (c) => c.includes(':disabled'), 3);
      const enabled = await rows(AD, (c) => c.includes(':enabled'), 2);
      const selection = [enabled[0], ...disabled, enabled[1]];
      fx.api.ui.answer([]);
      const report = await run<Report>('iscAccounts.account.enable', selection[0], selection);
      assert.equal(report.summary, '3 enabled, 2 not sent');
      for (const row of disabled) assert.equal(stored(accountIdOf(row))!.disabled, false);
      for (const row of enabled) {
        const result = report.results.find((r) => r.accountId === accountIdOf(row))!;
        assert.deepEqual([result.outcome, result.reason], ['not-sent', 'skipped: it is already enabled']);
        assert.equal(fx.sandbox.ledger.count({ accountId: accountIdOf(row) }), 0, 'nothing sent for it');
      }
      assert.match(await reportText(report), /## Not sent: 2\n\n- .* — skipped: it is already enabled\n- .* — skipped: it is already enabled/);
      const [notice] = fx.api.ui.notices();
      assert.equal(notice.level, 'info', 'skipping on purpose is no warning');
      assert.match(notice.message!, /3 enabled, 2 not sent\. Of those not sent, 2 skipped: it is already enabled\./);
    });

    it('a selection where nothing applies says so and sends nothing', async () => {
      const unlocked = await rows(AD, (c) => !c.includes(':locked'), 2);
      const mark = fx.sandbox.ledger.mark();
      fx.api.ui.answer([]);
      const report = await run<Report>('iscAccounts.account.unlock', unlocked[0], unlocked);
      assert.deepEqual(report.results.map((r) => r.reason), ['skipped: it is not locked', 'skipped: it is not locked']);
      assert.equal(report.report, undefined, 'no report document: nothing ran');
      assert.deepEqual(fx.api.ui.transcript.map((e) => e.kind), ['notice'], 'not even asked for the unlock options');
      assert.match(notices(fx.api, 'info')[0], /Unlock accounts: nothing was sent; .* none of the 2 selected accounts \(2 skipped: it is not locked\)/);
      assert.equal(fx.sandbox.ledger.count({ since: mark }), 0);
    });

    it('Uncorrelate on a selection asks once and skips the uncorrelated ones', async () => {
      const correlated = await rows(AD, (c) => c.includes(':correlated'), 2);
      const [uncorrelated] = await rows(AD, (c) => c.includes(':uncorrelated'), 1);
      const selection = [...correlated, uncorrelated];
      fx.api.ui.answer([true]);
      const report = await run<Report>('iscAccounts.account.uncorrelate', selection[0], selection);
      assert.deepEqual(fx.api.ui.transcript.filter((e) => e.kind === 'confirm').map((e) => e.prompt), ['Uncorrelate 2 accounts from their identities?']);
      assert.equal(report.summary, '2 uncorrelated, 1 not sent');
      for (const row of correlated) assert.equal(stored(accountIdOf(row))!.identityId, null);
      assert.equal(report.results.find((r) => r.accountId === accountIdOf(uncorrelated))!.reason, 'skipped: it is not correlated with an identity');
      assert.equal(fx.sandbox.ledger.count({ accountId: accountIdOf(uncorrelated) }), 0);
    });
  });

  describe('delete, remove and reassign on a selection ask once, naming the count', () => {
    it('Delete: one question for the flat-file accounts; a direct-connect one is skipped with why', async () => {
      const flat = await rows(FLAT_FILE, () => true, 3);
      const [direct] = await rows(AD, () => true, 1);
      const selection = [...flat, direct];
      fx.api.ui.answer([true]);
      const report = await run<Report>('iscAccounts.account.delete', selection[0], selection);
      const confirms = fx.api.ui.transcript.filter((e) => e.kind === 'confirm');
      assert.deepEqual(confirms.map((e) => e.prompt), [`Delete 3 accounts from the flat-file source "${FLAT_FILE}"?`]);
      assert.equal(report.summary, '3 deleted, 1 not sent');
      for (const row of flat) assert.equal(stored(accountIdOf(row)), undefined, `${labelOf(row)} deleted`);
      assert.ok(stored(accountIdOf(direct)), 'the direct-connect account is still there');
      assert.equal(report.results.find((r) => r.accountId === accountIdOf(direct))!.reason, `skipped: it is on "${AD}", not on a flat-file source`);
      assert.equal(fx.sandbox.ledger.count({ accountId: accountIdOf(direct) }), 0);
      const left = (await accountNodes(fx, await sourceNode(fx, FLAT_FILE))).map(accountIdOf);
      for (const row of flat) assert.ok(!left.includes(accountIdOf(row)), 'the deleted rows are gone from the tree');
    });

    it('Remove: one question; Cancel sends nothing, Remove removes them all', async () => {
      const selection = await rows(AD, () => true, 3);
      const mark = fx.sandbox.ledger.mark();
      fx.api.ui.answer([false]);
      assert.equal(await run('iscAccounts.account.remove', selection[0], selection), undefined);
      assert.equal(fx.sandbox.ledger.count({ since: mark }), 0, 'Cancel sent nothing');
      fx.api.ui.answer([true]);
      const report = await run<Report>('iscAccounts.account.remove', selection[0], selection);
      assert.deepEqual(fx.api.ui.transcript.filter((e) => e.kind === 'confirm').map((e) => e.prompt), [`Remove 3 accounts of "${AD}" from ISC?`]);
      assert.equal(report.summary, '3 removed from ISC');
      for (const row of selection) assert.equal(stored(accountIdOf(row)), undefined);
    });

    it('Reassign: one identity, one question; accounts it already owns are skipped', async () => {
      const selection = await rows(AD, (c) => c.includes(':correlated'), 3);
      const owner = fx.sandbox.tenant.identity(stored(accountIdOf(selection[2]))!.identityId!)!;
      fx.api.ui.answer([{ query: owner.name, pick: owner.name }, true]);
      const report = await run<Report>('iscAccounts.account.reassign', selection[0], selection);
      const asked = fx.api.ui.transcript.filter((e) => e.kind !== 'notice');
      assert.deepEqual(asked.map((e) => e.kind), ['search', 'confirm']);
      assert.equal(asked[1].prompt, `Reassign 2 accounts to ${owner.name}?`);
      for (const row of selection) assert.equal(stored(accountIdOf(row))!.identityId, owner.id);
      assert.equal(report.results.find((r) => r.accountId === accountIdOf(selection[2]))!.reason, `skipped: it already belongs to ${owner.name}`);
      assert.equal(fx.sandbox.ledger.count({ accountId: accountIdOf(selection[2]) }), 0);
    });
  });

  describe('Refresh on an account row', () => {
    it('is offered on the row, and re-reads the account and its entitlements after a change behind the extension', async () => {
      const [row] = await rows(AD, (c) => c.includes(':enabled') && !c.includes(':pending'), 1);
      assert.ok(menuCommandsFor(contextOf(row)).includes('iscAccounts.refresh'));
      const id = accountIdOf(row);
      const before = (await children(fx.api, row)).map(labelOf);
      const groups = fx.sandbox.tenant.entitlementsOfSource(fx.sandbox.tenant.largeSource().id).filter((e) => !before.includes(e.name)).slice(0, 2);
      fx.sandbox.tenant.updateAccount(id, { name: 'renamed.behind.the.back', disabled: true, entitlementIds: groups.map((e) => e.id) });
      assert.notEqual(labelOf(row), 'renamed.behind.the.back', 'the row does not know yet');

      await run('iscAccounts.refresh', row);
      assert.equal(labelOf(row), 'renamed.behind.the.back');
      assert.match(contextOf(row), /:disabled/);
      assert.deepEqual((await children(fx.api, row)).map(labelOf).sort(), groups.map((e) => e.name).sort());
    });
  });

  describe('Show Entitlements from the palette', () => {
    it('lists all of an account with more than 250 entitlements, the count in the title', async () => {
      const ad = fx.sandbox.tenant.largeSource();
      const account = fx.sandbox.tenant.accountsOfSource(ad.id).find((a) => !used.has(a.id))!;
      used.add(account.id);
      const now = Date.now();
      const many = Array.from({ length: 612 }, (_, index) =>
        fx.sandbox.tenant.addEntitlement({
          id: randomUUID().replace(/-/g, ''),
          sourceId: ad.id,
          name: `Bulk-Group-${String(index).padStart(3, '0')}`,
          attribute: 'memberOf',
          value: `CN=Bulk-Group-${index},OU=Groups,DC=corp,DC=acme,DC=com`,
          description: 'many entitlements for one account',
          type: 'group',
          privileged: false,
          requestable: true,
          created: now,
          modified: now,
        }),
      );
      fx.sandbox.tenant.updateAccount(account.id, { entitlementIds: many.map((e) => e.id) });
      // A second tenant makes the tenant pick appear; it is never contacted.
      await fx.api.tenants.save({ id: 'menus-other', label: 'Other tenant', baseUrl: 'https://other.api.identitynow.com', clientId: 'x' }, 'secret-other');
      try {
        fx.api.ui.answer([fx.label, AD, { query: account.name, pick: account.name, where: (i) => i.description?.startsWith(AD) === true }, undefined]);
        const listed = await run<Array<{ id: string }>>('iscAccounts.account.showEntitlements');
        assert.equal(listed.length, 612);
        assert.deepEqual(new Set(listed.map((e) => e.id)), new Set(many.map((e) => e.id)));
        const shown = fx.api.ui.transcript.find((e) => e.kind === 'pick' && e.title?.startsWith('Entitlements of'))!;
        assert.equal(shown.title, `Entitlements of ${account.name} (612)`);
        assert.equal(shown.items!.length, 612);
      } finally {
        await fx.api.tenants.remove('menus-other');
      }
    });
  });
});
