// Two bundles: the extension for the Node extension host, and the attribute editor's
// webview script for the browser. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { bundle: true, sourcemap: true, minify: production, logLevel: 'info' };

// The sandbox tenant is a bundle of its own, required only when a user connects to it, so
// activation neither parses nor ships it inside extension.js.
const lazySandbox = {
  name: 'lazy-sandbox',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/sandbox\/index\.js$/ }, (args) =>
      args.importer.endsWith('sandbox-host.ts') ? { path: './sandbox.js', external: true } : undefined,
    );
  },
};

const nodeBundle = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
const builds = [
  {
    ...nodeBundle,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    // fetch-blob (under node-fetch) falls back to this polyfill only where globalThis.ReadableStream
    // is missing, which no Node this extension runs on (>= 20) lacks: 59 KB never executed.
    external: ['vscode', 'web-streams-polyfill/dist/ponyfill.es2018.js'],
    plugins: [lazySandbox],
  },
  { ...nodeBundle, entryPoints: ['src/sandbox/index.ts'], outfile: 'dist/sandbox.js' },
];
if (existsSync('media/editor/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['media/editor/main.ts'],
    outfile: 'dist/editor.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
