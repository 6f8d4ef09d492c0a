// One real VS Code in a browser page: code-server + Chromium, with an extension under
// development (or installed from a .vsix) and optionally its in-VS-Code test suite. The offline
// test runner (tools/test/code-server-runner.ts), the browser e2e tests
// (test/e2e/support/vscode-browser.ts) and the bench (bench/vscode/launch.ts) open VS Code
// through here.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startThrowawayCodeServer, type ThrowawayCodeServer } from './throwaway-code-server';
import { workbenchUrl } from './workbench-url';

export interface WorkbenchOptions {
  /** Folder to open; default a fresh empty temp folder, removed on close. */
  workspace?: string;
  /** Absolute path of an extension to load from source (like F5). */
  extensionDevelopmentPath?: string;
  /** Absolute path of a module exporting `run()`: the workbench runs it, then exits. */
  extensionTestsPath?: string;
  vsixPath?: string;
  /** An extension folder listed as installed, not loaded in development mode (see ThrowawayCodeServerOptions). */
  installedInPlace?: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** Called for every log line of the workbench and the extension host as it arrives. */
  onLog?: (entry: LogEntry) => void;
  viewport?: { width: number; height: number };
}

export interface LogEntry {
  /** `automation`: window.codeAutomationLog (workbench and extension host logs);
   *  `console`: the page's console, where extension-host console.* output arrives too. */
  source: 'automation' | 'console';
  type: string;
  text: string;
}

export interface Workbench {
  page: Page;
  browser: Browser;
  server: ThrowawayCodeServer;
  url: string;
  /** Resolves with the extension host's exit code once it ends (with extensionTestsPath: the
   *  tests' result, 0 when `run()` resolved), or with 1 if the page crashes. */
  exit: Promise<number>;
  logs(): LogEntry[];
  screenshot(file: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const ownWorkspace = options.workspace ? undefined : mkdtempSync(path.join(tmpdir(), 'isc-workspace-'));
  const workspace = options.workspace ?? ownWorkspace!;
  const logs: LogEntry[] = [];
  const record = (entry: LogEntry): void => {
    logs.push(entry);
    options.onLog?.(entry);
  };

  let server: ThrowawayCodeServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (ownWorkspace) rmSync(ownWorkspace, { recursive: true, force: true });
  };
  try {
    server = await startThrowawayCodeServer({
      workspace,
      env: options.env,
      settings: options.settings,
      vsixPath: options.vsixPath,
      installedInPlace: options.installedInPlace,
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });

    let reportExit: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (reportExit = resolve));
    // Both hooks must exist before the workbench script runs: it looks them up when it starts.
    // The workbench hands over each message as the list of arguments it was logged with
    // (printf-style, as console.log takes them).
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) =>
      record({ source: 'automation', type, text: Array.isArray(args) ? format(...args) : format(args) }),
    );
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(Number(code)));
    page.on('console', (message) => record({ source: 'console', type: message.type(), text: message.text() }));
    page.on('pageerror', (error) => record({ source: 'console', type: 'pageerror', text: String(error) }));
    // A crashed page never reports an exit; waiting for one would only end at a timeout.
    page.on('crash', () => {
      record({ source: 'console', type: 'crash', text: 'the workbench page crashed' });
      reportExit(1);
    });

    const url = workbenchUrl(server.baseUrl, workspace, {
      skipWelcome: true,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
    });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });

    const openedServer = server;
    const openedBrowser = browser;
    return {
      page,
      browser: openedBrowser,
      server: openedServer,
      url,
      exit,
      logs: () => [...logs],
      screenshot: async (file) => {
        mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file });
        return file;
      },
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
