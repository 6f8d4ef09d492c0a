// dist/extension.js carries only what activation needs; the code that runs once a command does
// (the handlers, the attribute editor, the create form, bulk edit, export) is dist/features.js,
// required on the first command. CommonJS bundles cannot share modules the way esbuild's ESM
// splitting does, so the split is made by hand, in three passes:
//   1. the main bundle alone, to learn which modules it holds;
//   2. the features bundle, where every import of a module the main bundle holds is answered
//      by the main bundle's own instance (a registry it exports), never by a second copy: one
//      IscError class for instanceof, one journal, one cache;
//   3. the main bundle again, exporting that registry of the modules pass 2 asked for.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { repoRoot } from './paths';

export const MAIN_ENTRY = 'src/extension.ts';
export const FEATURES_ENTRY = 'src/commands/features.ts';
export const MAIN_OUTFILE = 'dist/extension.js';
export const FEATURES_OUTFILE = 'dist/features.js';
/** What the main bundle exports for the features bundle: metafile path → module namespace. */
export const SHARED_EXPORT = '__sharedModules';
const SHARED_NAMESPACE = 'shared-from-main';

export interface SplitResult {
  main: esbuild.Metafile;
  features: esbuild.Metafile;
  /** The modules the features bundle takes from the main bundle (metafile paths). */
  shared: string[];
}

/** The loader's import of the features bundle stays a require of dist/features.js. */
const featuresExternal: esbuild.Plugin = {
  name: 'features-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\.js$/ }, (args) =>
      args.importer.endsWith('lazy-features.ts') ? { path: './features.js', external: true } : undefined,
    );
  },
};

function metafilePath(absolute: string): string {
  return path.relative(repoRoot, absolute).split(path.sep).join('/');
}

/** Answers imports of the main bundle's modules with the main bundle's instances. */
function sharedFromMain(mainModules: ReadonlySet<string>, used: Set<string>): esbuild.Plugin {
  return {
    name: 'shared-from-main',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === SHARED_NAMESPACE) return { path: args.path, external: true };
        if (args.kind === 'entry-point' || args.pluginData === SHARED_NAMESPACE) return undefined;
        const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: SHARED_NAMESPACE });
        if (resolved.errors.length > 0 || resolved.external || !resolved.path) return undefined;
        const key = metafilePath(resolved.path);
        if (!mainModules.has(key)) return { path: resolved.path, namespace: resolved.namespace, sideEffects: resolved.sideEffects, suffix: resolved.suffix };
        used.add(key);
        return { path: key, namespace: SHARED_NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: SHARED_NAMESPACE }, (args) => ({
        contents: `module.exports = require("./extension.js").${SHARED_EXPORT}[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/** The main bundle's entry: the extension, plus the registry of the modules the features share. */
function mainEntry(shared: readonly string[]): esbuild.StdinOptions {
  const imports = shared.map((key, index) => `import * as m${index} from ${JSON.stringify(`./${key}`)};`);
  const registry = shared.map((key, index) => `${JSON.stringify(key)}: m${index}`).join(', ');
  return {
    contents: [`export * from "./${MAIN_ENTRY}";`, ...imports, `export const ${SHARED_EXPORT} = { ${registry} };`].join('\n'),
    resolveDir: repoRoot,
    sourcefile: 'extension-entry.ts',
    loader: 'ts',
  };
}

function outputOf(metafile: esbuild.Metafile): esbuild.Metafile['outputs'][string] {
  const js = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.js'));
  if (!js) throw new Error('esbuild produced no .js output');
  return js[1];
}

/**
 * Builds dist/extension.js and dist/features.js from `node` (the options both share; its
 * plugins run in both). With `write: false` nothing is written: tests read the metafiles.
 */
export async function buildSplit(node: esbuild.BuildOptions, write = true): Promise<SplitResult> {
  const plugins = [...(node.plugins ?? []), featuresExternal];
  const probe = await esbuild.build({ ...node, plugins, entryPoints: [MAIN_ENTRY], outfile: MAIN_OUTFILE, metafile: true, write: false, logLevel: 'silent' });
  const mainModules = new Set(Object.keys(outputOf(probe.metafile).inputs));
  const used = new Set<string>();
  const features = await esbuild.build({
    ...node,
    plugins: [...(node.plugins ?? []), sharedFromMain(mainModules, used)],
    entryPoints: [FEATURES_ENTRY],
    outfile: FEATURES_OUTFILE,
    metafile: true,
    write,
  });
  const shared = [...used].sort();
  const main = await esbuild.build({ ...node, plugins, stdin: mainEntry(shared), outfile: MAIN_OUTFILE, metafile: true, write });
  return { main: main.metafile, features: features.metafile, shared };
}

/** The source modules a bundle holds (its own code, not the registry's stand-ins). */
export function bundledModules(metafile: esbuild.Metafile): string[] {
  return Object.keys(outputOf(metafile).inputs).filter((key) => !key.startsWith(`${SHARED_NAMESPACE}:`) && key !== 'extension-entry.ts');
}
