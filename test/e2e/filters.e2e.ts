// Filter Accounts as a person types it, in a real VS Code in Chromium: the quick pick that stands
// in for an input box with completions. Typing offers completions; a misspelt field shows why
// on the first row with the fix below it; taking a row puts its text in the box; Enter applies
// a valid filter (the in-VS-Code tests drive the same command through the scripted Ui).
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { contextMenuPick, description, rowLabelled, viewPane, widenSideBar } from './support/side-bar';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

const AD = 'Active Directory';

describe('Filter Accounts in the browser: completions in a quick pick', function () {
  this.timeout(300_000);
  let vscode: VsCodeInBrowser;
  let page: Page;
  let input: Locator;
  let rows: Locator;

  /** Arrows down to the row showing `text` and presses Enter, as at the keyboard. */
  async function takeRow(text: string | RegExp): Promise<void> {
    await rows.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const focused = rows.and(page.locator('.focused'));
    const matches = (shown: string) => (typeof text === 'string' ? shown.includes(text) : text.test(shown));
    for (let step = 0; !matches(await focused.innerText().catch(() => '')); step++) {
      if (step >= 30) throw new Error(`no row showing ${String(text)} could be focused`);
      await input.press('ArrowDown');
    }
    await input.press('Enter');
  }

  before(async () => {
    vscode = await launchVsCode({ settings: { 'workbench.sideBar.location': 'left' } });
    page = vscode.page;
    input = page.locator('.quick-input-widget .quick-input-box input');
    rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await page.setViewportSize({ width: 1400, height: 860 });
    try {
      await vscode.openView('iscAccounts');
      await widenSideBar(page, 640);
      const accounts = viewPane(page, 'Accounts');
      // The welcome shows once the extension host has activated the extension, which on a loaded
      // machine can take longer than a click's 30 s; the next step allows as long.
      const connect = accounts.locator('.welcome-view-content').getByRole('button', { name: 'Connect to Sandbox Tenant' });
      await connect.waitFor({ state: 'visible', timeout: 120_000 });
      await connect.click();
      await rowLabelled(accounts, AD).waitFor({ state: 'visible', timeout: 120_000 });
    } catch (error) {
      // afterEach does not run when set-up fails: keep the screenshot and logs of this moment.
      await vscode.saveDiagnostics('Filter Accounts set-up');
      throw error;
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
  });

  it('offers completions, shows what is wrong with its fix, and applies the filter on Enter', async () => {
    const ad = rowLabelled(viewPane(page, 'Accounts'), AD);
    await contextMenuPick(ad, 'Filter Accounts…');
    await input.waitFor({ state: 'visible', timeout: 30_000 });

    await input.fill('na');
    await takeRow(/^nativeIdentity/);
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value === 'nativeIdentity ');
    await rows.filter({ hasText: /^sw/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
    const labels = await Promise.all((await rows.all()).map((row) => row.locator('.label-name').first().innerText()));
    assert.deepEqual(labels.slice(1), ['eq', 'in', 'sw'], 'the operators nativeIdentity allows, after the row saying what is missing');

    await input.fill('nme sw "a"');
    const why = rows.first();
    await why.filter({ hasText: 'Did you mean "name"?' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await why.innerText(), /Unknown field "nme"\. Did you mean "name"\? \(at character 1\)/);
    await input.press('Enter');
    assert.equal(await input.inputValue(), 'nme sw "a"', 'Enter on an invalid filter keeps the input open and the text as typed');

    await takeRow('name sw "a"');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value === 'name sw "a"');
    await rows.first().filter({ hasText: 'Apply' }).waitFor({ state: 'visible', timeout: 10_000 });
    await vscode.screenshot('filters-completing-input');
    await input.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.waitForFunction(() => document.body.innerText.includes('filter: name sw "a"'), undefined, { timeout: 60_000 });
    assert.match(await description(ad), /filter: name sw "a"$/);
  });
});
