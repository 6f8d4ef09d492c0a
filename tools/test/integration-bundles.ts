// Bundles the in-VS-Code tests: test/integration/index.ts (the `run()` entry) and one bundle
// per *.test.ts, into out/test/integration/. `vscode` is provided by the extension host and
// `mocha` is loaded from the repo's node_modules at run time, so both stay external.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = path.join(repoRoot, 'test/integration');
export const integrationOutDir = path.join(repoRoot, 'out/test/integration');

export async function buildIntegrationTests() {
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
  return { entry: path.join(integrationOutDir, 'index.js'), testFiles };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { testFiles } = await buildIntegrationTests();
  console.log(`built ${testFiles.length} in-VS-Code test bundle(s) into ${path.relative(repoRoot, integrationOutDir)}/`);
}
