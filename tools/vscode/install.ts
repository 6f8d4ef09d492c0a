// Where the offline VS Code (code-server + Node 24) lives. scripts/install-vscode-offline.sh
// does the installing and is idempotent (well under a second once cached), so every run calls
// it rather than trusting a cache that may be half-built.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './paths';

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

let installed: OfflineVsCode | undefined;

export function ensureOfflineVsCodeInstalled(): OfflineVsCode {
  if (installed) return installed;
  const script = path.join(repoRoot, 'scripts/install-vscode-offline.sh');
  let stdout: string;
  try {
    stdout = execFileSync('bash', [script, '--print-env'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    throw new Error(`${script} failed (see its output above): ${(error as Error).message}`);
  }
  const env = new Map(
    stdout
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const read = (key: string): string => {
    const value = env.get(key);
    if (!value) throw new Error(`${script} --print-env did not print ${key}`);
    return value;
  };
  const node24BinDir = read('NODE24_BIN_DIR');
  installed = {
    codeServerBin: read('CODE_SERVER_BIN'),
    node24BinDir,
    node24: path.join(node24BinDir, 'node'),
    version: read('CODE_SERVER_VERSION'),
    serverEnv: Object.fromEntries(
      [...env].filter(([key]) => key.startsWith('SERVER_ENV_')).map(([key, value]) => [key.slice('SERVER_ENV_'.length), value]),
    ),
    isolatedHome: read('ISOLATED_HOME'),
  };
  return installed;
}
