// The first page of a source, as a caller meets it: a fresh client (token included) asking for
// 250 accounts with the total count, in the detail level asked for. This project's client and
// the official SDK each make the same two requests (token, page), so their times compare.
import { AccountsApi, Configuration } from 'sailpoint-api-client';
import { IscClient } from '../../src/isc';
import type { FirstPageTask, WorkerResult } from './protocol';

const PAGE_SIZE = 250;

export async function firstPage(task: FirstPageTask): Promise<WorkerResult> {
  const filters = `sourceId eq "${task.sourceId}"`;
  const started = performance.now();
  try {
    const items = task.impl === 'ours' ? await oursFirstPage(task, filters) : await sdkFirstPage(task, filters);
    return { wallMs: performance.now() - started, items, distinctIds: items, failures: 0, failureSamples: [], retries: 0 };
  } catch (error) {
    return { wallMs: performance.now() - started, failures: 1, failureSamples: [error instanceof Error ? error.message : String(error)], retries: 0 };
  }
}

async function oursFirstPage(task: FirstPageTask, filters: string): Promise<number> {
  const client = new IscClient({ ...task.tenant });
  const page = await client.listAccounts({ filters, limit: PAGE_SIZE, count: true, detailLevel: task.detailLevel });
  return page.items.length;
}

async function sdkFirstPage(task: FirstPageTask, filters: string): Promise<number> {
  const { baseUrl, clientId, clientSecret } = task.tenant;
  const api = new AccountsApi(new Configuration({ baseurl: baseUrl, clientId, clientSecret, tokenUrl: `${baseUrl}/oauth/token` }));
  const page = await api.listAccounts({ limit: PAGE_SIZE, count: true, detailLevel: task.detailLevel, filters });
  return page.data.length;
}
