import * as esbuild from 'esbuild';
import { extensionBundleOptions } from './tools/build';
const o = extensionBundleOptions({ production: true, logLevel: 'silent' });
const spy: esbuild.Plugin = { name: 'spy', setup(b) { b.onResolve({ filter: /csv/ }, (a) => { console.log(a.path, a.importer, a.kind, a.pluginData, a.namespace); return undefined; }); } };
await esbuild.build({ ...o, plugins: [spy, ...o.plugins!], entryPoints: ['src/commands/features.ts'], write: false, outfile: 'dist/x.js' });
