// Offline runner: runs the in-VS-Code mocha suite (out/test/integration/index.js) inside
// code-server's real VS Code, driven by Debian's Chromium, and exits with the suite's result.
// Run by vscode-tests.ts after it has built the bundles.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, testResultsDir } from '../paths';
import { openWorkbench, type LogEntry, type Workbench } from '../vscode/workbench';
import { integrationEntry } from './integration-bundles';
const timeoutMs = Number(process.env.ISC_VSCODE_TIMEOUT_MS ?? 10 * 60_000);
const verbose = process.env.ISC_VSCODE_VERBOSE === '1';
// test/integration/index.ts prefixes the extension host's console lines with this, so they
// can be told apart from the workbench's own log, which goes to a file instead.
const outputMarker = '\u2063isc-test\u2063';
const workbenchLogFile = path.join(testResultsDir, 'vscode-workbench.log');
const failureScreenshot = path.join(testResultsDir, 'vscode-tests-failure.png');

async function main(): Promise<number> {
  const workbenchLog: string[] = [];
  const onLog = (entry: LogEntry): void => {
    if (entry.source === 'automation' && entry.text.startsWith(outputMarker)) {
      process.stdout.write(`${entry.text.slice(outputMarker.length)}\n`);
      return;
    }
    const line = `[${entry.source}:${entry.type}] ${entry.text}`;
    workbenchLog.push(line);
    if (verbose) process.stderr.write(`${line}\n`);
  };

  const started = Date.now();
  const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  let workbench: Workbench | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const opened = openWorkbench({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationEntry,
      env: { ISC_TEST_OUTPUT_MARKER: outputMarker },
      onLog,
    });
    const first = await Promise.race([opened, timedOut]);
    if (first === 'timeout') {
      // Still opening: let it finish in the background only to close it.
      opened.then((late) => late.close(), () => undefined);
      return reportTimeout('while starting code-server and the workbench');
    }
    workbench = first;
    console.log(`code-server runner: workbench up after ${seconds()}, running the suite`);
    const result = await Promise.race([workbench.exit, timedOut]);
    if (result === 'timeout') {
      await workbench.screenshot(failureScreenshot).catch(() => undefined);
      return reportTimeout('waiting for the suite to finish');
    }
    console.log(`code-server runner: extension host exited with ${result} after ${seconds()}`);
    if (result !== 0) await workbench.screenshot(failureScreenshot).catch(() => undefined);
    return result;
  } finally {
    clearTimeout(timer);
    await workbench?.close();
    writeWorkbenchLog(workbenchLog);
  }

  function reportTimeout(phase: string): number {
    console.error(
      `code-server runner: TIMED OUT after ${timeoutMs / 1000} s ${phase}` +
        ` (ISC_VSCODE_TIMEOUT_MS changes the limit). Workbench log: ${workbenchLogFile}`,
    );
    return 1;
  }
}

function writeWorkbenchLog(lines: string[]): void {
  mkdirSync(testResultsDir, { recursive: true });
  writeFileSync(workbenchLogFile, `${lines.join('\n')}\n`);
}

main().then(
  (code) => {
    if (code !== 0) {
      console.error(`code-server runner: FAILED. Screenshot: ${failureScreenshot}; workbench log: ${workbenchLogFile}`);
    }
    process.exit(code);
  },
  (error: unknown) => {
    console.error('code-server runner: could not run the tests:', error);
    process.exit(1);
  },
);
