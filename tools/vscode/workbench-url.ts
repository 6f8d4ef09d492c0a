// The page that opens code-server's workbench on a folder, with an extension loaded from source
// (like F5 in VS Code desktop) and optionally its tests run. The workbench reads those paths
// from `payload` only under enable-smoke-test-driver, and resolves them on the server side
// through code-server's fixed remote authority `remote`.
import * as path from 'node:path';

export interface WorkbenchPayload {
  /** Absolute path of an extension to load from source. */
  extensionDevelopmentPath?: string;
  /** Absolute path of a module exporting `run()`: the workbench runs it, then exits. */
  extensionTestsPath?: string;
  skipWelcome?: boolean;
}

export function workbenchUrl(baseUrl: string, workspace: string, payload: WorkbenchPayload): string {
  const entries: [string, string][] = [];
  if (payload.skipWelcome) entries.push(['skipWelcome', 'true']);
  if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remoteUri(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remoteUri(payload.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: path.resolve(workspace), payload: JSON.stringify(entries) });
  return `${baseUrl}/?${query}`;
}

function remoteUri(file: string): string {
  return `vscode-remote://remote${path.resolve(file)}`;
}
