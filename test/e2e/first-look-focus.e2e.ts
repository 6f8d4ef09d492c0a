// The first look (widening the explorer for a preconfigured tenant) runs after activation,
// when a person may already have the palette open: it must widen the side bar without taking
// the focus, which would close the palette under their fingers.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { sandboxTenantEnv } from './support/sandbox-tenant';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

/** The first look moves the edge 3 × 60 px; anything past half of that is it. */
const WIDENED_BY_PX = 90;

describe('The first look keeps the focus where the person put it', function () {
  this.timeout(300_000);
  let sandbox: SandboxHandle;
  let vscode: VsCodeInBrowser;
  let page: Page;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 300 });
    vscode = await launchVsCode({ env: sandboxTenantEnv(sandbox, 'First look'), settings: { 'workbench.sideBar.location': 'left' } });
    page = vscode.page;
    await page.setViewportSize({ width: 1400, height: 860 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
    await sandbox?.close();
  });

  it('a palette opened while the extension activates stays open through the widening', async () => {
    // Opening the view activates the extension; the palette is opened at once, before its set-up ends.
    await page.locator('.part.activitybar .action-item a.action-label[aria-label^="ISC Accounts"]').first().click();
    const sideBar = page.locator('.part.sidebar');
    await sideBar.waitFor({ state: 'visible', timeout: 30_000 });
    const before = (await sideBar.boundingBox())!.width;
    await page.keyboard.press('F1');
    const palette = page.locator('.quick-input-widget .quick-input-box input');
    await palette.waitFor({ state: 'visible', timeout: 10_000 });

    await page.waitForFunction(
      ([start, by]) => (document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) >= start + by,
      [before, WIDENED_BY_PX] as const,
      { timeout: 60_000 },
    );
    assert.ok(await palette.isVisible(), 'the palette is still open after the explorer was widened');
    await page.keyboard.type('View: Show ISC');
    assert.equal(await palette.inputValue(), '>View: Show ISC', 'what the person types still goes to the palette');
  });
});
