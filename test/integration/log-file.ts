// Where the extension's LogOutputChannel writes its file. VS Code keeps it under the window's
// logs folder (`<user-data-dir>/logs/<session>/exthost*/isc-accounts.isc-accounts/<name>.log`),
// i.e. under the extension's `context.logUri`, which the extension's API does not expose. The
// user-data dir is on the command line of an ancestor of the extension host (code-server and
// test-electron both pass `--user-data-dir`), so it is found from /proc, and the file is told
// apart from other sessions' by a marker line the test logged.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const EXTENSION_FOLDER = 'isc-accounts.isc-accounts';

/** The `--user-data-dir` of the nearest ancestor process that has one (Linux /proc). */
export function userDataDirOfAncestors(): string | undefined {
  for (let pid = process.ppid, depth = 0; pid > 1 && depth < 8; depth++) {
    const cmdline = `/proc/${pid}/cmdline`;
    if (!existsSync(cmdline)) return undefined;
    const args = readFileSync(cmdline, 'utf8').split('\0');
    for (const [index, arg] of args.entries()) {
      if (arg === '--user-data-dir' && args[index + 1]) return args[index + 1];
      if (arg.startsWith('--user-data-dir=')) return arg.slice('--user-data-dir='.length);
    }
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    pid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
  return undefined;
}

/** Every `*.log` file in an `isc-accounts.isc-accounts` folder under `root`, newest first. */
export function extensionLogFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 6) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.name.endsWith('.log') && path.basename(dir) === EXTENSION_FOLDER) found.push(full);
    }
  };
  if (existsSync(root)) walk(root, 0);
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/** The log file holding `marker`, waiting up to `timeoutMs` for VS Code to flush it. */
export async function logFileWithMarker(marker: string, timeoutMs = 10_000): Promise<{ file?: string; searched: string }> {
  const userData = userDataDirOfAncestors();
  if (!userData) return { searched: 'no ancestor of the extension host has --user-data-dir' };
  const logs = path.join(userData, 'logs');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = extensionLogFiles(logs).find((candidate) => readFileSync(candidate, 'utf8').includes(marker));
    if (file || Date.now() > deadline) return { file, searched: logs };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
