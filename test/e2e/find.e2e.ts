// Find Account as a person uses it, in a real VS Code in Chromium: type into the quick pick
// (searched as you type), read the rows (source, state, native identity, identity), press a
// correlated row's "Show Accounts of Identity" button (the identity opens in the tree), and
// open a row with Enter.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { rowLabelled, viewPane } from './support/side-bar';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

describe('Find Account in the browser', function () {
  this.timeout(300_000);
  let vscode: VsCodeInBrowser;
  let page: Page;

  before(async () => {
    vscode = await launchVsCode();
    page = vscode.page;
    await page.setViewportSize({ width: 1400, height: 860 });
    await vscode.openView('iscAccounts');
    await vscode.runCommand('iscAccounts.connectSandbox');
    await page.locator('.part.sidebar .monaco-list-row[role="treeitem"]', { hasText: 'Sandbox tenant' }).waitFor({ state: 'visible', timeout: 120_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
  });

  const input = () => page.locator('.quick-input-widget .quick-input-box input');
  const rows = () => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

  /** Opens Find, types `text` key by key as a person does, and waits for rows answering it. */
  async function typeIntoFind(text: string): Promise<Locator> {
    await vscode.runCommand('iscAccounts.findAccount');
    await input().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await input().getAttribute('placeholder')) ?? '', /name, native identity or identity name, or an account id/);
    await input().pressSequentially(text, { delay: 40 });
    const answered = rows().filter({ has: page.locator('.label-description') });
    await answered.first().waitFor({ state: 'visible', timeout: 30_000 });
    return answered;
  }

  it('shows each row with its source and state, and its native identity and identity below', async () => {
    const answered = await typeIntoFind('ja');
    const description = await answered.first().locator('.label-description').innerText();
    assert.match(description, /^(Active Directory|Contractor Roster \(CSV\)|Workday HR|ServiceNow|IdentityNow) · .*(enabled|disabled)/);
    assert.match(await answered.first().innerText(), /native identity: /);
    await vscode.screenshot('find-rows');
  });

  it('offers "Show Accounts of Identity" on a correlated row and runs it for that identity', async () => {
    const correlated = rows().filter({ hasText: /identity: .* · native identity: / }).first();
    await correlated.hover();
    const button = correlated.getByRole('button', { name: 'Show Accounts of Identity' });
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await vscode.screenshot('find-identity-button');
    const owner = /identity: (.+?) · native identity: /.exec(await correlated.innerText())![1];
    await button.click();
    // The identity command pins that identity above the tenant's sources, and reveals it.
    const identity = rowLabelled(viewPane(page, 'Accounts'), owner, 2);
    await identity.waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Escape');
    // Closed again (its inline action), so the next test finds accounts the tree does not show.
    await identity.hover();
    await identity.getByRole('button', { name: 'Close Identity' }).click();
    await identity.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('opens the chosen account with Enter', async () => {
    const answered = await typeIntoFind('ja');
    const label = (await answered.first().locator('.label-name').first().innerText()).trim();
    await input().press('Enter');
    await page.locator('.tabs-container .tab', { hasText: label }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });
});
