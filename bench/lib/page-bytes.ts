// Bytes on the wire per page of accounts, FULL against SLIM: the same pages of the big source
// asked for in each detail level by this project's client, their sizes read from the sandbox's
// traffic log (what it really sent), never estimated.
import { IscClient } from '../../src/isc';
import type { RequestLogEntry } from '../../src/sandbox';
import type { RunningSandbox } from './meter';
import { summarize, type Summary } from './summary';
import { sandboxCredentials } from './tenant';

export interface PageBytes {
  full: Summary;
  slim: Summary;
  pages: number;
}

const PAGE_SIZE = 250;

export async function samplePageBytes(sandbox: RunningSandbox, sourceId: string, pages: number): Promise<PageBytes> {
  const total = sandbox.tenant.accountsOfSource(sourceId).length;
  const step = Math.max(1, Math.floor(total / PAGE_SIZE / pages));
  const offsets = Array.from({ length: pages }, (_, index) => index * step * PAGE_SIZE).filter((offset) => offset < total);
  const client = new IscClient({ ...sandboxCredentials(sandbox), concurrency: 1 });
  const filters = `sourceId eq "${sourceId}"`;
  const sizes = { FULL: [] as number[], SLIM: [] as number[] };
  for (const detailLevel of ['FULL', 'SLIM'] as const) {
    for (const offset of offsets) {
      const mark = sandbox.requestLog().length;
      await client.listAccounts({ filters, offset, limit: PAGE_SIZE, detailLevel });
      sizes[detailLevel].push(accountPageBytes(sandbox.requestLog().slice(mark)));
    }
  }
  return { full: summarize(sizes.FULL), slim: summarize(sizes.SLIM), pages: offsets.length };
}

function accountPageBytes(entries: ReadonlyArray<RequestLogEntry>): number {
  const page = entries.filter((entry) => entry.status === 200 && /\/accounts$/.test(entry.path));
  if (page.length !== 1) throw new Error(`expected one answered page request, the sandbox logged ${page.length}`);
  return page[0].responseBytes;
}
