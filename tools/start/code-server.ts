// VS Code in the browser for machines without VS Code desktop: code-server from the same
// cache the offline tests use (.vscode-test/, installed on first use), with the extension
// loaded from this checkout rather than installed, so a rebuild plus a page reload runs the
// new code.
import { createWriteStream } from 'node:fs';
import { codeServerEnv, startCodeServer, type CodeServer } from '../vscode/code-server';
import { installOfflineVsCode, type OfflineVsCode } from '../vscode/install';
import { workbenchUrl } from '../vscode/workbench-url';
import type { StartFolders } from './workspace';

/**
 * Installs code-server and Node 24 into .vscode-test/ on first use (about two minutes) and
 * answers in about a second once they are cached. Asynchronous, so the sandbox starts meanwhile.
 */
export function ensureCodeServerInstalled(logFile: string): Promise<OfflineVsCode> {
  // Server only: start needs no Chromium (the browser is the user's own), so no root for apt.
  return installOfflineVsCode({ serverOnly: true, logFile });
}

export interface BrowserVsCodeOptions {
  install: OfflineVsCode;
  dirs: StartFolders;
  port: number;
  /** The extension under development. */
  repoRoot: string;
  /** Extra environment for the server and its extension host. */
  env: Record<string, string>;
}

export async function startBrowserVsCode({ install, dirs, port, repoRoot, env }: BrowserVsCodeOptions): Promise<CodeServer & { url: string }> {
  const log = createWriteStream(dirs.logFile);
  let server: CodeServer;
  try {
    server = await startCodeServer({
      install,
      folders: dirs,
      workspace: dirs.workspace,
      env: codeServerEnv(install, { extra: env, isolatedHome: false }),
      port,
      onOutput: (chunk) => log.write(chunk),
    });
  } catch (error) {
    log.end();
    throw error;
  }
  // No `openFile`: that opens the welcome as Markdown source. The profile's
  // `workbench.startupEditor: readme` opens it as a rendered preview instead.
  const url = workbenchUrl(server.baseUrl, dirs.workspace, { extensionDevelopmentPath: repoRoot });
  return {
    ...server,
    url,
    stop: async () => {
      await server.stop();
      log.end();
    },
  };
}
