// Walking all accounts: the first page asks for the total, the rest come a few at a time but
// are handed out strictly in order; a consumer that stops early stops the fetching; without a
// total the walk goes page by page until a short page.
import * as assert from 'node:assert/strict';
import { IscClient, type Account, type Page } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { accountJson, startTenant, type LoopbackServer, type SeenRequest } from '../../tools/testing/loopback-server';

const base = { clientId: 'page-client', clientSecret: 'page-secret-314159', requestsPer10Seconds: 1000 };

/** A tenant of `total` accounts named acc-00000…, answering each page after `delay(offset)` ms. */
function accountsTenant(total: number, options: { withTotal?: boolean; delay?: (offset: number) => number } = {}): Promise<LoopbackServer> {
  return startTenant((request: SeenRequest) => {
    const offset = Number(request.query.get('offset') ?? 0);
    const limit = Number(request.query.get('limit') ?? 250);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => accountJson(`acc-${String(offset + i).padStart(5, '0')}`));
    const headers: Record<string, string> = options.withTotal !== false && request.query.get('count') === 'true' ? { 'X-Total-Count': String(total) } : {};
    return { status: 200, json: items, headers, delayMs: options.delay?.(offset) ?? 0 };
  });
}

async function collect(pages: AsyncIterable<Page<Account>>): Promise<Array<Page<Account>>> {
  const seen: Array<Page<Account>> = [];
  for await (const page of pages) seen.push(page);
  return seen;
}

describe('paging: concurrent once the total is known, delivered in order', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('walks 1234 accounts in 13 ordered pages, no gaps, no duplicates, at most 4 in flight', async () => {
    // Later pages answer faster, so they complete out of order.
    server = await accountsTenant(1234, { delay: (offset) => Math.max(0, 60 - offset / 20) });
    const client = new IscClient({ baseUrl: server.url, ...base });
    const pages = await collect(client.accountPages({ pageSize: 100, concurrency: 4 }));
    assert.deepEqual(pages.map((p) => p.offset), Array.from({ length: 13 }, (_, i) => i * 100));
    const ids = pages.flatMap((p) => p.items.map((a) => a.id));
    assert.deepEqual(ids, Array.from({ length: 1234 }, (_, i) => `acc-${String(i).padStart(5, '0')}`));
    assert.ok(pages.every((p) => p.totalCount === 1234));
    const requests = server.apiRequests();
    assert.equal(requests[0].query.get('count'), 'true', 'the first page asks for the total');
    assert.ok(requests.slice(1).every((r) => r.query.get('count') === null), 'later pages do not');
    assert.ok(server.maxInFlight() <= 4 && server.maxInFlight() >= 2, `max in flight ${server.maxInFlight()}`);
  });

  it('stops fetching when the consumer breaks, aborting what is in flight', async () => {
    server = await accountsTenant(5000, { delay: (offset) => (offset === 0 ? 0 : 3_000) });
    const client = new IscClient({ baseUrl: server.url, ...base });
    let pagesSeen = 0;
    for await (const page of client.accountPages({ pageSize: 100, concurrency: 3 })) {
      pagesSeen++;
      assert.equal(page.offset, 0);
      // Looking at the first page a while: the next three are on their way meanwhile.
      for (let i = 0; i < 200 && server.inFlight() < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(server.inFlight(), 3);
      break;
    }
    assert.equal(pagesSeen, 1);
    for (let i = 0; i < 200 && server.abandoned() < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(server.abandoned(), 3, 'the three prefetched pages were cancelled');
    assert.equal(server.apiRequests().length, 4, 'nothing was fetched after the break');
  });

  it('honours maxItems, asking only for what is needed', async () => {
    server = await accountsTenant(1000);
    const client = new IscClient({ baseUrl: server.url, ...base });
    const pages = await collect(client.accountPages({ pageSize: 100, maxItems: 250 }));
    assert.equal(pages.flatMap((p) => p.items).length, 250);
    assert.deepEqual(server.apiRequests().map((r) => r.query.get('limit')), ['100', '100', '50']);
  });

  it('passes filters, sorters and detailLevel to every page and starts at the given offset', async () => {
    server = await accountsTenant(450);
    const client = new IscClient({ baseUrl: server.url, ...base });
    const pages = await collect(client.accountPages({ pageSize: 200, offset: 50, filters: 'sourceId eq "s1"', sorters: ['name'], detailLevel: 'SLIM' }));
    assert.deepEqual(pages.map((p) => [p.offset, p.items.length]), [[50, 200], [250, 200]]);
    for (const request of server.apiRequests()) {
      assert.equal(request.query.get('filters'), 'sourceId eq "s1"');
      assert.equal(request.query.get('sorters'), 'name');
      assert.equal(request.query.get('detailLevel'), 'SLIM');
    }
  });

  it('ends with the error of a failed page, after the pages before it', async () => {
    server = await startTenant((request) => {
      const offset = Number(request.query.get('offset'));
      if (offset === 200) return { status: 400, json: { messages: [{ text: 'boom' }] } };
      return { status: 200, json: Array.from({ length: 100 }, (_, i) => accountJson(`a${offset + i}`)), headers: { 'X-Total-Count': '1000' } };
    });
    const client = new IscClient({ baseUrl: server.url, ...base, maxRetries: 0 });
    const offsets: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const page of client.accountPages({ pageSize: 100, concurrency: 4 })) offsets.push(page.offset);
      })(),
      (error: unknown) => error instanceof IscError && /boom/.test(error.message),
    );
    assert.deepEqual(offsets, [0, 100]);
  });

  it('is cancelled by the signal', async () => {
    server = await accountsTenant(5000, { delay: () => 100 });
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 250);
    await assert.rejects(collect(client.accountPages({ pageSize: 50, signal: controller.signal })), (error: unknown) => error instanceof IscError && error.kind === 'aborted');
  });

  it('refuses a page size outside 1..250', () => {
    const client = new IscClient({ baseUrl: 'http://127.0.0.1:9', ...base });
    assert.throws(() => client.accountPages({ pageSize: 251 }), (error: unknown) => error instanceof IscError && error.kind === 'invalid-request');
  });
});

describe('paging: without a total, page by page until a short page', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('1234 accounts: 13 sequential requests, the last one short', async () => {
    server = await accountsTenant(1234, { withTotal: false, delay: () => 5 });
    const client = new IscClient({ baseUrl: server.url, ...base });
    const pages = await collect(client.accountPages({ pageSize: 100, concurrency: 8 }));
    assert.equal(pages.flatMap((p) => p.items).length, 1234);
    assert.equal(server.apiRequests().length, 13);
    assert.equal(server.maxInFlight(), 1);
    assert.equal(pages[0].totalCount, undefined);
  });

  it('an exact multiple of the page size ends on an empty page', async () => {
    server = await accountsTenant(300, { withTotal: false });
    const client = new IscClient({ baseUrl: server.url, ...base });
    const pages = await collect(client.accountPages({ pageSize: 100 }));
    assert.deepEqual(pages.map((p) => p.items.length), [100, 100, 100, 0]);
  });
});

describe('listAccounts: collection parameters', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('sends limit, offset, count, filters, sorters and detailLevel and reads X-Total-Count', async () => {
    server = await accountsTenant(42);
    const client = new IscClient({ baseUrl: server.url, ...base });
    const page = await client.listAccounts({ limit: 10, offset: 20, count: true, filters: 'name sw "a"', sorters: ['-created', 'name'], detailLevel: 'FULL' });
    assert.equal(page.totalCount, 42);
    assert.deepEqual([page.offset, page.limit, page.items.length], [20, 10, 10]);
    const query = Object.fromEntries(server.apiRequests()[0].query);
    assert.deepEqual(query, { limit: '10', offset: '20', count: 'true', filters: 'name sw "a"', sorters: '-created,name', detailLevel: 'FULL' });
  });

  it('refuses a limit outside 1..250, a negative offset and an unsortable field before sending', async () => {
    server = await accountsTenant(1);
    const client = new IscClient({ baseUrl: server.url, ...base });
    for (const options of [{ limit: 0 }, { limit: 251 }, { limit: 2.5 }, { offset: -1 }, { sorters: 'disabled' }]) {
      await assert.rejects(client.listAccounts(options), (error: unknown) => error instanceof IscError && error.kind === 'invalid-request', JSON.stringify(options));
    }
    assert.equal(server.requests.length, 0);
  });
});
