// The Activity view after the worst moments of a bulk run, in a real VS Code in Chromium: the
// window reloaded mid-run, the extension host killed mid-run, and a run with mixed outcomes
// (its picture is kept for the README). The sandbox tenant runs in this test's own process and
// is handed to the extension as npm start's preconfigured tenant, so it outlives every
// extension host, and its ledger (every change request it received, and what became of it) is
// the ground truth each journal entry is held against.
//
// The sandbox is paced like a tenant at work: every answer comes 500 ms late, a disable is a
// task that ends 2 s after it was taken on, and ISC's 100 requests per 10 s limit holds (the
// extension paces itself to 95). A bulk disable of 40 accounts then takes about half a minute.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { countStates, type JournalEntry, type JournalItem } from '../../src/journal';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { PRECONFIGURED_TENANT_ID } from '../../src/tenants/preconfigured-setup';
import { countsText } from '../../src/activity/activity-presentation';
import { killExtensionHost, waitForExtensionHost } from './support/extension-host-process';
import { journalEntries, tenantJournalFolder } from './support/journal-files';
import { keepForReadme } from './support/readme-screenshots';
import { sandboxTenantEnv } from './support/sandbox-tenant';
import { answerDialog, contextMenuPick, description, expandPane, expandRow, paneRows, rowLabelled, viewPane, widenSideBar } from './support/side-bar';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

const TENANT_LABEL = 'E2E sandbox';
const SOURCE = 'Active Directory';
const BULK = 40;
const BULK_TITLE = `Disable accounts (${BULK})`;

/** Marked as cut off by the restart, not settled yet. */
function isCutOff(item: JournalItem): boolean {
  return item.outcome?.evidence.kind === 'none' && item.outcome.evidence.detail === 'interrupted';
}

describe('Activity view in the browser', function () {
  this.timeout(300_000);
  let sandbox: SandboxHandle;
  let vscode: VsCodeInBrowser;
  let page: Page;
  let journalFolder: string;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 300, identities: 120, taskDurationMs: 2_000, faults: { latencyMs: 500 } });
    // Every account of the source enabled: each disable then changes what the ledger and a read-back see.
    const source = sandbox.tenant.largeSource();
    for (const account of sandbox.tenant.accountsOfSource(source.id)) {
      if (account.disabled || account.locked) sandbox.tenant.updateAccount(account.id, { disabled: false, locked: false });
    }
    vscode = await launchVsCode({
      env: sandboxTenantEnv(sandbox, TENANT_LABEL),
      settings: { 'workbench.sideBar.location': 'left', 'iscAccounts.readBackWindowSeconds': 8 },
      // As users run it: in development mode a crashed extension host ends the session.
      installed: true,
    });
    page = vscode.page;
    await page.setViewportSize({ width: 1500, height: 940 });
    journalFolder = tenantJournalFolder(vscode.userDataDir, vscode.extensionId, PRECONFIGURED_TENANT_ID);
    await vscode.openView('iscAccounts');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
    await sandbox?.close();
  });

  interface Run {
    entryId: string;
    mark: number;
    started: number;
    /** The entry as the journal had it when the run was cut off. */
    atCut?: JournalEntry;
  }

  /**
   * Selects `count` accounts of the source from the keyboard (after the first `skip`), as a
   * person does with Shift+Down.
   */
  async function selectAccounts(skip: number, count: number): Promise<void> {
    const explorer = viewPane(page, 'Accounts');
    await expandRow(rowLabelled(explorer, TENANT_LABEL, 1));
    const source = rowLabelled(explorer, SOURCE, 2);
    // A click toggles the row: the keyboard opens it again if that closed it.
    await source.click();
    if ((await source.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
    await paneRows(explorer, 3).first().waitFor({ state: 'visible', timeout: 60_000 });
    // The arrows move the focus, not the selection: the first account is clicked (which opens
    // its entitlements, closed again), and the selection grows from it with Shift+Down.
    for (let i = 0; i <= skip; i++) await page.keyboard.press('ArrowDown');
    const focused = paneRows(explorer, 3).and(page.locator('.focused'));
    await focused.click();
    if ((await focused.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('ArrowLeft');
    for (let i = 1; i < count; i++) await page.keyboard.press('Shift+ArrowDown');
    assert.equal(await paneRows(explorer, 2).and(page.locator('.selected')).count(), 0, 'no source row is in the selection');
  }

  /** Runs Disable Account from the context menu of the selection; resolves once the run is journaled. */
  async function disableSelected(count: number): Promise<Run> {
    const known = new Set(journalEntries(journalFolder).map((entry) => entry.id));
    const mark = sandbox.ledger.mark();
    const started = Date.now();
    await contextMenuPick(paneRows(viewPane(page, 'Accounts'), 3).and(page.locator('.focused')), 'Disable Account');
    const entry = await waitForEntry((candidate) => !known.has(candidate.id) && candidate.bulk, 'the bulk run to be journaled');
    assert.equal(entry.items.length, count, `the run has every selected account (${entry.title})`);
    return { entryId: entry.id, mark, started };
  }

  async function disableFromExplorer(skip: number, count: number): Promise<Run> {
    await selectAccounts(skip, count);
    return disableSelected(count);
  }

  async function waitForEntry(test: (entry: JournalEntry) => boolean, what: string, timeoutMs = 60_000): Promise<JournalEntry> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = journalEntries(journalFolder).find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await page.waitForTimeout(100);
    }
  }

  /** Waits until some changes are applied, some in flight, and many not sent yet. */
  async function waitUntilMidRun(run: Run): Promise<JournalEntry> {
    const seen: string[] = [];
    return waitForEntry((entry) => {
      if (entry.id !== run.entryId) return false;
      const counts = countStates(entry);
      const now = `${counts.applied}/${counts['in-progress']}/${counts.queued}`;
      if (seen.at(-1) !== now) seen.push(now);
      return counts.applied >= 1 && counts['in-progress'] >= 2 && counts.queued >= 10;
    }, 'the run to be under way').catch((error: Error) => {
      throw new Error(`${error.message} (applied/in progress/queued: ${seen.join(' ')})`);
    });
  }

  /** Each item as the ledger has it: nothing received twice, applied exactly when the ledger says applied. */
  function assertAgreesWithLedger(entry: JournalEntry, mark: number): void {
    for (const item of entry.items) {
      const accountId = item.target.accountId!;
      const received = sandbox.ledger.entries({ since: mark, kind: 'disable', accountId });
      assert.ok(received.length <= 1, `${accountId} was sent ${received.length} times`);
      const applied = received.some((change) => change.state === 'applied');
      assert.equal(item.state === 'applied', applied, `item ${item.index} (${accountId}) is ${item.state}; the ledger: ${JSON.stringify(received.map((r) => r.state))}`);
      if (item.state === 'not-sent') assert.equal(received.length, 0, `item ${item.index} is not sent, yet ISC received it`);
    }
  }

  /** The newest entry's row in the Activity view, once its description matches. */
  async function newestEntryRow(pattern: RegExp, timeoutMs = 60_000) {
    const activity = viewPane(page, 'Activity');
    await expandPane(activity);
    const row = paneRows(activity, 1).first();
    const deadline = Date.now() + timeoutMs;
    const seen = new Set<string>();
    for (;;) {
      const text = await description(row);
      seen.add(text);
      if (pattern.test(text)) return row;
      if (Date.now() > deadline) throw new Error(`the newest Activity row never matched ${pattern}; it showed: ${[...seen].join(' | ')}`);
      await page.waitForTimeout(50);
    }
  }

  /** After the cut: what was in flight shows as such, then settles; Resume sends the rest, once. */
  async function settleAndResume(run: Run): Promise<void> {
    const row = await newestEntryRow(/may have been applied/);
    assert.match(await row.locator('.label-name').innerText(), new RegExp(`^${BULK_TITLE.replace(/[()]/g, '\\$&')}`));
    const settled = await waitForEntry(
      (entry) => entry.id === run.entryId && entry.items.every((item) => item.state !== 'queued' && item.state !== 'in-progress' && !isCutOff(item)),
      'the interrupted items to settle',
    );
    const interrupted = settled.items.filter((item) => item.interrupted);
    assert.ok(interrupted.length > 0, 'the cut interrupted some items');
    assertAgreesWithLedger(settled, run.mark);
    const neverSent = settled.items.filter((item) => item.state === 'not-sent');
    assert.ok(neverSent.length > 0, 'some items were never sent');
    console.log(`      at the cut: ${countsText(run.atCut!)}; settled: ${countsText(settled)}`);
    assert.ok(neverSent.every((item) => item.sentAt === undefined), 'an item not sent has no in-flight record');
    await newestEntryRow(new RegExp(`^${countsText(settled).replace(/[()]/g, '\\$&')}`));

    const resumedFrom = sandbox.ledger.mark();
    await contextMenuPick(await newestEntryRow(/not sent/), 'Resume');
    const asked = await answerDialog(page, 'Resume');
    const done = await waitForEntry((entry) => entry.id === run.entryId && neverSent.every((item) => entry.items[item.index].state === 'applied'), 'the resumed items to be applied', 90_000);
    const resent = sandbox.ledger.entries({ since: resumedFrom, kind: 'disable' }).map((change) => change.accountId).sort();
    assert.deepEqual(resent, neverSent.map((item) => item.target.accountId).sort(), 'Resume sent exactly the items never sent');
    assertAgreesWithLedger(done, run.mark);
    assert.match(asked, new RegExp(`send the ${neverSent.length} changes never sent`));
    const unproven = done.items.filter((item) => item.state !== 'applied');
    // A change journaled as in flight whose request had not yet left (paced by the rate limit)
    // stays "may have been applied" after reading back: true, and never sent again on its own.
    assert.ok(unproven.every((item) => item.state === 'unknown' && sandbox.ledger.count({ since: run.mark, accountId: item.target.accountId }) === 0));
    await newestEntryRow(new RegExp(`^${countsText(done).replace(/[()]/g, '\\$&')}`));
    console.log(`      ${BULK} accounts: ${interrupted.length} interrupted, ${neverSent.length} resumed, ${BULK - unproven.length} disabled exactly once, ${unproven.length} left unknown (never reached ISC); ${Math.round((Date.now() - run.started) / 1000)} s`);
  }

  it('a window reload mid-run: what was in flight settles by evidence, and Resume sends only what was never sent', async () => {
    const run = await disableFromExplorer(0, BULK);
    run.atCut = await waitUntilMidRun(run);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await settleAndResume(run);
  });

  it('the extension host killed mid-run, then restarted: in-flight items settle against the ledger, Resume sends only what was never sent', async () => {
    const run = await disableFromExplorer(BULK, BULK);
    run.atCut = await waitUntilMidRun(run);
    const killed = await killExtensionHost(vscode.serverPid);
    // The workbench restarts a crashed extension host by itself; after three crashes in five
    // minutes it asks instead ("Restart Remote Extension Host").
    const restarted = await waitForExtensionHost(vscode.serverPid, { not: killed, timeoutMs: 20_000 }).catch(async () => {
      await page.locator('.notifications-toasts').getByRole('button', { name: /Restart/ }).first().click();
      return waitForExtensionHost(vscode.serverPid, { not: killed });
    });
    assert.notEqual(restarted, killed);
    await settleAndResume(run);
  });

  it('mixed outcomes, shown for the README: applied, not applied with ISC\'s reason, and may have been applied', async () => {
    const mixed = 8;
    await selectAccounts(2 * BULK, mixed);
    const names = await paneRows(viewPane(page, 'Accounts'), 3).and(page.locator('.selected')).locator('.label-name').allInnerTexts();
    const source = sandbox.tenant.largeSource();
    const [gone1, gone2, lost, unreadable] = names.map((name) => sandbox.tenant.accountsOfSource(source.id).find((account) => account.name === name.trim())!);
    // Deleted by someone else since the tree was loaded: ISC says no (404).
    sandbox.tenant.removeAccount(gone1.id);
    sandbox.tenant.removeAccount(gone2.id);
    // A 503 to a change: it may have been applied; reading it back for the window cannot tell.
    sandbox.faults.next({ path: `/accounts/${lost.id}/disable`, fate: 'server-error' });
    // Taken on, but the answer lost: reading it back proves it applied.
    sandbox.faults.next({ path: `/accounts/${unreadable.id}/disable`, fate: 'drop-after-apply' });
    const run = await disableSelected(mixed);
    const done = await waitForEntry((entry) => entry.id === run.entryId && entry.items.every((item) => item.state !== 'queued' && item.state !== 'in-progress'), 'the mixed run to end', 60_000);
    assertAgreesWithLedger(done, run.mark);
    const state = (account: { id: string }) => done.items.find((item) => item.target.accountId === account.id)!.state;
    assert.deepEqual([gone1, gone2, lost, unreadable].map(state), ['not-applied', 'not-applied', 'unknown', 'applied']);
    assert.equal(countStates(done).applied, mixed - 3);

    const row = await newestEntryRow(/^5 applied, 2 not applied, 1 may have been applied/);
    const activity = viewPane(page, 'Activity');
    // The Activity gets the side bar to itself, wide enough to read; the run is opened.
    await viewPane(page, 'Accounts').locator('.pane-header').click();
    await widenSideBar(page, 760);
    await expandRow(row);
    const items = paneRows(activity, 2);
    await items.nth(mixed - 1).waitFor({ state: 'visible' });
    const shown = new Map<string, string>();
    for (const item of await items.all()) shown.set((await item.locator('.label-name').innerText()).trim(), await description(item));
    assert.match(shown.get(gone1.name) ?? '', /^not applied \(HTTP 404\): .*not found/, 'ISC\'s own words');
    assert.equal(shown.get(lost.name), 'may have been applied');
    assert.equal(shown.get(unreadable.name), 'applied');
    // Beside the list, the change that may have been applied, as the journal has it.
    await contextMenuPick(rowLabelled(activity, lost.name, 2), 'Show Details');
    await page.locator('.monaco-editor .view-lines', { hasText: '"state": "unknown"' }).waitFor({ state: 'visible', timeout: 20_000 });
    await page.mouse.move(1200, 880);
    // The restarted host may still be activating VS Code's own extensions; its status bar note goes.
    await page.locator('.part.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
    const kept = keepForReadme(await vscode.screenshot('activity-mixed'), 'activity');
    console.log(`      screenshot: ${kept}`);
    // Its tooltip: the facts, wrapped between words.
    await rowLabelled(activity, lost.name, 2).locator('.label-name').hover();
    await page.locator('.monaco-hover', { hasText: 'Evidence' }).waitFor({ state: 'visible', timeout: 10_000 });
    console.log(`      screenshot: ${await vscode.screenshot('activity-tooltip')}`);
  });
});
