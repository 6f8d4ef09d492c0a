// SailPoint's official TypeScript SDK, used as its documentation shows: a Configuration with
// the tenant's base URL, client id and secret and token URL; `Paginator.paginate(api,
// api.listAccounts, params, 250)` for listing; one awaited call per account for bulk work;
// retries configured as on its "Retries" page (4 retries, axios-retry's exponential delay).
import { writeFile } from 'node:fs/promises';
import { AccountsApi, axiosRetry, Configuration, Paginator } from 'sailpoint-api-client';
import { FIND_LIMIT, findAccountsFilter } from '../../src/commands/find-query';
import { accountCsvHeader, accountCsvLine } from '../../src/core/account-csv';
import type { Account } from '../../src/isc/models';
import type { BulkEditTask, BulkTask, ExportTask, FindTask, ListTask, SdkRetryConfig, WorkerResult } from './protocol';

interface Counters {
  retries: number;
}

function configure(task: ListTask | BulkTask | BulkEditTask | ExportTask | FindTask, counters: Counters): AccountsApi {
  const { baseUrl, clientId, clientSecret } = task.tenant;
  const apiConfig = new Configuration({ baseurl: baseUrl, clientId, clientSecret, tokenUrl: `${baseUrl}/oauth/token` });
  apiConfig.retriesConfig = {
    retries: 4,
    retryDelay: axiosRetry.exponentialDelay,
    onRetry: () => {
      counters.retries++;
    },
    ...(task.sdk === 'retry-429' ? retry429() : {}),
  };
  return new AccountsApi(apiConfig);
}

/** What an SDK user adds after meeting 429s: retry them too, waiting what Retry-After says. */
function retry429(): { retryCondition: (error: unknown) => boolean; retryDelay: (count: number, error: unknown) => number } {
  type AxiosLike = { response?: { status?: number; headers?: Record<string, string> } };
  return {
    retryCondition: (error) =>
      (error as AxiosLike).response?.status === 429 ||
      axiosRetry.isNetworkOrIdempotentRequestError(error as Parameters<typeof axiosRetry.isNetworkOrIdempotentRequestError>[0]),
    retryDelay: (count, error) => {
      const header = (error as AxiosLike).response?.headers?.['retry-after'];
      const seconds = Number(header);
      return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : axiosRetry.exponentialDelay(count);
    },
  };
}

export function describeSdkSettings(config: SdkRetryConfig | undefined): string {
  const base = 'sequential; retries 4, exponentialDelay (its docs)';
  return config === 'retry-429' ? `${base} + retry 429 after Retry-After` : `${base}; 429 not retried (axios-retry default)`;
}

function describe(error: unknown): string {
  const axiosError = error as { response?: { status?: number }; message?: string; config?: { url?: string } };
  const status = axiosError.response?.status;
  return `${status ?? 'no answer'}: ${axiosError.message ?? String(error)}`.slice(0, 200);
}

/** Every account of the source, the SDK's way: its Paginator, 250 a page. */
async function listSource(api: AccountsApi, sourceId: string): Promise<Array<{ id?: string }>> {
  return (await Paginator.paginate(api, api.listAccounts, { filters: `sourceId eq "${sourceId}"` }, 250)).data;
}

function listed(accounts: Array<{ id?: string }>, wallMs: number, counters: Counters, heapBefore?: number, heapUsed?: number): WorkerResult {
  return {
    wallMs,
    items: accounts.length,
    distinctIds: new Set(accounts.map((account) => account.id)).size,
    failures: 0,
    failureSamples: [],
    retries: counters.retries,
    heapBeforeBytes: heapBefore,
    heapUsedBytes: heapUsed,
  };
}

export async function sdkList(task: ListTask): Promise<WorkerResult> {
  const counters: Counters = { retries: 0 };
  const heapBefore = task.measureHeap ? heapAfterGc() : undefined;
  const started = performance.now();
  const api = configure(task, counters);
  try {
    const accounts = await listSource(api, task.sourceId);
    const wallMs = performance.now() - started;
    return listed(accounts, wallMs, counters, heapBefore, task.measureHeap ? heapWhileHolding(accounts) : undefined);
  } catch (error) {
    return { wallMs: performance.now() - started, failures: 1, failureSamples: [describe(error)], retries: counters.retries };
  }
}

/** Export as an SDK script would: the Paginator's whole list, then the CSV (the extension's columns) written at once. */
export async function sdkExport(task: ExportTask): Promise<WorkerResult> {
  const counters: Counters = { retries: 0 };
  const heapBefore = heapAfterGc();
  const started = performance.now();
  const api = configure(task, counters);
  try {
    const accounts = await listSource(api, task.sourceId);
    const heapUsed = heapWhileHolding(accounts);
    const rows = accounts as unknown as Account[];
    await writeFile(task.file, accountCsvHeader(task.attributes) + rows.map((account) => accountCsvLine(account, task.attributes)).join(''));
    return listed(accounts, performance.now() - started, counters, heapBefore, heapUsed);
  } catch (error) {
    return { wallMs: performance.now() - started, failures: 1, failureSamples: [describe(error)], retries: counters.retries };
  }
}

export async function sdkBulk(task: BulkTask): Promise<WorkerResult> {
  const counters: Counters = { retries: 0 };
  const failureSamples: string[] = [];
  let failures = 0;
  const started = performance.now();
  const api = configure(task, counters);
  for (const action of ['disable', 'enable'] as const) {
    for (const id of task.accountIds) {
      try {
        if (action === 'disable') await api.disableAccount({ id, accountToggleRequest: {} });
        else await api.enableAccount({ id, accountToggleRequest: {} });
      } catch (error) {
        failures++;
        if (failureSamples.length < 3) failureSamples.push(`${action} ${id}: ${describe(error)}`);
      }
    }
  }
  return { wallMs: performance.now() - started, failures, failureSamples, retries: counters.retries };
}

/** One awaited PATCH per account (updateAccount), as a script with the SDK would send the edit. */
export async function sdkBulkEdit(task: BulkEditTask): Promise<WorkerResult> {
  const counters: Counters = { retries: 0 };
  const failureSamples: string[] = [];
  let failures = 0;
  const started = performance.now();
  const api = configure(task, counters);
  for (const id of task.accountIds) {
    try {
      await api.updateAccount({ id, requestBody: [{ op: 'replace', path: `/attributes/${task.attribute}`, value: task.value }] });
    } catch (error) {
      failures++;
      if (failureSamples.length < 3) failureSamples.push(`patch ${id}: ${describe(error)}`);
    }
  }
  return { wallMs: performance.now() - started, failures, failureSamples, retries: counters.retries };
}

/**
 * Find Account's search as one SDK call per query: listAccounts with the filter, limit, sort and
 * SLIM detail the extension sends. A first call fetches the token (a script that has made a call
 * holds one); only the searches after it are timed.
 */
export async function sdkFind(task: FindTask): Promise<WorkerResult> {
  const counters: Counters = { retries: 0 };
  const failureSamples: string[] = [];
  const started = performance.now();
  const api = configure(task, counters);
  const search = (text: string) =>
    api.listAccounts({ filters: findAccountsFilter(text), limit: FIND_LIMIT, sorters: 'name', detailLevel: 'SLIM' });
  // Text none of the queries starts with, so no answer the sandbox may keep is warmed for them.
  await search('bench warm-up');
  const searches: NonNullable<WorkerResult['searches']> = [];
  for (const text of task.queries) {
    const from = Date.now();
    const callStarted = performance.now();
    try {
      const answer = await search(text);
      searches.push({ wallMs: performance.now() - callStarted, items: answer.data.length, from, to: Date.now() });
    } catch (error) {
      failureSamples.push(`${text}: ${describe(error)}`);
    }
  }
  return { wallMs: performance.now() - started, failures: failureSamples.length, failureSamples, retries: counters.retries, searches };
}

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** Heap used after a GC while `held` is still reachable. */
export function heapWhileHolding(held: unknown): number {
  const used = heapAfterGc();
  // Keeps `held` alive until after the measurement.
  if (held === undefined) throw new Error('nothing held');
  return used;
}
