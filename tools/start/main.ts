// `npm start`: build the extension, start the sandbox tenant, and open a real VS Code with the
// extension loaded from this checkout and the sandbox tenant already connected (handed over
// through ISC_ACCOUNTS_SANDBOX_*, read by src/tenants/preconfigured.ts). VS Code desktop when
// `code` is on the PATH, else code-server on 127.0.0.1. Ctrl+C stops everything it started.
import { buildExtension } from '../build';
import { repoRoot } from '../paths';
import { loopbackPort } from '../vscode/ports';
import { ensureCodeServerInstalled, startBrowserVsCode } from './code-server';
import { findDesktopCode, openDesktopWindow } from './desktop';
import { openInDefaultBrowser } from './open-url';
import { DEFAULT_CODE_SERVER_PORT, parseStartOptions, usage, type StartOptions } from './options';
import { printReady, say } from './report';
import { startSandboxProcess } from './sandbox';
import { prepareStartFolders } from './workspace';

const startedAt = Date.now();

/** Stop functions of what is running, last started first. */
const running: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

async function shutdown(reason: string | undefined, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (reason) say(`${reason}: stopping…`);
  for (const { name, stop } of running.reverse()) {
    await stop().catch((error: Error) => say(`could not stop ${name}: ${error.message}`));
  }
  say('stopped.');
  process.exit(exitCode);
}

process.on('uncaughtException', (error) => {
  say(`unexpected error: ${error.stack ?? error}`);
  void shutdown(undefined, 1);
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) say('still stopping (anything left is killed within 5 s)…');
    else void shutdown(signal === 'SIGINT' ? 'Ctrl+C' : signal, 0);
  });
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    return;
  }

  say('building the extension (npm run build)');
  await buildExtension().catch(() => {
    throw new Error('the build failed (its output is above)');
  });

  const desktopCode = options.open && !options.forceCodeServer ? findDesktopCode() : undefined;
  const kind = desktopCode ? 'desktop' : 'code-server';
  // The cached code-server runs on a Linux x64 Node 24 package and is built with apt packages.
  if (kind === 'code-server' && (process.platform !== 'linux' || process.arch !== 'x64')) {
    throw new Error(
      'VS Code in the browser (code-server) is set up for Linux x64 only. Install VS Code desktop and put ' +
        '`code` on the PATH (Command Palette: "Shell Command: Install \'code\' command in PATH"), then run npm start again.',
    );
  }
  const dirs = prepareStartFolders(repoRoot, kind, options.profile);

  const realism = options.realistic ? ', with realistic attributes' : '';
  say(`starting the sandbox tenant (${options.accounts.toLocaleString('en-US')} accounts in its large source${realism})`);
  const sandboxStarting = startSandboxProcess({ repoRoot, accounts: options.accounts, realistic: options.realistic }).then((sandbox) => {
    running.push({ name: 'the sandbox tenant', stop: sandbox.stop });
    watchForUnexpectedExit('the sandbox tenant', sandbox.exited);
    return sandbox;
  });
  // Installing code-server (first run only) and generating the sandbox's data overlap.
  const installing = kind === 'code-server' ? ensureCodeServerInstalled(dirs.installLogFile) : undefined;
  const [sandbox, install] = await Promise.all([sandboxStarting, installing]);

  const tenantEnv = {
    ISC_ACCOUNTS_SANDBOX_URL: sandbox.baseUrl,
    ISC_ACCOUNTS_SANDBOX_CLIENT_ID: sandbox.clientId,
    ISC_ACCOUNTS_SANDBOX_CLIENT_SECRET: sandbox.clientSecret,
  };

  if (desktopCode) {
    say(`opening VS Code desktop (${desktopCode})`);
    const window = openDesktopWindow({ code: desktopCode, repoRoot, dirs, env: tenantEnv });
    running.push({
      name: 'VS Code',
      stop: async () => {
        window.child.kill();
      },
    });
    void window.closed.then(() => shutdown('the VS Code window was closed', 0));
    printReady({ kind, sandbox, dirs, repoRoot, seconds: secondsSince(startedAt), desktopCommand: [desktopCode, ...window.args] });
    return;
  }

  const port = await loopbackPort(options.port ?? DEFAULT_CODE_SERVER_PORT, { fallBackToFree: options.port === undefined });
  say(`starting code-server ${install!.version} on 127.0.0.1:${port}`);
  const server = await startBrowserVsCode({ install: install!, dirs, port, repoRoot, env: tenantEnv });
  running.push({ name: 'code-server', stop: server.stop });
  watchForUnexpectedExit('code-server', server.exited);
  const opened = options.open && openInDefaultBrowser(server.url);
  printReady({ kind, sandbox, dirs, repoRoot, seconds: secondsSince(startedAt), url: server.url, port, opened });
}

function watchForUnexpectedExit(name: string, exited: Promise<string>): void {
  void exited.then((code) => {
    if (!stopping) void shutdown(`${name} exited on its own (${code})`, 1);
  });
}

function secondsSince(time: number): number {
  return (Date.now() - time) / 1000;
}

main().catch(async (error: Error) => {
  say(`failed: ${error.message}`);
  await shutdown(undefined, 1);
});
