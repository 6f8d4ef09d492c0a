// Bundles the in-VS-Code tests: test/integration/index.ts (the `run()` entry) and one bundle
// per *.test.ts, into out/test/integration/. `vscode` is provided by the extension host and
// `mocha` is loaded from the repo's node_modules at run time, so both stay external.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../paths';

const sourceDir = path.join(repoRoot, 'test/integration');
export const integrationOutDir = path.join(repoRoot, 'out/test/integration');
/** What VS Code loads as `extensionTestsPath`. */
export const integrationEntry = path.join(integrationOutDir, 'index.js');

/** Returns the names of the test files bundled. */
export async function buildIntegrationTests(): Promise<string[]> {
  const testFiles = readdirSync(sourceDir).filter((name) => name.endsWith('.test.ts'));
  // A stale bundle of a deleted test would still run: start from an empty folder.
  rmSync(integrationOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['index.ts', ...testFiles].map((name) => path.join(sourceDir, name)),
    outdir: integrationOutDir,
    outbase: sourceDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: true,
    logLevel: 'warning',
  });
  return testFiles;
}
