/**
 * Browser e2e support: a real VS Code (code-server 4.139 = VS Code 1.139, offline) in headless
 * Debian Chromium, with this extension loaded, for tests that look and click as a person does.
 *
 *   import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';
 *
 *   let vscode: VsCodeInBrowser;
 *   before(async () => { vscode = await launchVsCode(); });      // 10-30 s the first time
 *   afterEach(async function () {                                  // evidence when a test fails
 *     if (this.currentTest?.state === 'failed') await vscode.saveDiagnostics(this.currentTest.fullTitle());
 *   });
 *   after(async () => { await vscode?.close(); });
 *
 *   await vscode.openView('iscAccounts');              // a viewsContainers id from package.json
 *   await vscode.runCommand('iscAccounts.refresh');    // a contributed id, or a palette label
 *   await vscode.page.getByRole('treeitem', { name: 'Sandbox' }).click();   // plain Playwright
 *   await vscode.screenshot('tree-expanded');          // -> test-results/e2e/tree-expanded.png
 *   vscode.extensionHostLog();                          // console + LogOutputChannel files
 *
 * Options of launchVsCode:
 *   extensionPath  extension folder loaded from source like F5 (default: this repo; it must be
 *                  built: `npm run build`). Ignored when vsixPath is given.
 *   vsixPath       install this .vsix (`code-server --install-extension`) instead: tests the
 *                  packaged extension as users get it.
 *   installed      load extensionPath as an installed extension (listed where it is), not in
 *                  development mode: the workbench then restarts a crashed extension host as
 *                  it does for users, where development mode ends the session.
 *   workspace      folder to open (default: a fresh empty temp folder).
 *   env            environment for the server and so the extension host (e.g. a sandbox URL).
 *   settings       user settings.json entries (merged over quiet defaults: no welcome page, no
 *                  update checks, no secondary side bar).
 *
 * Webviews are iframes: `page.frameLocator('iframe.webview').frameLocator('iframe#active-frame')`.
 * Everything (code-server, Chromium, temp folders) goes away in close(), and also if the test
 * process dies. The same machinery runs the in-VS-Code mocha suite (tools/test/code-server-runner.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { focusMoves, traceFocusMoves } from './focus-trace';
import { repoRoot, testResultsDir } from '../../../tools/paths';
import { openWorkbench, type LogEntry } from '../../../tools/vscode/workbench';
import { Contributions } from './contributions';
import { readExtensionHostLog } from './extension-host-log';
import { escapeRegExp, runPaletteCommand } from './palette';

export interface LaunchOptions {
  extensionPath?: string;
  vsixPath?: string;
  installed?: boolean;
  workspace?: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
}

export interface VsCodeInBrowser {
  /** The Playwright page showing the workbench. */
  page: Page;
  /** code-server's address, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The extension's id (publisher.name). */
  extensionId: string;
  /** The server's user data folder (globalStorage is under User/globalStorage/<extension id>). */
  userDataDir: string;
  /** The process that leads code-server's process group: the extension host is among its descendants. */
  serverPid: number;
  /** Saves test-results/e2e/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Runs a command through the palette (F1): a contributed command id or a palette label. */
  runCommand(commandIdOrLabel: string): Promise<void>;
  /** Shows a view container (activity bar entry) by its id in package.json. */
  openView(viewContainerId: string): Promise<void>;
  /** The extension host's console output and this extension's LogOutputChannel files. */
  extensionHostLog(): string;
  /** Every workbench and extension-host log line so far. */
  logs(): LogEntry[];
  /** Screenshot + logs to test-results/e2e/<name>.{png,log}, for failed tests. */
  saveDiagnostics(name: string): Promise<void>;
  close(): Promise<void>;
}

export const e2eResultsDir = path.join(testResultsDir, 'e2e');

export async function launchVsCode(options: LaunchOptions = {}): Promise<VsCodeInBrowser> {
  const extensionPath = path.resolve(options.extensionPath ?? repoRoot);
  const contributions = Contributions.read(options.vsixPath ? repoRoot : extensionPath);
  if (!options.vsixPath) assertBuilt(extensionPath, contributions);

  const workbench = await openWorkbench({
    extensionDevelopmentPath: options.vsixPath || options.installed ? undefined : extensionPath,
    vsixPath: options.vsixPath,
    installedInPlace: options.installed && !options.vsixPath ? extensionPath : undefined,
    workspace: options.workspace,
    env: options.env,
    settings: options.settings,
  });
  const { page, server } = workbench;
  try {
    await waitForActivityBarEntries(page, contributions);
    await traceFocusMoves(page);
  } catch (error) {
    await workbench.close();
    throw error;
  }
  const extensionHostLog = (): string =>
    readExtensionHostLog(workbench.logs(), server.userDataDir, contributions.extensionId);
  const screenshot = (name: string): Promise<string> =>
    workbench.screenshot(path.join(e2eResultsDir, `${fileSafe(name)}.png`));

  return {
    page,
    baseUrl: server.baseUrl,
    extensionId: contributions.extensionId,
    userDataDir: server.userDataDir,
    serverPid: server.pid,
    screenshot,
    runCommand: (commandIdOrLabel) => runPaletteCommand(page, contributions.paletteLabel(commandIdOrLabel)),
    openView: async (viewContainerId) => {
      const title = contributions.viewContainerTitle(viewContainerId);
      await runPaletteCommand(page, `View: Show ${title}`);
      await page
        .locator('.part.sidebar .composite.title')
        .filter({ hasText: new RegExp(escapeRegExp(title), 'i') })
        .waitFor({ state: 'visible', timeout: 15_000 });
    },
    extensionHostLog,
    logs: workbench.logs,
    saveDiagnostics: async (name) => {
      await screenshot(name).catch(() => undefined);
      mkdirSync(e2eResultsDir, { recursive: true });
      const logs = workbench.logs().map((entry) => `[${entry.source}:${entry.type}] ${entry.text}`);
      const moves = await focusMoves(page);
      writeFileSync(
        path.join(e2eResultsDir, `${fileSafe(name)}.log`),
        `${extensionHostLog()}\n--- workbench ---\n${logs.join('\n')}\n--- the focus's last moves (time since the page loaded, what took it, the stack) ---\n${moves.join('\n')}\n`,
      );
    },
    close: workbench.close,
  };
}

// The workbench shows before the extension host has registered the extension's contributions;
// its activity bar entries appearing is the visible sign that it has.
async function waitForActivityBarEntries(page: Page, contributions: Contributions): Promise<void> {
  for (const { title } of contributions.activityBarContainers()) {
    await page
      .locator(`.part.activitybar .action-item a.action-label[aria-label^="${title.replace(/"/g, '\\"')}"]`)
      .waitFor({ state: 'visible', timeout: 60_000 })
      .catch(() => {
        throw new Error(`the activity bar never showed '${title}': did the extension load? (${contributions.extensionId})`);
      });
  }
}

function assertBuilt(extensionPath: string, contributions: Contributions): void {
  const main = contributions.main && path.join(extensionPath, contributions.main);
  if (main && !existsSync(main)) {
    throw new Error(`${main} does not exist: build the extension first (npm run build)`);
  }
}

function fileSafe(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-|-$/g, '').slice(0, 120);
}
