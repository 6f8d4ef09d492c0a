// Where the offline VS Code (code-server + Node 24) lives. install-vscode-offline.sh does the
// installing and is idempotent (well under a second once cached), so every launch calls it
// rather than trusting a cache that may be half-built, and reads its answer from the KEY=VALUE
// lines it prints with --print-env.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../paths';

export const installScript = path.join(__dirname, 'install-vscode-offline.sh');

export interface OfflineVsCode {
  /** code-server's entry script (a Node script: run it with `node24`). */
  codeServerBin: string;
  /** Folder holding the Node 24 binary code-server needs; goes first on PATH. */
  node24BinDir: string;
  node24: string;
  version: string;
  /** code-server's config, data and cache folders under .vscode-test/, never the user's home. */
  serverEnv: Record<string, string>;
  /** A home under .vscode-test/ for test processes (Chromium writes ~/.pki whatever its profile). */
  isolatedHome: string;
}

export interface InstallOptions {
  /** Skip Chromium: code-server alone needs no browser, and no root for apt (npm start). */
  serverOnly?: boolean;
  /** The installer's output goes here and only its progress lines to the console (the first
   *  install compiles native modules with pages of compiler output); else all to stderr. */
  logFile?: string;
}

const installs = new Map<boolean, Promise<OfflineVsCode>>();

/** Installs on first use (two to four minutes), then answers from the cache; once per process. */
export function installOfflineVsCode(options: InstallOptions = {}): Promise<OfflineVsCode> {
  const serverOnly = options.serverOnly ?? false;
  // A full install serves a server-only caller too.
  const done = installs.get(false) ?? installs.get(serverOnly);
  if (done) return done;
  const installing = runInstaller(serverOnly, options.logFile);
  installs.set(serverOnly, installing);
  installing.catch(() => installs.delete(serverOnly));
  return installing;
}

async function runInstaller(serverOnly: boolean, logFile: string | undefined): Promise<OfflineVsCode> {
  const args = [installScript, '--print-env', ...(serverOnly ? ['--server-only'] : [])];
  const child = spawn('bash', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logFile ? createWriteStream(logFile) : undefined;
  let stdout = '';
  let recent = '';
  let partialLine = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    recent = (recent + chunk.toString()).slice(-6_000);
    if (!log) {
      process.stderr.write(chunk);
      return;
    }
    log.write(chunk);
    const lines = (partialLine + chunk.toString()).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('install-vscode-offline:')) console.log(line);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (log) await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    const where = logFile ? `the end of its output (all of it is in ${path.relative(repoRoot, logFile)})` : 'its output is above';
    throw new Error(`${path.relative(repoRoot, installScript)} could not install the offline VS Code (exit ${code}); ${where}:\n${recent}`);
  }
  return readPrintedEnv(stdout);
}

/** The installer's --print-env answer: the last KEY=VALUE lines of its stdout. */
export function readPrintedEnv(stdout: string): OfflineVsCode {
  const env = new Map(
    stdout
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const read = (key: string): string => {
    const value = env.get(key);
    if (!value) throw new Error(`${path.relative(repoRoot, installScript)} --print-env did not print ${key}`);
    return value;
  };
  const node24BinDir = read('NODE24_BIN_DIR');
  return {
    codeServerBin: read('CODE_SERVER_BIN'),
    node24BinDir,
    node24: path.join(node24BinDir, 'node'),
    version: read('CODE_SERVER_VERSION'),
    serverEnv: Object.fromEntries(
      [...env].filter(([key]) => key.startsWith('SERVER_ENV_')).map(([key, value]) => [key.slice('SERVER_ENV_'.length), value]),
    ),
    isolatedHome: read('ISOLATED_HOME'),
  };
}
