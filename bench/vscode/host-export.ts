// The export step of the bench module in the extension host: adds the bench tenant, then runs
// Export Accounts on the big source through its command (scripted arguments, so no prompt),
// sampling the host's heap and RSS, and the heap of the export's worker thread, every few
// milliseconds while it runs: the peak over the level before (after forced GCs), plus the
// worker's, is the memory the export costs the extension host.
import * as v8 from 'node:v8';
import * as vscode from 'vscode';
import type { HeapSplit, HostBenchConfig, HostExportResult, MemorySample } from './protocol';

interface TenantsApi {
  tenants: { save(tenant: { id: string; label: string; baseUrl: string; clientId: string }, clientSecret: string): Promise<void> };
  exportWorkersHeapPeak(): Promise<number>;
}

export async function exportAccountsInHost(api: TenantsApi, config: NonNullable<HostBenchConfig['exportAccounts']>, settledMemory: () => MemorySample): Promise<HostExportResult> {
  const tenantId = 'bench-export';
  await api.tenants.save({ id: tenantId, label: 'Bench export tenant', baseUrl: config.baseUrl, clientId: config.clientId }, config.clientSecret);
  const before = settledMemory();
  const splitBefore = heapSplit();
  let peakHeapUsed = before.heapUsed;
  let splitAtPeak = splitBefore;
  let peakRss = before.rss;
  let samples = 0;
  let workerHeapPeak = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.heapUsed > peakHeapUsed) {
      peakHeapUsed = usage.heapUsed;
      splitAtPeak = heapSplit();
    }
    peakRss = Math.max(peakRss, usage.rss);
    samples++;
    void api.exportWorkersHeapPeak().then((peak) => (workerHeapPeak = Math.max(workerHeapPeak, peak)));
  }, config.sampleEveryMs);
  const from = Date.now();
  const started = performance.now();
  let result: { rows: number; complete: boolean } | undefined;
  try {
    result = await vscode.commands.executeCommand<{ rows: number; complete: boolean } | undefined>('iscAccounts.source.exportAccounts', {
      tenantId,
      sourceId: config.sourceId,
      format: config.format,
      attributes: config.attributes,
      file: config.file,
    });
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const window = { from, to: Date.now() };
  if (!result) throw new Error('Export Accounts returned nothing: it failed (see the extension log)');
  return { rows: result.rows, complete: result.complete, wallMs, window, before, peakHeapUsed, peakRss, workerHeapPeak, samples, after: settledMemory(), split: { before: splitBefore, atPeak: splitAtPeak } };
}

/** Where the heap is: V8's young generation (garbage waits there for the next scavenge) and the rest. */
function heapSplit(): HeapSplit {
  const spaces = v8.getHeapSpaceStatistics();
  const young = spaces.filter((space) => space.space_name === 'new_space' || space.space_name === 'new_large_object_space');
  return {
    youngUsed: young.reduce((sum, space) => sum + space.space_used_size, 0),
    youngCapacity: spaces.find((space) => space.space_name === 'new_space')?.space_size ?? 0,
    oldUsed: spaces.filter((space) => !young.includes(space)).reduce((sum, space) => sum + space.space_used_size, 0),
  };
}
