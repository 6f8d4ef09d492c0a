// The export's worker thread, seen from the extension host: pages go in as bytes, rows come
// back as bytes. An export of 100,000 accounts parses and formats hundreds of MB; on the host's
// own heap that much garbage waits in V8's young generation, which the host lets grow to
// 128 MB. The worker's young generation is capped (YOUNG_GENERATION_MB), so its garbage is
// collected early, and the host only ever holds bytes, outside its heap. One worker per export.
import { Worker } from 'node:worker_threads';
import type { ReadItems, UnreadPage } from '../isc/api';
import type { ExportRows, ExportRowsSpec } from './export-rows';

export interface ExportRowsMessage {
  id: number;
  bytes: Uint8Array;
  spec: ExportRowsSpec;
}

export interface ExportRowsAnswer {
  id: number;
  read?: ReadItems<ExportRows> | UnreadPage;
  /** The thread's own failure (a bug, never a bad page: that is `read` unread). */
  error?: string;
  /** The worker's heap just after the page, its garbage not yet collected. */
  heapUsed: number;
}

/** Makes pages into rows (ExportRowsWorker: in a worker thread). */
export interface ExportRowsReader {
  read(bytes: Uint8Array, spec: ExportRowsSpec): Promise<ReadItems<ExportRows> | UnreadPage>;
  close(): Promise<void>;
}

/** Room for a page's garbage; small enough that the worker's heap stays near 10 MB (the bench). */
const YOUNG_GENERATION_MB = 8;
/** Room for a page at the client's largest answer (32 MB of JSON) parsed, never reserved. */
const OLD_GENERATION_MB = 256;

const running = new Set<ExportRowsWorker>();

/** The peak heaps of the running export workers, summed: what the bench adds to the host's own. */
export async function exportWorkersHeapPeak(): Promise<number> {
  let total = 0;
  for (const worker of running) total += await worker.heapPeak();
  return total;
}

export class ExportRowsWorker implements ExportRowsReader {
  private peak = 0;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (read: ReadItems<ExportRows> | UnreadPage) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    running.add(this);
    worker.on('message', (answer: ExportRowsAnswer) => this.answered(answer));
    worker.on('error', (error) => this.fail(new Error(`The export's worker thread failed: ${error.message}`)));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        running.delete(this);
        this.fail(new Error(`The export's worker thread stopped (exit code ${code}).`));
        resolve();
      }),
    );
  }

  /** `script`: the bundled export-rows-thread.ts (dist/export-worker.js). */
  static start(script: string): ExportRowsWorker {
    return new ExportRowsWorker(new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB } }));
  }

  read(bytes: Uint8Array, spec: ExportRowsSpec): Promise<ReadItems<ExportRows> | UnreadPage> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const message: ExportRowsMessage = { id, bytes, spec };
    // Moved rather than copied when the bytes are their buffer's whole (as a fetched body is).
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(message, whole ? [bytes.buffer as ArrayBuffer] : []);
    });
  }

  /** The highest heap seen: reported by the worker after each page, or read now from outside. */
  async heapPeak(): Promise<number> {
    // Node >= 22.16 reads a worker's heap from outside, mid-page too; before, only the reports count.
    const { getHeapStatistics } = this.worker as Worker & { getHeapStatistics?: () => Promise<{ used_heap_size: number }> };
    const now = getHeapStatistics ? (await getHeapStatistics.call(this.worker).catch(() => undefined))?.used_heap_size : undefined;
    this.peak = Math.max(this.peak, now ?? 0);
    return this.peak;
  }

  async close(): Promise<void> {
    this.fail(new Error("The export's worker thread was closed."));
    await this.worker.terminate();
    await this.exited;
  }

  private answered(answer: ExportRowsAnswer): void {
    this.peak = Math.max(this.peak, answer.heapUsed);
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (answer.read) waiting.resolve(answer.read);
    else waiting.reject(new Error(`The export's worker thread failed on a page: ${answer.error ?? 'no answer'}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
  }
}
