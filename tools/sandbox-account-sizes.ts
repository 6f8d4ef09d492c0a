// Measures the sandbox's account sizes per source and its heap, for the table in
// src/sandbox/README.md ("Realistic accounts"):
//   node --expose-gc --import tsx tools/sandbox-account-sizes.ts [--accounts 100000] [--compact]
import { parseArgs } from 'node:util';
import { SandboxTenant, generateTenantData } from '../src/sandbox';
import { accountSizes } from '../src/sandbox/state/account-sizes';

const { values } = parseArgs({ options: { accounts: { type: 'string' }, seed: { type: 'string' }, compact: { type: 'boolean' } } });
const accounts = Number(values.accounts ?? 100_000);
const seed = Number(values.seed ?? 42);
const realisticAccounts = !values.compact;

const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
/** JS heap + Buffers (the JSON cache keeps its bytes outside the JS heap). */
const heapMiB = (): string => {
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return `${(heapUsed / 2 ** 20).toFixed(0)} + ${(arrayBuffers / 2 ** 20).toFixed(0)}`;
};
const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

const heapBefore = heapMiB();
const started = performance.now();
const tenant = new SandboxTenant(generateTenantData({ seed, identities: 300, largeSourceAccounts: accounts }), seed, { realisticAccounts });
const generatedMs = performance.now() - started;
const heapGenerated = heapMiB();
const measuring = performance.now();
const sizes = accountSizes(tenant);
const renderedMs = performance.now() - measuring;
const heapRendered = heapMiB();
const cache = tenant.accountJson.stats();

console.log(`${realisticAccounts ? 'Realistic' : 'Compact'} accounts, seed ${seed}, ${accounts.toLocaleString('en-US')} in the Active Directory source\n`);
console.log('| source | accounts | attributes (median) | account JSON median | p95 | max | first FULL page of 250 | same page SLIM |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of sizes) {
  console.log(`| ${s.source} | ${s.accounts.toLocaleString('en-US')} | ${s.attributes} | ${kib(s.median)} KiB | ${kib(s.p95)} KiB | ${kib(s.max)} KiB | ${kib(s.fullPage)} KiB | ${kib(s.slimPage)} KiB |`);
}
console.log(`\nGenerated in ${generatedMs.toFixed(0)} ms; every account rendered FULL once in ${renderedMs.toFixed(0)} ms.`);
console.log(`Heap + Buffers: ${heapBefore} MiB before, ${heapGenerated} MiB generated, ${heapRendered} MiB after rendering everything ` +
  `(JSON cache: ${cache.accounts.toLocaleString('en-US')} accounts, ${(cache.bytes / 2 ** 20).toFixed(0)} MiB).` +
  `${(globalThis as { gc?: unknown }).gc ? '' : ' (run with node --expose-gc for settled numbers)'}`);
