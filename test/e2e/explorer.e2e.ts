// The Accounts explorer as a person sees it, in a real VS Code in Chromium: connect the
// sandbox tenant from the view's welcome button, expand a source, open an account's context
// menu. Screenshots of the tree and the menu are kept in media/screenshots/ for the README.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { keepForReadme } from './support/readme-screenshots';
import { viewPane } from './support/side-bar';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

const AD = 'Active Directory';

function treeRow(page: Page, label: string | RegExp): Locator {
  return page.locator('.part.sidebar .monaco-list-row[role="treeitem"]').filter({
    has: page.locator('.label-name', { hasText: label }),
  });
}

describe('Accounts explorer in the browser', function () {
  this.timeout(300_000);
  let vscode: VsCodeInBrowser;
  let page: Page;

  /** Takes the screenshot (kept for the README when asked) and returns its path. */
  async function keepScreenshot(name: string): Promise<string> {
    return keepForReadme(await vscode.screenshot(`explorer-${name}`), name);
  }

  before(async () => {
    vscode = await launchVsCode({ settings: { 'workbench.sideBar.location': 'left' } });
    page = vscode.page;
    await page.setViewportSize({ width: 1400, height: 860 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
  });

  /** A wider side bar, so rows show their descriptions in the screenshots. */
  async function widenSideBar(width: number): Promise<void> {
    const box = await page.locator('.part.sidebar').boundingBox();
    if (!box) return;
    const edge = box.x + box.width + 1;
    await page.mouse.move(edge, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
  }

  it('opens the ISC view with a welcome that offers Add Tenant and the sandbox', async () => {
    await vscode.openView('iscAccounts');
    await widenSideBar(640);
    // The Accounts view's own welcome: the Activity view beside it has one too.
    const welcome = viewPane(page, 'Accounts').locator('.welcome-view-content');
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await welcome.innerText(), /Add Tenant[\s\S]*Connect to Sandbox Tenant/);
  });

  it('connects the sandbox tenant and lists its sources with type, count and the flat-file mark', async () => {
    await viewPane(page, 'Accounts').locator('.welcome-view-content').getByRole('button', { name: 'Connect to Sandbox Tenant' }).click();
    await treeRow(page, 'Sandbox tenant').waitFor({ state: 'visible', timeout: 120_000 });
    const ad = treeRow(page, AD);
    await ad.waitFor({ state: 'visible', timeout: 60_000 });
    await ad.locator('.label-description', { hasText: /25,000 accounts/ }).waitFor({ state: 'visible', timeout: 60_000 });
    const flat = treeRow(page, 'Contractor Roster (CSV)');
    assert.match(await flat.locator('.label-description').innerText(), /DelimitedFile · flat file · [\d,]+ accounts/);
  });

  it('expands the big source: 250 rows and a "Load more" row saying how many are loaded', async () => {
    await treeRow(page, AD).click();
    const more = treeRow(page, /^Loaded 250 of 25,000 — load 250 more$/);
    const firstAccount = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="3"]').first();
    await firstAccount.waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok((await firstAccount.locator('.label-name').innerText()).trim().length > 0, 'account rows have names');
    const names = await page.locator('.part.sidebar .monaco-list-row[aria-level="3"] .label-name').allInnerTexts();
    assert.ok(names.length >= 10, `account rows are shown (${names.length})`);
    await page.mouse.move(1100, 700);
    const kept = await keepScreenshot('tree');
    console.log(`      screenshot: ${kept}`);
    // The list renders only what is in view: go to the end (the four other sources, the
    // IdentityNow source among them, come after the Load more row), then up to it. The tree
    // has the keyboard focus since the click.
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
    await more.waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
  });

  it('opens the context menu of a direct-connect account: Disable Account, but no Delete', async () => {
    const enabledRow = page
      .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="3"]')
      .filter({ hasNotText: /disabled|locked/ })
      .nth(1);
    await enabledRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container .monaco-menu').first();
    await menu.waitFor({ state: 'visible', timeout: 10_000 });
    const entries = (await menu.locator('.action-label').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    assert.ok(entries.includes('Disable Account'), `menu: ${entries.join(' | ')}`);
    assert.ok(entries.includes('Reload Account from Source'));
    assert.ok(!entries.some((entry) => entry.startsWith('Delete Account')), `no delete on a direct-connect account: ${entries.join(' | ')}`);
    assert.ok(!entries.includes('Edit Attributes…'));
    const kept = await keepScreenshot('context-menu');
    console.log(`      screenshot: ${kept}`);
    await page.keyboard.press('Escape');
  });
});
