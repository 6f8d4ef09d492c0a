// `npm start`'s first look, as a person meets it: the real start script in a profile of its
// own, the printed URL opened in Chromium. The welcome must show rendered (a preview, not
// Markdown source) and the explorer wide enough that no source row is cut.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tools/vscode/browser';
import { repoRoot } from '../../tools/paths';
import { e2eResultsDir } from './support/vscode-browser';

const startTimeoutMs = 240_000;

interface RunningStart {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startNpmStart(profile: string): Promise<RunningStart> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/start/main.ts', '--no-open', '--code-server', '--accounts', '2000', '--profile', profile],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within ${startTimeoutMs / 1000} s:\n${output}`)), startTimeoutMs);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /VS Code\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before printing its URL:\n${output}`));
    });
  });
}

async function stopNpmStart(start: RunningStart): Promise<void> {
  if (start.child.exitCode !== null) return;
  const exited = new Promise((resolve) => start.child.once('exit', resolve));
  start.child.kill('SIGINT');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  if (start.child.exitCode === null) start.child.kill('SIGKILL');
}

describe("npm start's first look", function () {
  this.timeout(420_000);
  let profile: string;
  let start: RunningStart | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    profile = mkdtempSync(path.join(tmpdir(), 'isc-start-profile-'));
    start = await startNpmStart(profile);
    browser = await launchChromium();
    // A laptop-sized window: VS Code's default side bar is 300 px there.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(start.url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  });

  after(async () => {
    await browser?.close();
    if (start) await stopNpmStart(start);
    rmSync(profile, { recursive: true, force: true });
  });

  it('opens the welcome as a rendered preview, not as Markdown source', async () => {
    const previewTab = page.locator('.tabs-container .tab', { hasText: /Preview\W*README\.md/ });
    await previewTab.waitFor({ state: 'visible', timeout: 120_000 });
    const sourceTab = page.locator('.tabs-container .tab .label-name', { hasText: /^README\.md$/ });
    assert.equal(await sourceTab.count(), 0, 'the README is also open as source');
  });

  it('shows the tenant and every source in full in a wide enough explorer', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="ISC Accounts"]').first().click();
    const tenantRow = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]', { hasText: 'Sandbox (npm start)' });
    await tenantRow.waitFor({ state: 'visible', timeout: 120_000 });
    if ((await tenantRow.getAttribute('aria-expanded')) === 'false') await tenantRow.click();
    const sourceRows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"]');
    await sourceRows.first().waitFor({ state: 'visible', timeout: 120_000 });
    // Counts arrive after the names: wait until every description has its own.
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="2"] .label-description')).every((d) => /accounts/.test(d.textContent ?? '')),
      undefined,
      { timeout: 60_000 },
    );
    mkdirSync(e2eResultsDir, { recursive: true });
    await page.screenshot({ path: path.join(e2eResultsDir, 'start-first-look.png') });

    const width = (await page.locator('.part.sidebar').boundingBox())?.width ?? 0;
    assert.ok(width >= 450, `the explorer is ${width} px wide on first open`);
    const rows = [tenantRow, ...(await sourceRows.all())];
    assert.ok(rows.length >= 4, `expected the tenant and its sources, saw ${rows.length} rows`);
    for (const row of rows) {
      const label = row.locator('.monaco-icon-label-container');
      const cut = await label.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
      assert.equal(cut, false, `the row "${await row.innerText()}" is cut`);
    }
  });
});
