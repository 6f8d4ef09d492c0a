// Online runner: runs the in-VS-Code mocha suite in desktop VS Code through
// @vscode/test-electron. It uses VSCODE_EXECUTABLE_PATH when set (choose-runner.ts sets it
// to an installed desktop VS Code), else a build cached in .vscode-test/, else downloads one
// (which needs Microsoft's update service: not reachable on offline machines).
// Headless Linux has no display for Electron: the runner then restarts itself under xvfb-run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../paths';
import { integrationEntry } from './integration-bundles';
const timeoutMs = Number(process.env.ISC_VSCODE_TIMEOUT_MS ?? 10 * 60_000);

function needsVirtualDisplay(): boolean {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

function rerunUnderXvfb(): number {
  const found = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (found.status !== 0) {
    console.error('electron runner: no DISPLAY and no xvfb-run: `apt-get install xvfb`, or use ISC_VSCODE_RUNNER=code-server');
    return 1;
  }
  console.log('electron runner: no DISPLAY, running under xvfb-run');
  const result = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, __filename], {
    stdio: 'inherit',
    env: { ...process.env, ISC_UNDER_XVFB: '1' },
  });
  return result.status ?? 1;
}

async function runInDesktopVsCode(): Promise<number> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'isc-workspace-'));
  const timer = setTimeout(() => {
    console.error(`electron runner: TIMED OUT after ${timeoutMs / 1000} s (ISC_VSCODE_TIMEOUT_MS changes the limit)`);
    process.exit(1);
  }, timeoutMs);
  try {
    return await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationEntry,
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (error) {
    // runTests rejects both for failed tests (with the exit code) and for a VS Code it could not get.
    console.error('electron runner: FAILED:', error instanceof Error ? error.message : error);
    return 1;
  } finally {
    clearTimeout(timer);
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (needsVirtualDisplay() && !process.env.ISC_UNDER_XVFB) {
  process.exit(rerunUnderXvfb());
} else {
  runInDesktopVsCode().then((code) => process.exit(code));
}
