// The bulk attribute editor as a person uses it, in a real VS Code in Chromium: accounts of a
// flat-file source selected in the explorer, "Edit Attributes of Selection…" from the context
// menu, an edit typed into the form, and its plan read: changed, unchanged and skipped
// accounts, each patch as text. Then Apply, its summary, and the
// sandbox holding the new value on exactly the changed accounts. The plan's picture is kept
// for the README.
//
// The sandbox runs in this test's own process (handed to the extension as npm start's
// tenant), so the test knows each selected account's current value and can check the result
// without going through the extension.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { keepForReadme } from './support/readme-screenshots';
import { sandboxTenantEnv } from './support/sandbox-tenant';
import { answerDialog, contextMenuPick, expandPane, expandRow, paneRows, rowLabelled, viewPane, widenSideBar } from './support/side-bar';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

const TENANT_LABEL = 'E2E sandbox';
const FLAT_FILE_SOURCE = 'Contractor Roster (CSV)';
const SELECTED = 8;
/** Markup in the value: the plan must show it as the characters it is. */
const VALUE = 'Finance <b>EU</b>';

/** VS Code nests each webview in two iframes: the host frame, then the page's own. */
function bulkFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

describe('Bulk attribute editor in the browser', function () {
  this.timeout(300_000);
  let sandbox: SandboxHandle;
  let vscode: VsCodeInBrowser;
  let page: Page;
  let frame: FrameLocator;
  /** The selected accounts' names; which of them already hold the new value; which spell the attribute otherwise. */
  let selectedNames: string[];
  let alreadyHolding: string[];
  let otherSpelling: string[];

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 20, identities: 60 });
    vscode = await launchVsCode({
      env: sandboxTenantEnv(sandbox, TENANT_LABEL),
      // Short pages keep both sources' first accounts on one screen.
      settings: { 'workbench.sideBar.location': 'left', 'iscAccounts.pageSize': 8 },
    });
    page = vscode.page;
    await page.setViewportSize({ width: 1500, height: 940 });
    await vscode.openView('iscAccounts');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
    await sandbox?.close();
  });

  /** The sandbox's roster accounts, by the names the explorer shows. */
  function rosterAccounts(names: readonly string[]) {
    const source = sandbox.tenant.flatFileSource();
    return names.map((name) => {
      const found = sandbox.tenant.accountsOfSource(source.id).find((account) => account.name === name);
      assert.ok(found, `${name} is an account of ${source.name}`);
      return found;
    });
  }

  const attributesOf = (account: { id: string }) => sandbox.tenant.attributesOf(sandbox.tenant.account(account.id)!);

  it('opens from the context menu of a selection of roster accounts', async () => {
    const explorer = viewPane(page, 'Accounts');
    await expandPane(explorer);
    await expandRow(rowLabelled(explorer, TENANT_LABEL, 1));
    await expandRow(rowLabelled(explorer, FLAT_FILE_SOURCE, 2));
    const rows = paneRows(explorer, 3);
    await rows.nth(SELECTED - 1).waitFor({ state: 'visible', timeout: 60_000 });
    // A plain click starts the selection afresh (expanding the source selected it); it also
    // opens the account's entitlements, closed again from the keyboard. Ctrl+click adds the others.
    await rows.first().click();
    if ((await rows.first().getAttribute('aria-expanded')) === 'true') await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelectorAll('.monaco-list-row[aria-expanded="true"][aria-level="3"]').length === 0);
    for (let index = 1; index < SELECTED; index++) await rows.nth(index).click({ modifiers: ['ControlOrMeta'] });
    assert.equal(await rows.and(page.locator('.selected')).count(), SELECTED, 'the selection');
    assert.equal(await paneRows(explorer, 2).and(page.locator('.selected')).count(), 0, 'no source row is in the selection');
    selectedNames = await rows.locator('.label-name').evaluateAll((labels, count) => labels.slice(0, count).map((label) => label.textContent ?? ''), SELECTED);

    // The accounts differ: two already hold the value the edit sets (unchanged), and two were
    // loaded from a file whose header spells the column "Department" (ISC takes it as the same
    // attribute, so the plan skips them rather than add a second one).
    alreadyHolding = selectedNames.slice(1, 3);
    otherSpelling = selectedNames.slice(3, 5);
    for (const account of rosterAccounts(alreadyHolding)) {
      sandbox.tenant.updateAccount(account.id, { storedAttributes: { ...sandbox.tenant.attributesOf(account), department: VALUE } });
    }
    for (const account of rosterAccounts(otherSpelling)) {
      const { department, ...rest } = sandbox.tenant.attributesOf(account);
      sandbox.tenant.updateAccount(account.id, { storedAttributes: { ...rest, Department: department } });
    }

    await contextMenuPick(rows.and(page.locator('.focused')), 'Edit Attributes of Selection…');
    frame = bulkFrame(page);
    await frame.locator('#targets', { hasText: `${SELECTED} target accounts` }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await frame.locator('#targets').innerText(), new RegExp(`^${SELECTED} target accounts · \\d+ attributes seen on them$`));
    const title = await frame.locator('#title').innerText();
    await page.locator('.tabs-container .tab.active', { hasText: title }).waitFor({ state: 'visible' });
  });

  it('shows the chosen attribute’s current values as a distribution', async () => {
    await frame.getByLabel('Attribute', { exact: true }).fill('department');
    const distribution = frame.locator('#distribution table');
    await distribution.waitFor({ state: 'visible' });
    const text = await distribution.innerText();
    assert.match(text, /Current values of department/);
    assert.ok(text.includes(JSON.stringify(VALUE)), `the value the two accounts hold is listed as text: ${text}`);
    assert.equal(await frame.locator('b').count(), 0, 'no element was made from a value');
  });

  it('plans a Set for every selected account: changed, unchanged and skipped, with each patch as text', async () => {
    await frame.getByLabel('Operation', { exact: true }).selectOption('set');
    await frame.getByLabel('New value', { exact: true }).fill(VALUE);
    await frame.getByRole('button', { name: 'Show Plan' }).click();
    const counts = frame.locator('.plan-counts');
    await counts.waitFor({ state: 'visible', timeout: 30_000 });
    const changed = SELECTED - alreadyHolding.length - otherSpelling.length;
    assert.deepEqual(await counts.locator('.plan-count-number').allInnerTexts(), [String(changed), String(alreadyHolding.length), String(otherSpelling.length)]);
    assert.match(await frame.locator('#plan-cost').innerText(), /^\d+ requests to 8 target accounts: (under a second|about \d+ s) at the rate limit\.$/);

    const patches = await frame.locator('#patches .payload-body').allInnerTexts();
    assert.ok(patches.length >= 1 && patches.length <= changed);
    for (const patch of patches) {
      assert.deepEqual(JSON.parse(patch), [{ op: 'replace', path: '/attributes/department', value: VALUE }]);
    }
    assert.match(await frame.locator('#shapes').innerText(), new RegExp(`replace /attributes/department\\s*× ${changed}`));
    const unchanged = await frame.locator('#unchanged li .account-name').allInnerTexts();
    assert.deepEqual(unchanged.sort(), [...alreadyHolding].sort());
    const skipped = await frame.locator('#skipped li').allInnerTexts();
    assert.deepEqual(skipped.map((line) => otherSpelling.find((name) => line.startsWith(name))).sort(), [...otherSpelling].sort());
    assert.ok(skipped.every((line) => line.includes('"Department"')), `each skipped account says why: ${skipped.join(' | ')}`);
    assert.equal(await frame.locator('b').count(), 0, 'the patches show the value as characters');
    assert.equal(await frame.locator('#apply').isDisabled(), false);
    assert.match(await frame.locator('#apply').innerText(), new RegExp(`Apply to ${changed} accounts`));

    // The README's picture: the selection beside the plan, the side bar narrowed to leave the plan room.
    await widenSideBar(page, 400);
    // Off the sash, which shows itself while hovered.
    await page.mouse.move(900, 100);
    await page.locator('.monaco-sash.hover, .monaco-sash.active').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    keepForReadme(await vscode.screenshot('bulk-plan'), 'bulk-plan');
  });

  it('takes the plan away from Apply when the form changes, and gives it back when the form describes it again', async () => {
    const value = frame.getByLabel('New value', { exact: true });
    await value.fill('Something else');
    assert.equal(await frame.locator('#apply').isDisabled(), true);
    assert.equal(await frame.locator('.plan-counts').count(), 0, 'the plan for another edit is not shown');
    await value.fill(VALUE);
    assert.equal(await frame.locator('#apply').isDisabled(), false);
  });

  it('applies after the question, shows the summary, and the sandbox has the value on exactly the changed accounts', async () => {
    await frame.locator('#apply').click();
    const question = await answerDialog(page, 'Apply');
    assert.match(question, new RegExp(`Apply ${SELECTED - alreadyHolding.length - otherSpelling.length} changes`));
    const summary = frame.locator('#applied-counts');
    await summary.waitFor({ state: 'visible', timeout: 120_000 });
    const changed = SELECTED - alreadyHolding.length - otherSpelling.length;
    assert.match(await summary.innerText(), new RegExp(`^Applied\\s+${changed}\\s+Not applied\\s+0\\s+Unknown\\s+0\\s+Not sent\\s+0$`));
    const skippedNow = new Set(otherSpelling);
    for (const account of rosterAccounts(selectedNames)) {
      const attributes = attributesOf(account);
      if (skippedNow.has(account.name)) assert.equal(attributes.department, undefined, `${account.name} was skipped: no second attribute`);
      else assert.equal(attributes.department, VALUE, account.name);
    }
    assert.equal(await frame.locator('#apply').isDisabled(), true, 'an applied plan is spent');
    await vscode.screenshot('bulk-applied');
    await frame.getByRole('button', { name: 'Open Report' }).click();
    const bulkTab = (await page.locator('.tabs-container .tab.active').innerText()).trim();
    await page.locator('.tabs-container .tab.active').filter({ hasNotText: bulkTab }).waitFor({ state: 'visible', timeout: 20_000 });
    const refused = vscode.logs().filter((entry) => /Content.Security.Policy|Refused to (load|apply|execute|connect)/i.test(entry.text));
    assert.deepEqual(refused, [], 'the bulk editor needs nothing its CSP forbids');
  });
});
