// Entry point VS Code loads as `extensionTestsPath` (the @vscode/test-electron contract, which
// code-server's workbench honours too): runs every bundled *.test.js next to this file with
// mocha inside the real extension host, and rejects when any test fails.
import { readdirSync } from 'node:fs';
import { findSourceMap, type SourceOrigin } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const marker = process.env.ISC_TEST_OUTPUT_MARKER;
  const restoreConsole = marker ? markConsoleOutput(marker) : () => undefined;
  const restoreStackTraces = mapStackTracesToSources();
  let failures: number;
  try {
    // ISC_TEST_GREP narrows a development run to matching tests; the summary still counts them.
    const grep = process.env.ISC_TEST_GREP;
    const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
    const testFiles = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
    if (testFiles.length === 0) throw new Error(`no *.test.js bundles in ${__dirname}: build the tests first`);
    for (const name of testFiles) mocha.addFile(path.join(__dirname, name));
    failures = await new Promise<number>((resolve) => mocha.run(resolve));
  } catch (error) {
    // VS Code logs a rejected run() only to its own log; say it where the runner shows it.
    console.error('in-VS-Code tests could not run:', error instanceof Error ? (error.stack ?? error.message) : error);
    throw error;
  } finally {
    restoreStackTraces();
    restoreConsole();
  }
  // Mocha has printed each failure already.
  if (failures > 0) throw new Error(`${failures} in-VS-Code test(s) failed`);
}

// In code-server the extension host's console reaches the runner interleaved with the
// workbench's own log; the runner sets a marker so it can print only lines that start with it.
// VS Code makes console.log & co. non-overridable in the extension host, so the global console
// is swapped for one that prefixes the marker; mocha's reporters keep their own reference to
// console.log, hence Base.consoleLog.
function markConsoleOutput(marker: string): () => void {
  const original = globalThis.console;
  const marked = Object.create(original) as Console;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const write = original[level].bind(original);
    Object.defineProperty(marked, level, { value: (...args: unknown[]) => write(marker + format(...args)) });
  }
  const originalConsoleLog = Mocha.reporters.Base.consoleLog;
  globalThis.console = marked;
  Mocha.reporters.Base.consoleLog = marked.log;
  return () => {
    globalThis.console = original;
    Mocha.reporters.Base.consoleLog = originalConsoleLog;
  };
}

// The extension host formats stack traces itself (Error.prepareStackTrace), which bypasses
// Node's source-map support: while the suite runs, frames in the test bundles are mapped back
// to the .ts sources here, so a failure names the test's own file and line.
function mapStackTracesToSources(): () => void {
  process.setSourceMapsEnabled(true); // before mocha loads the bundles, so their maps are read
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) =>
    [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${describeFrame(frame)}`)].join('\n');
  return () => {
    Error.prepareStackTrace = previous;
  };
}

const repoRoot = path.resolve(__dirname, '../../..');

function describeFrame(frame: NodeJS.CallSite): string {
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  const found = file && line && column ? findSourceMap(file)?.findOrigin(line, column) : undefined;
  if (!found || !('fileName' in found)) return frame.toString();
  const origin = found as SourceOrigin;
  const source = origin.fileName.startsWith('file:') ? fileURLToPath(origin.fileName) : origin.fileName;
  const location = `${path.relative(repoRoot, source)}:${origin.lineNumber}:${origin.columnNumber}`;
  const name = frame.getFunctionName() ?? frame.getMethodName();
  return name ? `${name} (${location})` : location;
}
