// What the bench hands to its module in the extension host, and what that module reports.

export interface HostBenchConfig {
  resultFile: string;
  /** Absent: measure activation only. */
  bigTree?: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    /** The source to expand (the sandbox's big one). */
    sourceName: string;
    /** Accounts to page through before measuring memory. */
    pageThrough: number;
  };
  /** Absent: no export. Runs Export Accounts on a source through the command, from a script. */
  exportAccounts?: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    sourceId: string;
    format: 'csv' | 'jsonl';
    attributes: string[];
    file: string;
    sampleEveryMs: number;
    /** The control after the export: this many one-account list requests, this many at a time. */
    controlRequests: number;
    controlConcurrency: number;
  };
  /** Absent: no Find. Adds the tenant, then opens Find Account `queries` times through its command; the bench types into it. */
  find?: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    queries: number;
  };
}

/** What the Find step saw in the extension host (the timings are taken in the workbench page). */
export interface HostFindResult {
  /** Date.now() once the tenant's sources were listed (its token held): requests before it are set-up. */
  readyAt: number;
  /** What each Find command returned: nothing, when the person pressed Escape. */
  returned: Array<string | null>;
}

/** What the export step measured in the extension host. */
export interface HostExportResult {
  rows: number;
  complete: boolean;
  wallMs: number;
  /** Wall-clock window (Date.now()) of the command: requests are counted in it. */
  window: { from: number; to: number };
  /** After two forced GCs, with the tenant added, just before the command. */
  before: MemorySample;
  /** The highest heapUsed and RSS sampled while the command ran (no GC forced meanwhile). */
  peakHeapUsed: number;
  peakRss: number;
  /**
   * The export's worker thread: the highest heap it reported after a page or was read at from
   * outside, sampled as often as the host's. It did not exist before the command: all of it is growth.
   */
  workerHeapPeak: number;
  samples: number;
  /** After the command, two forced GCs. */
  after: MemorySample;
  /** The heap by generation before the command and at the peak sample. */
  split: { before: HeapSplit; atPeak: HeapSplit };
  requestsOnly: RequestsOnlyResult;
}

/** The control: the export's number of requests, one account each, through the same client, sampled the same way. */
export interface RequestsOnlyResult {
  requests: number;
  wallMs: number;
  before: MemorySample;
  peakHeapUsed: number;
  split: { before: HeapSplit; atPeak: HeapSplit };
}

export interface HeapSplit {
  /** V8's young generation (new space and its large objects): used bytes. */
  youngUsed: number;
  /** The new space's size (both semi-spaces), as V8 reports it. */
  youngCapacity: number;
  /** Every other space: the old generation, large objects, code. */
  oldUsed: number;
}

export interface MemorySample {
  heapUsed: number;
  rss: number;
  external: number;
}

export interface HostBenchResult {
  vscodeVersion: string;
  /** null when the extension was already active before the module ran. */
  activationMs: number | null;
  wasActiveBefore?: boolean;
  /** VS Code's measure: loading the main module, and the activate() call (see timeActivation). */
  codeLoadingMs?: number;
  activateCallMs?: number;
  firstPageMs?: number;
  /** After the first "load more" (two forced GCs): the start of the per-row slope, past every one-time code load. */
  memoryAtSecondPage?: MemorySample;
  /** Other extensions that activated in the same host between the first and the last heap sample. */
  activatedMeanwhile?: string[];
  accountsAtSecondPage?: number;
  /** Where the first page's time went: adding the tenant (secret storage), its sources, the source's first page. */
  firstPageSteps?: { saveMs: number; sourcesMs: number; accountsMs: number };
  firstPageAccounts?: number;
  /** Wall-clock window (Date.now()) in which the first page was shown: requests are counted in it. */
  firstPageWindow?: { from: number; to: number };
  pagedAccounts?: number;
  pagingMs?: number;
  pagingWindow?: { from: number; to: number };
  memoryBefore?: MemorySample;
  memoryAfter?: MemorySample;
  exportAccounts?: HostExportResult;
  find?: HostFindResult;
  error?: string;
}
