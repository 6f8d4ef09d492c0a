import { extensionBundleOptions } from './tools/build';
import { buildSplit } from './tools/build-split';
const s = await buildSplit(extensionBundleOptions({ production: true, logLevel: 'silent' }), false);
console.log(s.shared);
const o = Object.entries(s.metafiles.main.outputs).find(([f])=>f.endsWith('.js'))![1];
const dirs = new Map<string, number>();
for (const [k, v] of Object.entries(o.inputs)) { const d = k.split('/').slice(0, k.startsWith('..') ? 5 : 2).join('/'); dirs.set(d, (dirs.get(d) ?? 0) + v.bytesInOutput); }
console.log(o.bytes, [...dirs].sort((a, b) => b[1] - a[1]).map(([d, v]) => `${d} ${(v / 1024).toFixed(1)}K`).join(', '));
