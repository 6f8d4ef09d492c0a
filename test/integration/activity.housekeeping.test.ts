// The Activity beyond one entry, in the real VS Code: what a reload or a crash cut off settles
// in the background and resumes; Export writes JSON Lines and CSV without a secret or a token;
// Clear asks and keeps what is running; removing a tenant asks about its entries.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournaledRun, JournalStore, type JournalEntry } from '../../src/journal';
import { accountPicker, run, until, withSetting } from './explorer-helpers';
import { allText } from '../../tools/testing/folder-text';
import { activityTenant, entryNow, entryRow, entryRows, journaledChange, rowText, type ActivityFixture } from './activity-helpers';

describe('Activity housekeeping', function () {
  this.timeout(120_000);
  let fx: ActivityFixture;
  const { pick } = accountPicker(() => fx.sandbox);
  const enabledAd = () => pick(fx.sandbox.tenant.largeSource().id, (a) => !a.disabled && !a.locked);
  const disable = (accountId: string) => ({ kind: 'lifecycle' as const, action: 'disable' as const, accountId });

  before(async () => {
    fx = await activityTenant('activity-housekeeping');
  });
  after(async () => {
    await fx?.api.journal.removeTenant(fx.tenantId);
    await fx?.close();
  });
  afterEach(() => {
    fx.api.ui.stopAnswering();
  });

  it('after a reload, what was in flight settles in the background by evidence, and Resume sends only what was never sent', async () => {
    // Set first: the extension may open these files, and start settling, at any moment once they are there.
    const restore = await withSetting('readBackWindowSeconds', 1);
    try {
      const [reached, lost, never] = [enabledAd(), enabledAd(), enabledAd()];
      // The files another window's session leaves when it ends mid-run: written by a store of the
      // test's own in a scratch folder, then put beside the extension's own files.
      const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'isc-activity-session-'));
      const other = new JournalStore(scratch);
      const cut = await JournaledRun.begin(other, { tenantId: fx.tenantId, action: 'disable', title: 'Disable accounts (3)', bulk: true, items: [reached, lost, never].map((a) => ({ spec: disable(a.id), target: { accountName: a.name } })) });
      const flags = { kind: 'flags' as const, disabled: false, locked: false };
      const inFlight = { state: 'in-progress' as const, sentAt: new Date().toISOString(), before: flags };
      await other.updateItem({ tenantId: fx.tenantId, entryId: cut.entryId, index: 0 }, inFlight);
      await fx.client.disableAccount(reached.id);
      await until(() => fx.sandbox.tenant.account(reached.id)?.disabled === true, 'the request that reached ISC to apply');
      await other.updateItem({ tenantId: fx.tenantId, entryId: cut.entryId, index: 1 }, inFlight);
      await other.close();
      const tenantFolder = path.join(fx.api.journal.folder, fx.tenantId);
      await fs.mkdir(tenantFolder, { recursive: true });
      for (const name of await fs.readdir(path.join(scratch, fx.tenantId))) {
        if (name !== 'journal.jsonl' && name.endsWith('.jsonl')) await fs.copyFile(path.join(scratch, fx.tenantId, name), path.join(tenantFolder, name));
      }
      await fs.rm(scratch, { recursive: true, force: true });

      await run('iscAccounts.activity.refresh');
      // Settled: the first read back as applied, the second read back for the whole window.
      const settled = async () => {
        const items = (await entryNow(fx.api, fx.tenantId, cut.entryId)).items;
        return items[0].state === 'applied' && items[1].outcome?.evidence.kind === 'read-back' && !rowText(await entryRow(fx.api, fx.tenantId, cut.entryId)).contextValue.includes(':checking');
      };
      await until(settled, 'the interrupted items to settle', 20_000).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify((await entryNow(fx.api, fx.tenantId, cut.entryId)).items.map((item) => [item.state, item.outcome]))}`);
      });
      const entry = await entryNow(fx.api, fx.tenantId, cut.entryId);
      assert.deepEqual(entry.items.map((item) => [item.state, item.interrupted]), [['applied', true], ['unknown', true], ['not-sent', true]]);
      assert.equal(fx.sandbox.ledger.count({ accountId: lost.id }), 0, 'settling sent nothing');
      assert.equal(fx.sandbox.ledger.count({ accountId: reached.id }), 1);
      const node = await entryRow(fx.api, fx.tenantId, cut.entryId);
      assert.match(rowText(node).contextValue, /:resumable/);
      assert.deepEqual(node.getChildren().map((child) => rowText(child).description), ['applied', 'may have been applied', 'not sent']);

      fx.api.ui.answer([false]);
      assert.equal(await run('iscAccounts.activity.resume', node), undefined);
      assert.match(fx.api.ui.transcript[0].message ?? '', /send the 1 change never sent/);
      assert.equal(fx.sandbox.ledger.count({ accountId: never.id }), 0, 'declined: nothing sent');
      fx.api.ui.answer(['Resume']);
      const resumed = await run<JournalEntry>('iscAccounts.activity.resume', cut.entryId);
      assert.deepEqual(resumed.items.map((item) => item.state), ['applied', 'unknown', 'applied']);
      assert.equal(fx.sandbox.ledger.applied({ kind: 'disable', accountId: never.id }).length, 1);
      assert.equal(fx.sandbox.ledger.count({ accountId: lost.id }), 0, 'what may have been applied is never resumed');
    } finally {
      await restore();
    }
  });

  it('Export writes JSON Lines and CSV through the save dialog; a planted secret and token are in neither, nor in the journal', async () => {
    const token = ((await (await fetch(`${fx.sandbox.baseUrl}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: fx.sandbox.clientId, client_secret: fx.sandbox.clientSecret }) })).json()) as { access_token: string }).access_token;
    const secret = fx.sandbox.clientSecret;
    const flat = fx.sandbox.tenant.flatFileSource();
    const account = pick(flat.id, () => true);
    const planted = await journaledChange(
      fx,
      { kind: 'patch', accountId: account.id, operations: [{ op: 'add', path: '/attributes/note', value: `secret ${secret} and Bearer ${token}` }] },
      { label: `token ${token}` },
    );
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'isc-activity-export-'));
    try {
      fx.api.ui.answer(['JSON Lines', path.join(folder, 'activity.jsonl')]);
      const jsonl = await run<{ file: string; entries: number }>('iscAccounts.activity.export', { tenantId: fx.tenantId });
      assert.equal(fx.api.ui.transcript[1].kind, 'save');
      const lines = (await fs.readFile(jsonl.file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as JournalEntry);
      assert.equal(lines.length, jsonl.entries);
      assert.ok(lines.some((entry) => entry.id === planted));

      fx.api.ui.answer(['CSV', path.join(folder, 'activity.csv')]);
      const csv = await run<{ file: string }>('iscAccounts.activity.export');
      const text = await fs.readFile(csv.file, 'utf8');
      assert.match(text, /^entryId,created,updated,tenantId,/);
      assert.ok(text.includes(planted));

      const journalText = await allText(fx.api.journal.folder);
      for (const [where, content] of [['JSON Lines', JSON.stringify(lines)], ['CSV', text], ['journal folder', journalText]]) {
        assert.ok(!content.includes(secret), `the client secret is not in the ${where}`);
        assert.ok(!content.includes(token) && !content.includes(token.split('.')[2]), `the token is not in the ${where}`);
      }
      assert.ok(journalText.includes(planted), 'the journal folder was searched');
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('Clear asks first, and keeps an entry still running', async () => {
    await journaledChange(fx, disable(enabledAd().id));
    const running = await JournaledRun.begin(fx.api.journal, { tenantId: fx.tenantId, action: 'disable', title: 'still running', items: [{ spec: disable(enabledAd().id) }] });
    const count = (await fx.api.journal.entries(fx.tenantId)).length;
    try {
      fx.api.ui.answer([false]);
      assert.equal(await run('iscAccounts.activity.clear', { tenantId: fx.tenantId }), 0);
      assert.equal((await fx.api.journal.entries(fx.tenantId)).length, count, 'declined: nothing cleared');
      fx.api.ui.answer(['Clear']);
      assert.equal(await run('iscAccounts.activity.clear', { tenantId: fx.tenantId }), count - 1);
      assert.match(fx.api.ui.transcript[0].message ?? '', new RegExp(`Clear the Activity of ${fx.label} \\(${count} entries\\)`));
      assert.deepEqual((await entryRows(fx.api, fx.tenantId)).map((node) => node.id), [`activity/${fx.tenantId}/${running.entryId}`]);
    } finally {
      await running.notSent(0, 'the test is over');
    }
  });

  it('removing a tenant asks whether its Activity entries go too', async () => {
    const { api } = fx;
    const addTenant = async (id: string) => {
      await api.tenants.save({ id, label: `Activity ${id}`, baseUrl: fx.sandbox.baseUrl, clientId: fx.sandbox.clientId }, fx.sandbox.clientSecret);
      const client = await api.clients.forTenant(id);
      return journaledChange({ ...fx, tenantId: id, client }, disable(enabledAd().id));
    };
    const kept = await addTenant('activity-kept');
    api.ui.answer([true, undefined]);
    assert.equal(await run('iscAccounts.removeTenant', 'activity-kept'), false, 'Cancel on the second question removes nothing');
    assert.ok(api.tenants.get('activity-kept'));
    assert.match(api.ui.transcript[1].message ?? '', /Remove the 1 Activity entry of "Activity activity-kept" too\?/);

    api.ui.answer([true, 'Keep Its Activity']);
    assert.equal(await run('iscAccounts.removeTenant', 'activity-kept'), true);
    assert.equal(api.tenants.get('activity-kept'), undefined);
    const row = await entryRow(api, 'activity-kept', kept);
    assert.ok(rowText(row).description.includes('activity-kept (removed tenant)') || String(row.parent?.getTreeItem().label).includes('(removed tenant)'));
    await api.journal.removeTenant('activity-kept');

    await addTenant('activity-gone');
    api.ui.answer([true, 'Remove Its Activity']);
    assert.equal(await run('iscAccounts.removeTenant', 'activity-gone'), true);
    assert.ok(!(await api.journal.tenantIds()).includes('activity-gone'), 'its journal folder is gone');
  });
});
