// dist/extension.js carries only what activation needs. Four bundles load later, each on first use:
// dist/client.js, the ISC client (HTTP transport, auth, rate limiting, endpoints, node-fetch),
// when the first tenant's client is built; dist/tree.js, the nodes below a tenant, when one is
// expanded; dist/activity.js, the Activity rows and settling, when the view first has entries;
// dist/features.js, the command handlers and the editors, when the first command runs. CommonJS bundles cannot share modules the way esbuild's
// ESM splitting does, so the split is made here: a bundle's import of a module an earlier
// bundle holds is answered by that bundle's own instance (from a registry it exports), never by
// a second copy: one IscError class for instanceof, one journal, one cache. Passes: probe each
// bundle in order to learn what it holds and what it takes from the earlier ones, then write
// each with the registry of what the later ones take.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { repoRoot } from './paths';

export interface SplitBundle {
  name: string;
  entry: string;
  outfile: string;
  /** The one module that requires this bundle at run time, and the request it uses. */
  loader?: { importer: string; request: RegExp };
}

/** In load order: each bundle may take modules from those before it, never after. */
export const SPLIT_BUNDLES: readonly SplitBundle[] = [
  { name: 'main', entry: 'src/extension.ts', outfile: 'dist/extension.js' },
  { name: 'client', entry: 'src/isc/client.ts', outfile: 'dist/client.js', loader: { importer: 'src/tenants/client-loader.ts', request: /^\.\.\/isc\/client\.js$/ } },
  { name: 'tree', entry: 'src/tree/tree-parts.ts', outfile: 'dist/tree.js', loader: { importer: 'src/tree/tree-loader.ts', request: /^\.\/tree-parts\.js$/ } },
  { name: 'activity', entry: 'src/activity/activity-parts.ts', outfile: 'dist/activity.js', loader: { importer: 'src/activity/activity-loader.ts', request: /^\.\/activity-parts\.js$/ } },
  { name: 'features', entry: 'src/commands/features.ts', outfile: 'dist/features.js', loader: { importer: 'src/commands/lazy-features.ts', request: /^\.\/features\.js$/ } },
];

/** What each bundle exports for the later ones: metafile path → module namespace. */
export const SHARED_EXPORT = '__sharedModules';
const SHARED_NAMESPACE = 'shared';
const ENTRY_SUFFIX = '-entry.ts';

export interface SplitResult {
  /** Per bundle name, its metafile. */
  metafiles: Record<string, esbuild.Metafile>;
  /** Per bundle name, the modules later bundles take from it (metafile paths). */
  shared: Record<string, string[]>;
}

function metafilePath(absolute: string): string {
  return path.relative(repoRoot, absolute).split(path.sep).join('/');
}

/** A loader's import of a lazy bundle stays a require of that bundle's file in dist/. */
const lazyBundlesExternal: esbuild.Plugin = {
  name: 'lazy-bundles-external',
  setup(build) {
    for (const { loader, outfile } of SPLIT_BUNDLES) {
      if (!loader) continue;
      build.onResolve({ filter: loader.request }, (args) =>
        metafilePath(args.importer) === loader.importer ? { path: `./${path.basename(outfile)}`, external: true } : undefined,
      );
    }
  },
};

/** Answers imports of modules the earlier bundles hold with their instances; records which. */
function sharedFromEarlier(earlier: ReadonlyArray<{ bundle: SplitBundle; modules: ReadonlySet<string>; used: Set<string> }>): esbuild.Plugin {
  return {
    name: 'shared-from-earlier',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === SHARED_NAMESPACE) return { path: args.path, external: true };
        if (args.kind === 'entry-point' || args.pluginData === SHARED_NAMESPACE) return undefined;
        const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: SHARED_NAMESPACE });
        if (resolved.errors.length > 0 || resolved.external || !resolved.path) return undefined;
        const key = metafilePath(resolved.path);
        const owner = earlier.find(({ modules }) => modules.has(key));
        if (!owner) return { path: resolved.path, namespace: resolved.namespace, sideEffects: resolved.sideEffects, suffix: resolved.suffix };
        owner.used.add(key);
        return { path: `${owner.bundle.name}:${key}`, namespace: SHARED_NAMESPACE, pluginData: { from: path.basename(owner.bundle.outfile), key } };
      });
      build.onLoad({ filter: /.*/, namespace: SHARED_NAMESPACE }, (args) => {
        const { from, key } = args.pluginData as { from: string; key: string };
        return { contents: `module.exports = require("./${from}").${SHARED_EXPORT}[${JSON.stringify(key)}];`, loader: 'js' };
      });
    },
  };
}

/** A bundle's entry: its module, plus the registry of the modules later bundles take from it. */
function entryWithRegistry(bundle: SplitBundle, shared: readonly string[]): esbuild.StdinOptions {
  const imports = shared.map((key, index) => `import * as m${index} from ${JSON.stringify(`./${key}`)};`);
  const registry = shared.map((key, index) => `${JSON.stringify(key)}: m${index}`).join(', ');
  return {
    contents: [`export * from "./${bundle.entry}";`, ...imports, `export const ${SHARED_EXPORT} = { ${registry} };`].join('\n'),
    resolveDir: repoRoot,
    sourcefile: `${bundle.name}${ENTRY_SUFFIX}`,
    loader: 'ts',
  };
}

function outputOf(metafile: esbuild.Metafile): esbuild.Metafile['outputs'][string] {
  const js = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.js'));
  if (!js) throw new Error('esbuild produced no .js output');
  return js[1];
}

/**
 * Builds the split bundles from `node` (the options they share; its plugins run in each). With
 * `write: false` nothing is written: tests read the metafiles.
 */
export async function buildSplit(node: esbuild.BuildOptions, write = true): Promise<SplitResult> {
  const probed: Array<{ bundle: SplitBundle; modules: Set<string>; used: Set<string> }> = [];
  for (const bundle of SPLIT_BUNDLES) {
    const probe = await esbuild.build({
      ...node,
      plugins: [...(node.plugins ?? []), lazyBundlesExternal, sharedFromEarlier([...probed])],
      entryPoints: [bundle.entry],
      outfile: bundle.outfile,
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    // Every module in the bundle's graph, even one tree-shaking left out of its code: a later
    // bundle's import of it makes the registry keep it, so it is still in one bundle only.
    probed.push({ bundle, modules: new Set(Object.keys(probe.metafile.inputs).filter(isOwnModule)), used: new Set() });
  }
  const shared = Object.fromEntries(probed.map(({ bundle, used }) => [bundle.name, [...used].sort()]));
  const metafiles: Record<string, esbuild.Metafile> = {};
  await Promise.all(
    probed.map(async ({ bundle }, index) => {
      const result = await esbuild.build({
        ...node,
        // The earlier bundles' `used` sets are final: the probes above filled them.
        plugins: [...(node.plugins ?? []), lazyBundlesExternal, sharedFromEarlier(probed.slice(0, index).map((p) => ({ ...p, used: new Set<string>() })))],
        stdin: entryWithRegistry(bundle, shared[bundle.name]),
        outfile: bundle.outfile,
        metafile: true,
        write,
      });
      metafiles[bundle.name] = result.metafile;
    }),
  );
  return { metafiles, shared };
}

/** The source modules a bundle holds (its own code, not stand-ins for other bundles' modules). */
export function bundledModules(metafile: esbuild.Metafile): string[] {
  return Object.keys(outputOf(metafile).inputs).filter(isOwnModule);
}

function isOwnModule(key: string): boolean {
  return !key.startsWith(`${SHARED_NAMESPACE}:`) && !key.endsWith(ENTRY_SUFFIX) && key !== '<stdin>';
}
