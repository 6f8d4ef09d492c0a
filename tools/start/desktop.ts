// VS Code desktop, when this machine has one: `code --extensionDevelopmentPath`, the same as
// pressing F5 in this repository, in a profile of its own under .vscode-test/start/.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { exitOf } from '../vscode/process-group';
import type { StartFolders } from './workspace';

/**
 * The `code` command to use, or undefined when a desktop window cannot be opened here: no
 * `code` on the PATH, a Linux session without a display, or a terminal of a remote VS Code
 * (SSH, WSL, code-server), whose `code` is a "remote-cli" that opens windows elsewhere and
 * passes no environment. Desktop VS Code's own `code` script makes the same check.
 */
export function findDesktopCode(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  const names = process.platform === 'win32' ? ['code.cmd', 'code.exe'] : ['code'];
  const found: string[] = [];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        found.push(candidate);
      } catch {
        // Not here.
      }
    }
  }
  const isRemoteCli = (file: string): boolean => file.split(/[\\/]/).includes('remote-cli');
  if (env.VSCODE_IPC_HOOK_CLI && found.some(isRemoteCli)) return undefined;
  return found.find((file) => !isRemoteCli(file));
}

/**
 * Opens the window and resolves `closed` when it closes (`--wait`). The CLI hands the window
 * to a VS Code main process it does not wait for otherwise, so --wait is what tells us.
 */
export interface DesktopWindow {
  child: ChildProcess;
  /** Resolves with the exit code or signal when the window closes. */
  closed: Promise<string>;
  args: string[];
}

export function openDesktopWindow(options: { code: string; repoRoot: string; dirs: StartFolders; env: Record<string, string> }): DesktopWindow {
  const { code, repoRoot, dirs, env } = options;
  const args = [
    '--new-window',
    `--extensionDevelopmentPath=${repoRoot}`,
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-workspace-trust',
    '--wait',
    dirs.workspace,
  ];
  const child = spawn(code, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: process.platform !== 'win32',
    // code.cmd is a batch file: Windows runs those only through a shell.
    shell: process.platform === 'win32',
  });
  return { child, closed: exitOf(child), args };
}
