// What the bench asks a fresh worker process to do, and what the worker reports back.

export interface TenantCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** This project's client settings for a run (IscClientOptions subset). */
export interface OurSettings {
  concurrency: number;
  /** Requests allowed per rate window (ISC: 100 per 10 s). */
  requestsPer10Seconds: number;
  /** The rate window when the sandbox's is scaled down; ISC's (and the default) is 10 s. */
  rateWindowMs?: number;
}

/** How the official SDK is configured: as its docs show, or with 429 added to what it retries. */
export type SdkRetryConfig = 'documented' | 'retry-429';

interface TaskBase {
  tenant: TenantCredentials;
  impl: 'ours' | 'sdk';
  ours?: OurSettings;
  sdk?: SdkRetryConfig;
  /** Set by the parent: where the worker writes its WorkerResult. */
  resultFile?: string;
}

export interface ListTask extends TaskBase {
  kind: 'list';
  sourceId: string;
  /** Measure the heap holding every account after the list (baseline of the big tree). */
  measureHeap?: boolean;
}

export interface BulkTask extends TaskBase {
  kind: 'bulk';
  /** Disabled first, then enabled, each once. */
  accountIds: string[];
}

export interface BulkEditTask extends TaskBase {
  kind: 'bulk-edit';
  /** Each gets `attribute` set to `value` (a JSON Patch per account). */
  accountIds: string[];
  attribute: string;
  value: string;
  /** ours: where the journal is written (a fresh folder). */
  journalFolder?: string;
}

export interface ExportTask extends TaskBase {
  kind: 'export';
  sourceId: string;
  /** The CSV written: account fields plus these attributes (the extension's columns). */
  attributes: string[];
  file: string;
}

export interface FirstPageTask extends TaskBase {
  kind: 'first-page';
  sourceId: string;
  detailLevel: 'FULL' | 'SLIM';
}

export interface FindTask extends TaskBase {
  kind: 'find';
  /** Each searched once, as Find Account asks ISC for it (the same filter, limit and sort). */
  queries: string[];
}

export type WorkerTask = ListTask | BulkTask | BulkEditTask | ExportTask | FirstPageTask | FindTask;

export interface WorkerResult {
  wallMs: number;
  /** Accounts listed, and how many distinct ids among them. */
  items?: number;
  distinctIds?: number;
  /** Calls that ended in an error the caller saw. */
  failures: number;
  /** A few of those errors, for the notes. */
  failureSamples: string[];
  /** Retries the client made (ours: client.stats(); SDK: axios-retry's onRetry). */
  retries: number;
  /** Ambiguous outcomes settled by reading state back (ours only). */
  settledByReadBack?: number;
  /** Heap used while holding every listed account, after a GC (measureHeap). */
  heapUsedBytes?: number;
  heapBeforeBytes?: number;
  /** bulk-edit: the part spent applying (after the targets were read and planned). */
  applyMs?: number;
  /** bulk-edit (ours): changes the plan made, and the requests it said Apply makes. */
  planned?: number;
  plannedRequests?: number;
  /** find: each query's call, timed, with its Date.now() window (its requests are counted in it). */
  searches?: Array<{ wallMs: number; items: number; from: number; to: number }>;
}
