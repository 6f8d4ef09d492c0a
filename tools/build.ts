// The bundles: the extension for the Node extension host (split: what activation needs, and
// the client, the tree below a tenant, the Activity rows and the command features loaded on
// first use, see build-split.ts), the export's worker thread, the sandbox, and the webview
// scripts (the attribute editor's, the Create Account form's, the bulk editor's) for the browser.
// `--production` minifies; `--watch` rebuilds on change.
// npm start and the in-VS-Code tests build through buildExtension() before they open VS Code.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { buildSplit, SPLIT_BUNDLES } from './build-split';
import { repoRoot } from './paths';

export interface BuildOptions {
  production?: boolean;
  logLevel?: esbuild.LogLevel;
}

// The sandbox tenant is a bundle of its own, required only when a user connects to it, so
// activation neither parses nor ships it inside extension.js.
const lazySandbox: esbuild.Plugin = {
  name: 'lazy-sandbox',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/sandbox\/index\.js$/ }, (args) =>
      args.importer.endsWith('sandbox-host.ts') ? { path: './sandbox.js', external: true } : undefined,
    );
  },
};

// node-fetch imports its multipart parser only inside Response.formData() for multipart bodies,
// which this extension never calls (ISC answers JSON): 4.4 KB never executed. Left out, a call
// would fail loudly (module not found), never silently.
const unusedMultipartParser: esbuild.Plugin = {
  name: 'unused-multipart-parser',
  setup(build) {
    build.onResolve({ filter: /^\.\/utils\/multipart-parser\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node-fetch${path.sep}`) ? { path: args.path, external: true } : undefined,
    );
  },
};

/** Each webview's script and its bundle. */
const WEBVIEW_SCRIPTS: ReadonlyArray<[entry: string, outfile: string]> = [
  ['media/editor/main.ts', 'dist/editor.js'],
  ['media/create-form/main.ts', 'dist/create-form.js'],
  ['media/bulk-editor/main.ts', 'dist/bulk-editor.js'],
];

/** The options the extension's split bundles share (build-split.ts adds entries and outfiles). */
export function extensionBundleOptions({ production = false, logLevel = 'info' }: BuildOptions = {}): esbuild.BuildOptions {
  return {
    ...commonOptions({ production, logLevel }),
    ...NODE_BUNDLE,
    // fetch-blob (under node-fetch) falls back to this polyfill only where globalThis.ReadableStream
    // is missing, which no Node this extension runs on (>= 20) lacks: 59 KB never executed.
    external: ['vscode', 'web-streams-polyfill/dist/ponyfill.es2018.js'],
    plugins: [lazySandbox, unusedMultipartParser],
  };
}

const NODE_BUNDLE: esbuild.BuildOptions = { platform: 'node', format: 'cjs', target: 'node20' };

function commonOptions({ production = false, logLevel = 'info' }: BuildOptions): esbuild.BuildOptions {
  return { absWorkingDir: repoRoot, bundle: true, sourcemap: true, minify: production, logLevel };
}

/** The export's worker thread (src/core/export-rows-worker.ts starts it from this file). */
export function exportWorkerBuild(options: BuildOptions = {}, outfile = 'dist/export-worker.js'): esbuild.BuildOptions {
  return { ...commonOptions(options), ...NODE_BUNDLE, entryPoints: ['src/core/export-rows-thread.ts'], outfile };
}

/** Every bundle but the extension's split ones. */
function otherBuilds(options: BuildOptions): esbuild.BuildOptions[] {
  const common = commonOptions(options);
  const builds: esbuild.BuildOptions[] = [{ ...common, ...NODE_BUNDLE, entryPoints: ['src/sandbox/index.ts'], outfile: 'dist/sandbox.js' }, exportWorkerBuild(options)];
  for (const [entry, outfile] of WEBVIEW_SCRIPTS) {
    if (!existsSync(path.join(repoRoot, entry))) continue;
    builds.push({ ...common, entryPoints: [entry], outfile, platform: 'browser', format: 'iife', target: 'es2022' });
  }
  return builds;
}

export async function buildExtension(options: BuildOptions = {}): Promise<void> {
  await Promise.all([buildSplit(extensionBundleOptions(options)), ...otherBuilds(options).map((build) => esbuild.build(build))]);
}

async function watchExtension(options: BuildOptions): Promise<void> {
  for (const build of otherBuilds(options)) await (await esbuild.context(build)).watch();
  // The split takes three passes, which one esbuild context cannot make: this context only
  // watches the sources and, after each change, makes the split again.
  const rebuildSplit: esbuild.Plugin = {
    name: 'rebuild-split',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length === 0) await buildSplit(extensionBundleOptions(options)).catch(() => undefined);
      });
    },
  };
  const sources = extensionBundleOptions({ ...options, logLevel: 'silent' });
  const context = await esbuild.context({ ...sources, entryPoints: SPLIT_BUNDLES.map((bundle) => bundle.entry), outdir: 'dist', write: false, plugins: [...(sources.plugins ?? []), rebuildSplit] });
  await context.watch();
}

if (require.main === module) {
  const options = { production: process.argv.includes('--production') };
  const run = process.argv.includes('--watch') ? watchExtension(options) : buildExtension(options);
  run.catch((error: unknown) => {
    // esbuild has printed its own errors (a BuildFailure carries them as `errors`).
    if (!(error instanceof Error && 'errors' in error)) console.error(error);
    process.exit(1);
  });
}
