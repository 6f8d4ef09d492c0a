// Builds the production bundle and the .vsix exactly as a release would (`npm run package`),
// then unpacks the .vsix so the VS Code runs load what a user installs, untouched by anyone
// rebuilding dist/ in this checkout meanwhile.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildExtension } from '../../tools/build';
import { repoRoot } from '../../tools/paths';
import { tmpDir } from './child';

export interface PackagedExtension {
  vsixBytes: number;
  /** dist/extension.js as packed in the .vsix (the production build). */
  extensionJsBytes: number;
  /** Every dist/*.js in the .vsix (bundles loaded on demand or by the webview too). */
  distFiles: Array<{ name: string; bytes: number }>;
  /** The unpacked `extension/` folder of the .vsix, to load as the extension under development. */
  extensionDir: string;
  buildMs: number;
}

export async function packageExtension(): Promise<PackagedExtension> {
  const started = performance.now();
  execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const buildMs = performance.now() - started;
  const vsix = path.join(tmpDir, 'isc-accounts.vsix');
  mkdirSync(tmpDir, { recursive: true });
  copyFileSync(path.join(repoRoot, 'isc-accounts.vsix'), vsix);
  const unpacked = path.join(tmpDir, 'vsix');
  rmSync(unpacked, { recursive: true, force: true });
  execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
  const extensionDir = path.join(unpacked, 'extension');
  // Leave dist/ as `npm run build` makes it for whoever runs tests next; the runs use the unpacked .vsix.
  await buildExtension({ logLevel: 'silent' });
  return {
    vsixBytes: statSync(vsix).size,
    extensionJsBytes: statSync(path.join(extensionDir, 'dist/extension.js')).size,
    distFiles: readdirSync(path.join(extensionDir, 'dist'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => ({ name, bytes: statSync(path.join(extensionDir, 'dist', name)).size })),
    extensionDir,
    buildMs,
  };
}
