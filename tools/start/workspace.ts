// The folders `npm start` keeps under .vscode-test/start/ (ignored by git): a VS Code profile of
// its own, so your everyday VS Code settings, extensions and tenants are never touched, and
// kept between runs, so the second start finds the layout you left.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { quietSettings } from '../vscode/quiet-settings';

// Fewer distractions on a first look: no welcome page, tips, update or telemetry calls (the
// same quiet settings the tests use), and the workspace's README (what to click first) opens.
const firstRunSettings = {
  ...quietSettings,
  'workbench.startupEditor': 'readme',
};

// One line per paragraph: the editor wraps Markdown to the window's width.
const welcome = `# ISC Accounts: sandbox session

This VS Code runs the ISC Accounts extension from your checkout, connected to a sandbox tenant: a fake ISC tenant on this machine (127.0.0.1), started by \`npm start\`. Nothing here talks to a real tenant.

1. Click the **ISC Accounts** icon in the activity bar (left edge).
2. Expand **Sandbox (npm start)**, then a source, to page through its accounts.
3. Right-click an account: enable, disable, unlock, reload, reassign, edit attributes (flat-file sources), ...

Stop everything with Ctrl+C in the terminal that runs \`npm start\`.

After changing the code, run \`npm run build\` (or keep \`npm run watch\` running), then **Developer: Reload Window** here to run the new build.
`;

export interface StartFolders {
  root: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  logFile: string;
  installLogFile: string;
  /** The welcome page, in the workspace. */
  readme: string;
}

export function prepareStartFolders(repoRoot: string, kind: 'code-server' | 'desktop', profile: string | undefined): StartFolders {
  const root = path.resolve(repoRoot, profile ?? '.vscode-test/start');
  const workspace = path.join(root, 'workspace');
  const dirs: StartFolders = {
    root,
    workspace,
    userDataDir: path.join(root, `${kind}-user-data`),
    extensionsDir: path.join(root, `${kind}-extensions`),
    configFile: path.join(root, 'code-server.yaml'),
    logFile: path.join(root, `${kind}.log`),
    installLogFile: path.join(root, 'install.log'),
    readme: path.join(workspace, 'README.md'),
  };
  for (const dir of [dirs.workspace, path.join(dirs.userDataDir, 'User'), dirs.extensionsDir]) {
    mkdirSync(dir, { recursive: true });
  }
  // Written once: later changes you make in that VS Code are yours to keep.
  const settingsFile = path.join(dirs.userDataDir, 'User/settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, `${JSON.stringify(firstRunSettings, null, 2)}\n`);
  writeFileSync(dirs.readme, welcome);
  return dirs;
}
