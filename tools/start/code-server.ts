// VS Code in the browser for machines without VS Code desktop: code-server from the same
// cache the offline tests use (.vscode-test/, installed on first use), with the extension
// loaded from this checkout rather than installed, so a rebuild plus a page reload runs the
// new code.
import { fork, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcessGroup, waitForHttp } from './processes.mjs';

const startTimeoutMs = 90_000;

/**
 * Installs code-server and Node 24 into .vscode-test/ on first use (about two minutes) and
 * answers in about a second once they are cached. Asynchronous, so the sandbox starts meanwhile.
 */
export async function ensureCodeServerInstalled(repoRoot, logFile) {
  const script = path.join(repoRoot, 'scripts/install-vscode-offline.sh');
  // --server-only: start needs no Chromium (the browser is the user's own), so no root for apt.
  const child = spawn('bash', [script, '--print-env', '--server-only'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The first install compiles native modules with pages of compiler output: that goes to a
  // log file; the script's own progress lines are shown as they come.
  const log = createWriteStream(logFile);
  let stdout = '';
  let recent = '';
  let partialLine = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    log.write(chunk);
    recent = (recent + chunk).slice(-6_000);
    const lines = (partialLine + chunk).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('install-vscode-offline:')) console.log(line);
  });
  const code = await new Promise((resolve) => child.once('close', resolve));
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) {
    throw new Error(
      `${path.relative(repoRoot, script)} could not install code-server (exit ${code}). ` +
        `The end of its output (all of it is in ${path.relative(repoRoot, logFile)}):\n${recent}`,
    );
  }
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  for (const key of ['CODE_SERVER_BIN', 'NODE24_BIN_DIR', 'CODE_SERVER_VERSION']) {
    if (!env[key]) throw new Error(`${script} --print-env did not print ${key}`);
  }
  const serverEnv = Object.fromEntries(
    Object.entries(env)
      .filter(([key]) => key.startsWith('SERVER_ENV_'))
      .map(([key, value]) => [key.slice('SERVER_ENV_'.length), value]),
  );
  return { codeServerBin: env.CODE_SERVER_BIN, node24BinDir: env.NODE24_BIN_DIR, version: env.CODE_SERVER_VERSION, serverEnv };
}

/**
 * @param {object} options
 * @param {{ codeServerBin: string, node24BinDir: string }} options.install
 * @param {{ userDataDir: string, extensionsDir: string, configFile: string, logFile: string, workspace: string }} options.dirs
 * @param {number} options.port
 * @param {string} options.repoRoot  the extension under development
 * @param {Record<string, string>} options.env  extra environment for the server and its extension host
 */
export async function startCodeServer({ install, dirs, port, repoRoot, env }) {
  const log = createWriteStream(dirs.logFile);
  let recent = '';
  // Through process-guard.mjs, so code-server goes away with npm start even when npm start
  // cannot stop it itself (a SIGKILL, a crash).
  const child = fork(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'process-guard.mjs'),
    [
      path.join(install.node24BinDir, 'node'),
      install.codeServerBin,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', dirs.userDataDir,
      '--extensions-dir', dirs.extensionsDir,
      '--config', dirs.configFile,
      // The built workbench honours the `payload` URL parameter (and so
      // extensionDevelopmentPath) only with this option; code-server has no CLI flag for it.
      '--vscode-option', 'enable-smoke-test-driver',
      dirs.workspace,
    ],
    { env: serverEnv(install, env), detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  const collect = (chunk) => {
    log.write(chunk);
    recent = (recent + chunk).slice(-8_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
  const stop = async () => {
    await stopProcessGroup(child);
    log.end();
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/healthz`, child, { timeoutMs: startTimeoutMs, output: () => recent });
  } catch (error) {
    await stop();
    throw new Error(`code-server ${error.message}`);
  }
  return { baseUrl, url: workbenchUrl(baseUrl, dirs.workspace, repoRoot), pid: child.pid, exited, stop };
}

/**
 * The page to open. `payload` carries extensionDevelopmentPath, resolved on the server through
 * code-server's fixed remote authority `remote`: the same mechanism as F5 in VS Code desktop.
 */
export function workbenchUrl(baseUrl, workspace, extensionDevelopmentPath) {
  // No `openFile`: that opens the welcome as Markdown source. The profile's
  // `workbench.startupEditor: readme` opens it as a rendered preview instead.
  const payload = [['extensionDevelopmentPath', remoteUri(extensionDevelopmentPath)]];
  const query = new URLSearchParams({ folder: path.resolve(workspace), payload: JSON.stringify(payload) });
  return `${baseUrl}/?${query}`;
}

function remoteUri(file) {
  return `vscode-remote://remote${path.resolve(file)}`;
}

// Started from a VS Code terminal, code-server would hand the folder to that VS Code
// (VSCODE_IPC_HOOK_CLI) instead of serving it; Node 24 must come first on PATH for the
// extension host and anything it spawns.
function serverEnv(install, extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  // code-server's own config and logs stay under .vscode-test/; HOME stays the user's, so the
  // integrated terminal of this VS Code feels like their own.
  return { ...env, ...install.serverEnv, ...extra, PATH: `${install.node24BinDir}${path.delimiter}${process.env.PATH ?? ''}` };
}
