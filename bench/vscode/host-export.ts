// The export step of the bench module in the extension host: adds the bench tenant, then runs
// Export Accounts on the big source through its command (scripted arguments, so no prompt),
// sampling the host's heap and RSS, and the heap of the export's worker thread, every few
// milliseconds while it runs: the peak over the level before (after forced GCs), plus the
// worker's, is the memory the export costs the extension host. Then, in the same host, the
// control: as many requests through the extension's own client for the tenant, at its pacing
// and concurrency, each for one account, sampled the same way: what the requests alone cost
// the host's thread (VS Code's own handling of each HTTP request included), export or not.
import * as v8 from 'node:v8';
import * as vscode from 'vscode';
import type { HeapSplit, HostBenchConfig, HostExportResult, MemorySample, RequestsOnlyResult } from './protocol';

interface ExportBenchApi {
  tenants: { save(tenant: { id: string; label: string; baseUrl: string; clientId: string }, clientSecret: string): Promise<void> };
  clients: { forTenant(id: string): Promise<{ listAccounts(options: { filters?: string; limit?: number }): Promise<unknown> }> };
  exportWorkersHeapPeak(): Promise<number>;
}

interface HeapPeaks {
  before: MemorySample;
  peakHeapUsed: number;
  peakRss: number;
  workerHeapPeak: number;
  samples: number;
  split: { before: HeapSplit; atPeak: HeapSplit };
}

/** Samples the host's heap (and the export workers') from a settled level until `work` ends. */
async function samplePeaks<T>(api: ExportBenchApi, sampleEveryMs: number, settledMemory: () => MemorySample, work: () => Thenable<T>): Promise<{ value: T; peaks: HeapPeaks }> {
  const before = settledMemory();
  const splitBefore = heapSplit();
  const peaks: HeapPeaks = { before, peakHeapUsed: before.heapUsed, peakRss: before.rss, workerHeapPeak: 0, samples: 0, split: { before: splitBefore, atPeak: splitBefore } };
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.heapUsed > peaks.peakHeapUsed) {
      peaks.peakHeapUsed = usage.heapUsed;
      peaks.split.atPeak = heapSplit();
    }
    peaks.peakRss = Math.max(peaks.peakRss, usage.rss);
    peaks.samples++;
    void api.exportWorkersHeapPeak().then((peak) => (peaks.workerHeapPeak = Math.max(peaks.workerHeapPeak, peak)));
  }, sampleEveryMs);
  try {
    return { value: await work(), peaks };
  } finally {
    clearInterval(sampler);
  }
}

export async function exportAccountsInHost(api: ExportBenchApi, config: NonNullable<HostBenchConfig['exportAccounts']>, settledMemory: () => MemorySample): Promise<HostExportResult> {
  const tenantId = 'bench-export';
  await api.tenants.save({ id: tenantId, label: 'Bench export tenant', baseUrl: config.baseUrl, clientId: config.clientId }, config.clientSecret);
  const from = Date.now();
  const started = performance.now();
  const { value: result, peaks } = await samplePeaks(api, config.sampleEveryMs, settledMemory, () =>
    vscode.commands.executeCommand<{ rows: number; complete: boolean } | undefined>('iscAccounts.source.exportAccounts', {
      tenantId,
      sourceId: config.sourceId,
      format: config.format,
      attributes: config.attributes,
      file: config.file,
    }),
  );
  const wallMs = performance.now() - started;
  const window = { from, to: Date.now() };
  if (!result) throw new Error('Export Accounts returned nothing: it failed (see the extension log)');
  const after = settledMemory();
  const requestsOnly = await requestsOnlyInHost(api, tenantId, config, settledMemory);
  return { rows: result.rows, complete: result.complete, wallMs, window, ...peaks, after, requestsOnly };
}

/** The control: `config.controlRequests` one-account list requests through the tenant's client, `concurrency` at a time. */
async function requestsOnlyInHost(api: ExportBenchApi, tenantId: string, config: NonNullable<HostBenchConfig['exportAccounts']>, settledMemory: () => MemorySample): Promise<RequestsOnlyResult> {
  const client = await api.clients.forTenant(tenantId);
  const filters = `sourceId eq "${config.sourceId}"`;
  const started = performance.now();
  const { peaks } = await samplePeaks(api, config.sampleEveryMs, settledMemory, async () => {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < config.controlRequests) {
        next++;
        await client.listAccounts({ filters, limit: 1 });
      }
    };
    await Promise.all(Array.from({ length: config.controlConcurrency }, lane));
  });
  return { requests: config.controlRequests, wallMs: performance.now() - started, before: peaks.before, peakHeapUsed: peaks.peakHeapUsed, split: peaks.split };
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
