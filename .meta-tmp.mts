import { buildSplit } from './tools/build-split';
import { extensionBundleOptions } from './tools/build';
const r = await buildSplit({ ...extensionBundleOptions({ production: true, logLevel: 'silent' }) }, false);
for (const [name, m] of [['main', r.main], ['features', r.features]] as const) {
  const out = Object.values(m.outputs).find((o) => o.entryPoint || true)!;
  const o = Object.entries(m.outputs).find(([f]) => f.endsWith('.js'))![1];
  const dirs = new Map<string, number>();
  for (const [k, v] of Object.entries(o.inputs)) { const d = k.split('/').slice(0, k.startsWith('..') ? 5 : 2).join('/'); dirs.set(d, (dirs.get(d) ?? 0) + v.bytesInOutput); }
  console.log(name, o.bytes, [...dirs].sort((a, b) => b[1] - a[1]).map(([d, v]) => `${d} ${(v / 1024).toFixed(1)}K`).join(', '));
}
console.log('shared', r.shared.length);
const o = Object.entries(r.main.outputs).find(([f]) => f.endsWith('.js'))![1];
console.log(Object.entries(o.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,40).map(([k,v])=>`${(v.bytesInOutput/1024).toFixed(1)} ${k}`).join('\n'));
