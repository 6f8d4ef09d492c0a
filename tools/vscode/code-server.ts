// Starts code-server (a real VS Code: server, Node extension host, web workbench) on a free
// loopback port with throw-away user-data and extensions folders, and stops it for sure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureOfflineVsCodeInstalled, type OfflineVsCode } from './install';
import quietSettingsShared from '../../../scripts/vscode-quiet-settings.json';

export interface CodeServerOptions {
  /** Folder the workbench opens. */
  workspace: string;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** User settings written to settings.json before start (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  /** A .vsix installed into the temp extensions folder before start. */
  vsixPath?: string;
  /** Copy the server's own output to stderr as it comes (ISC_VSCODE_VERBOSE=1 does the same). */
  echoOutput?: boolean;
}

export interface CodeServer {
  baseUrl: string;
  port: number;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

// Fewer moving parts on screen and on the wire: no welcome page, no update or telemetry calls,
// no AI chat side bar taking a third of the window.
const quietSettings = {
  ...quietSettingsShared,
  'workbench.startupEditor': 'none',
  'git.enabled': false,
};

const startTimeoutMs = 90_000;

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const install = ensureOfflineVsCodeInstalled();
  const root = mkdtempSync(path.join(tmpdir(), 'isc-code-server-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  const env = serverEnv(install, options.env);
  const common = [
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // Its own config file in the temp folder, so nothing is written to ~/.config.
    '--config', path.join(root, 'config.yaml'),
  ];
  try {
    if (options.vsixPath) installVsix(install, options.vsixPath, common, env);
    // The free port is only free until someone else takes it (other test processes start
    // servers too): a lost race shows as EADDRINUSE, and then a new port is tried.
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(install, options, { root, userDataDir, extensionsDir, common, env });
      } catch (error) {
        if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
      }
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

interface LaunchFolders {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  common: string[];
  env: NodeJS.ProcessEnv;
}

async function launch(install: OfflineVsCode, options: CodeServerOptions, folders: LaunchFolders): Promise<CodeServer> {
  const { root, userDataDir, extensionsDir, common, env } = folders;
  const port = await freeLoopbackPort();
  let output = '';
  const echo = options.echoOutput || process.env.ISC_VSCODE_VERBOSE === '1';
  const child = spawn(
    install.node24,
    [
      install.codeServerBin,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      ...common,
      // Makes the workbench honour the `payload` URL parameter and report through
      // window.codeAutomationLog / codeAutomationExit.
      '--vscode-option', 'enable-smoke-test-driver',
      options.workspace,
    ],
    // Its own process group, so stop() also ends the extension host and its children.
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (echo) process.stderr.write(`[code-server] ${chunk}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const forget = killOnProcessExit(child, root);

  const server: CodeServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    workspace: options.workspace,
    userDataDir,
    extensionsDir,
    output: () => output,
    stop: async () => {
      await stopProcessGroup(child);
      rmSync(root, { recursive: true, force: true });
      forget();
    },
  };
  try {
    await waitUntilAnswering(server.baseUrl, child, () => output);
  } catch (error) {
    await stopProcessGroup(child);
    forget();
    throw error;
  }
  return server;
}

// code-server started from a terminal inside VS Code would otherwise hand its folder to that
// VS Code (VSCODE_IPC_HOOK_CLI) instead of serving it; Node 24 must come first on PATH for the
// extension host and anything it spawns.
function serverEnv(install: OfflineVsCode, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  return {
    ...env,
    ...install.serverEnv,
    HOME: install.isolatedHome,
    ...extra,
    PATH: `${install.node24BinDir}${path.delimiter}${process.env.PATH ?? ''}`,
  };
}

function installVsix(install: OfflineVsCode, vsixPath: string, common: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(
    install.node24,
    [install.codeServerBin, ...common, '--install-extension', path.resolve(vsixPath)],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsixPath} failed:\n${result.stdout}${result.stderr}`);
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer at ${baseUrl} within ${startTimeoutMs / 1000} s:\n${output()}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000)),
  ]);
  // Children of the extension host can outlive the server's own exit: end the group either way.
  signalGroup('SIGKILL');
  if (timedOut) await exited;
}

// code-server runs in its own process group, so it would outlive a test process that exits
// without calling stop() (an uncaught error, Ctrl-C, a killed parent). Whatever is still live
// when this process ends is killed and its temp folder removed, synchronously.
const live = new Map<ChildProcess, string>();

function killOnProcessExit(child: ChildProcess, root: string): () => void {
  if (live.size === 0) {
    process.on('exit', killAllLive);
    process.on('SIGINT', exitOnSignal);
    process.on('SIGTERM', exitOnSignal);
  }
  live.set(child, root);
  return () => {
    live.delete(child);
    if (live.size === 0) {
      process.off('exit', killAllLive);
      process.off('SIGINT', exitOnSignal);
      process.off('SIGTERM', exitOnSignal);
    }
  };
}

function killAllLive(): void {
  for (const [child, root] of live) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(root, { recursive: true, force: true });
  }
  live.clear();
}

function exitOnSignal(signal: NodeJS.Signals): void {
  killAllLive();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
