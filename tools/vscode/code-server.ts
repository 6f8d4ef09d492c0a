// code-server (a real VS Code: server, Node extension host, web workbench) on 127.0.0.1, started
// the one way npm start, the in-VS-Code tests, the e2e tests and the bench all use: through the
// process guard, as a process group of its own, answering on /healthz before it is handed out,
// and stopped for sure.
import { fork, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../paths';
import type { OfflineVsCode } from './install';
import { sweepOnExit } from './orphans';
import { freeLoopbackPort } from './ports';
import { exitOf, stopProcessGroup } from './process-group';
import { waitForHttp } from './wait-for-http';

export interface CodeServerFolders {
  userDataDir: string;
  extensionsDir: string;
  /** code-server's config.yaml: given, so nothing is written to ~/.config. */
  configFile: string;
}

export interface CodeServerLaunch {
  install: OfflineVsCode;
  folders: CodeServerFolders;
  /** Folder the workbench opens. */
  workspace: string;
  /** The server's environment, and so the extension host's: see codeServerEnv(). */
  env: NodeJS.ProcessEnv;
  /** A fixed port; without one a free port, and another when that one is taken meanwhile. */
  port?: number;
  /** Each piece of the server's output as it comes. */
  onOutput?: (chunk: Buffer) => void;
  /** Run, synchronously, if this process exits with the server still running. */
  cleanUpOnExit?: () => void;
}

export interface CodeServer {
  baseUrl: string;
  port: number;
  pid: number;
  /** The end of what the server printed (for error messages). */
  recentOutput(): string;
  /** Resolves with the exit code or signal, whenever the server exits. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

const startTimeoutMs = 90_000;
const guardScript = path.join(__dirname, 'process-guard.ts');

export async function startCodeServer(launch: CodeServerLaunch): Promise<CodeServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(launch, launch.port ?? (await freeLoopbackPort()));
    } catch (error) {
      // A free port is only free until another process (tests run side by side) takes it.
      if (launch.port !== undefined || attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function launchOnce(launch: CodeServerLaunch, port: number): Promise<CodeServer> {
  let recent = '';
  // Through the guard, so code-server goes away with the tool even when the tool cannot stop
  // it itself (a SIGKILL, a crash).
  const child = fork(guardScript, [launch.install.node24, launch.install.codeServerBin, ...serverArgs(launch, port)], {
    cwd: repoRoot,
    env: launch.env,
    execArgv: ['--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const collect = (chunk: Buffer): void => {
    recent = (recent + chunk.toString()).slice(-8_000);
    launch.onOutput?.(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const forget = sweepOnExit(child, launch.cleanUpOnExit);
  const exited = exitOf(child);
  const stop = async (): Promise<void> => {
    await stopProcessGroup(child);
    forget();
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/healthz`, child, { timeoutMs: startTimeoutMs, output: () => recent });
  } catch (error) {
    await stop();
    throw new Error(`code-server ${(error as Error).message}`);
  }
  return { baseUrl, port, pid: child.pid!, recentOutput: () => recent, exited, stop };
}

function serverArgs(launch: CodeServerLaunch, port: number): string[] {
  return [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...profileArgs(launch.folders),
    // The built workbench honours the `payload` URL parameter (and so extensionDevelopmentPath)
    // and reports through window.codeAutomationLog / codeAutomationExit only with this option;
    // code-server has no CLI flag for it.
    '--vscode-option', 'enable-smoke-test-driver',
    launch.workspace,
  ];
}

function profileArgs(folders: CodeServerFolders): string[] {
  return ['--user-data-dir', folders.userDataDir, '--extensions-dir', folders.extensionsDir, '--config', folders.configFile];
}

/**
 * The server's environment. Started from a terminal inside VS Code, code-server would hand its
 * folder to that VS Code (VSCODE_IPC_HOOK_CLI) instead of serving it; Node 24 must come first
 * on PATH for the extension host and anything it spawns. code-server's own config and logs
 * stay under .vscode-test/; `isolatedHome` moves HOME there too (tests), else HOME stays the
 * user's, so the integrated terminal of npm start's VS Code feels like their own.
 */
export function codeServerEnv(install: OfflineVsCode, options: { extra?: Record<string, string>; isolatedHome: boolean }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  return {
    ...env,
    ...install.serverEnv,
    ...(options.isolatedHome ? { HOME: install.isolatedHome } : {}),
    ...options.extra,
    PATH: `${install.node24BinDir}${path.delimiter}${process.env.PATH ?? ''}`,
  };
}

export function installVsix(install: OfflineVsCode, vsixPath: string, folders: CodeServerFolders, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(install.node24, [install.codeServerBin, ...profileArgs(folders), '--install-extension', path.resolve(vsixPath)], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsixPath} failed:\n${result.stdout}${result.stderr}`);
  }
}
