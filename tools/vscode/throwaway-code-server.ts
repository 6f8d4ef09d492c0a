// code-server for one test or bench run: user data and extensions in a fresh temp folder (quiet
// settings, optionally a .vsix installed or an extension folder listed as installed), HOME
// under .vscode-test/, everything removed when it stops or when this process exits first.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeServerEnv, installVsix, startCodeServer, type CodeServer, type CodeServerFolders } from './code-server';
import { installOfflineVsCode } from './install';
import { quietSettings } from './quiet-settings';

export interface ThrowawayCodeServerOptions {
  /** Folder the workbench opens. */
  workspace: string;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** User settings written to settings.json before start (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  /** A .vsix installed into the temp extensions folder before start. */
  vsixPath?: string;
  /**
   * An extension folder listed as installed where it is (nothing copied): VS Code then runs it
   * as a user's extension, not in development mode, so an extension host that dies is
   * restarted as for a user instead of ending the session.
   */
  installedInPlace?: string;
  /** Copy the server's own output to stderr as it comes (ISC_VSCODE_VERBOSE=1 does the same). */
  echoOutput?: boolean;
}

export interface ThrowawayCodeServer extends CodeServer, CodeServerFolders {
  workspace: string;
}

const testSettings = { ...quietSettings, 'workbench.startupEditor': 'none', 'git.enabled': false };

export async function startThrowawayCodeServer(options: ThrowawayCodeServerOptions): Promise<ThrowawayCodeServer> {
  const install = await installOfflineVsCode();
  const root = mkdtempSync(path.join(tmpdir(), 'isc-code-server-'));
  const removeRoot = (): void => rmSync(root, { recursive: true, force: true });
  const folders: CodeServerFolders = {
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    configFile: path.join(root, 'config.yaml'),
  };
  const echo = options.echoOutput || process.env.ISC_VSCODE_VERBOSE === '1';
  try {
    mkdirSync(path.join(folders.userDataDir, 'User'), { recursive: true });
    mkdirSync(folders.extensionsDir);
    writeFileSync(path.join(folders.userDataDir, 'User/settings.json'), JSON.stringify({ ...testSettings, ...options.settings }, null, 2));
    const env = codeServerEnv(install, { extra: options.env, isolatedHome: true });
    if (options.vsixPath) installVsix(install, options.vsixPath, folders, env);
    if (options.installedInPlace) listAsInstalled(options.installedInPlace, folders.extensionsDir);
    const server = await startCodeServer({
      install,
      folders,
      workspace: options.workspace,
      env,
      onOutput: echo ? (chunk) => process.stderr.write(`[code-server] ${chunk}`) : undefined,
      cleanUpOnExit: removeRoot,
    });
    return {
      ...server,
      ...folders,
      workspace: options.workspace,
      stop: async () => {
        await server.stop();
        removeRoot();
      },
    };
  } catch (error) {
    removeRoot();
    throw error;
  }
}

/** The profile's extensions.json naming one extension at its own folder, as VS Code writes it. */
function listAsInstalled(extensionPath: string, extensionsDir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const installed = [
    {
      identifier: { id: `${manifest.publisher}.${manifest.name}`.toLowerCase() },
      version: manifest.version,
      location: { $mid: 1, scheme: 'file', path: path.resolve(extensionPath) },
    },
  ];
  writeFileSync(path.join(extensionsDir, 'extensions.json'), JSON.stringify(installed));
}
