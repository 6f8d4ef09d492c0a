// The README's quick start, as a person does it, on the packaged extension: install the .vsix
// into a fresh VS Code, open the ISC view, connect the sandbox tenant, expand a source, disable
// an account from its context menu, and see its icon change. The screenshots it takes are the
// README's (copied to media/screenshots/ with ISC_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../../tools/paths';
import { Contributions } from './support/contributions';
import { keepForReadme } from './support/readme-screenshots';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

const sandboxTenantLabel = 'Sandbox tenant';
const largeSourceName = 'Active Directory';

/** A .vsix built earlier in the same run (ISC_ACCOUNTS_VSIX), else `npm run package` now. */
function packagedVsix(): string {
  const prebuilt = process.env.ISC_ACCOUNTS_VSIX;
  if (prebuilt) {
    assert.ok(existsSync(prebuilt), `ISC_ACCOUNTS_VSIX=${prebuilt} does not exist`);
    return prebuilt;
  }
  execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], timeout: 240_000 });
  return path.join(repoRoot, 'isc-accounts.vsix');
}

function treeRow(page: Page, label: string): Locator {
  return page
    .locator('.part.sidebar .monaco-list-row')
    .filter({ has: page.locator('.monaco-icon-label .label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
}

/** The codicon a tree row shows (`pass`, `circle-slash`, ...), read from its icon's classes. */
async function rowIcon(row: Locator): Promise<string | undefined> {
  const classes = (await row.locator('.custom-view-tree-node-item-icon').getAttribute('class')) ?? '';
  return /\bcodicon-([a-z0-9-]+)/.exec(classes)?.[1];
}

/**
 * Expands `row` until `child` shows. Clicks only a collapsed row, and not again while the
 * extension may still be expanding it itself (connecting a tenant reveals it expanded).
 */
async function expandUntil(row: Locator, child: Locator): Promise<void> {
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  let lastClick = 0;
  await assertEventually(async () => {
    if (await child.isVisible()) return true;
    if ((await row.getAttribute('aria-expanded')) === 'false' && Date.now() - lastClick > 5_000) {
      await row.click();
      lastClick = Date.now();
    }
    return false;
  }, 'the row to expand and show its children');
}

async function assertEventually(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** A smaller window with a wider side bar, so the README's screenshots show the tree, not an empty editor. */
async function readmeLayout(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1100, height: 720 });
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const sashX = sidebar.x + sidebar.width + 1;
  const sashY = sidebar.y + sidebar.height / 2;
  await page.mouse.move(sashX, sashY);
  await page.mouse.down();
  await page.mouse.move(sashX + 160, sashY, { steps: 8 });
  await page.mouse.up();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('quick start from the README, on the packaged extension', function () {
  this.timeout(600_000);
  let vscode: VsCodeInBrowser;

  const shoot = async (name: string): Promise<void> => {
    keepForReadme(await vscode.screenshot(name), name);
  };

  before(async () => {
    const vsixPath = packagedVsix();
    vscode = await launchVsCode({ vsixPath });
    await readmeLayout(vscode.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
  });

  it('opens the ISC view from the activity bar and offers the sandbox tenant', async () => {
    const { page } = vscode;
    const [container] = Contributions.read(repoRoot).activityBarContainers();
    await page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${container.title}"]`).click();
    await page.getByRole('button', { name: 'Connect to Sandbox Tenant' }).waitFor({ state: 'visible', timeout: 60_000 });
    await shoot('quickstart-1-welcome');
  });

  it('connects the sandbox tenant and lists its sources', async () => {
    const { page } = vscode;
    await page.getByRole('button', { name: 'Connect to Sandbox Tenant' }).click();
    await expandUntil(treeRow(page, sandboxTenantLabel), treeRow(page, largeSourceName));
  });

  it('expands a source of 25,000 accounts and shows its first page', async () => {
    const { page } = vscode;
    const enabledAccountIcon = page.locator('.part.sidebar .monaco-list-row .custom-view-tree-node-item-icon.codicon-pass');
    await expandUntil(treeRow(page, largeSourceName), enabledAccountIcon.first());
    await shoot('quickstart-2-tree');
  });

  it('disables an enabled account from its context menu, and its icon changes', async () => {
    const { page } = vscode;
    const enabledRow = page
      .locator('.part.sidebar .monaco-list-row')
      .filter({ has: page.locator('.custom-view-tree-node-item-icon.codicon-pass') })
      .first();
    const label = await enabledRow.locator('.monaco-icon-label .label-name').innerText();
    const row = treeRow(page, label);
    assert.equal(await rowIcon(row), 'pass');

    await row.click({ button: 'right' });
    const disable = page.locator('.context-view .monaco-menu .action-item').filter({ hasText: /^Disable Account$/ });
    await disable.waitFor({ state: 'visible', timeout: 10_000 });
    await shoot('quickstart-3-context-menu');
    await disable.click();

    await assertEventually(async () => (await rowIcon(row)) === 'circle-slash', `the icon of "${label}" to become circle-slash`);
    // The pointer rests where the menu was, over another row: move it off so no tooltip covers the tree.
    await page.mouse.move(900, 650);
    await page.locator('.monaco-hover').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await shoot('quickstart-4-disabled');
  });

  it('activated from the installed .vsix with no missing file', () => {
    const log = vscode.extensionHostLog();
    const everything = `${log}\n${vscode.logs().map((entry) => entry.text).join('\n')}`;
    assert.doesNotMatch(everything, /Cannot find module/);
    assert.doesNotMatch(everything, /Activating extension .*isc-accounts.* failed/i);
  });
});
