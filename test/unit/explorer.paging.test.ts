// Paging in the explorer: expanding a source costs one request (which also asks for the
// total), "Load more" costs one more, and a refresh after bulk work keeps the user's place.
import assert from 'node:assert/strict';
import { parseAttributeList, parseAttributesDocument } from '../../src/core/attribute-input';
import { PagedList, type FetchedPage } from '../../src/tree/paged-list';
import { readSettings } from '../../src/tenants/client-settings';

function fakeServer(total: number) {
  const requests: Array<{ offset: number; limit: number; count: boolean }> = [];
  const fetch = async (request: { offset: number; limit: number; count: boolean }): Promise<FetchedPage<number>> => {
    requests.push(request);
    const items = Array.from({ length: Math.max(0, Math.min(request.limit, total - request.offset)) }, (_, i) => request.offset + i);
    return { items, totalCount: request.count ? total : undefined };
  };
  return { requests, fetch };
}

describe('Explorer paging', () => {
  it('loads the first page with one request that asks for the total', async () => {
    const server = fakeServer(25_000);
    const list = new PagedList(server.fetch, () => 250);
    await Promise.all([list.ensureLoaded(), list.ensureLoaded()]);
    assert.deepEqual(server.requests, [{ offset: 0, limit: 250, count: true }]);
    assert.equal(list.items.length, 250);
    assert.equal(list.total, 25_000);
    assert.equal(list.hasMore, true);
  });

  it('loads more with one request per page, without the count, joining a second click', async () => {
    const server = fakeServer(600);
    const list = new PagedList(server.fetch, () => 250);
    await list.ensureLoaded();
    await Promise.all([list.loadMore(), list.loadMore()]);
    await list.loadMore();
    assert.deepEqual(server.requests.slice(1), [
      { offset: 250, limit: 250, count: false },
      { offset: 500, limit: 250, count: false },
    ]);
    assert.equal(list.items.length, 600);
    assert.equal(list.hasMore, false);
  });

  it('re-fetches as many items as were loaded after a change, then knows the new total', async () => {
    const server = fakeServer(600);
    const list = new PagedList(server.fetch, () => 250);
    await list.ensureLoaded();
    await list.loadMore();
    server.requests.length = 0;
    await list.reloadLoaded();
    assert.deepEqual(server.requests, [
      { offset: 0, limit: 250, count: true },
      { offset: 250, limit: 250, count: false },
    ]);
    assert.equal(list.items.length, 500);
  });

  it('retries the first page after a failure instead of showing an empty list', async () => {
    let fail = true;
    const list = new PagedList(async () => {
      if (fail) throw new Error('down');
      return { items: [1], totalCount: 1 };
    }, () => 250);
    await assert.rejects(list.ensureLoaded(), /down/);
    fail = false;
    await list.ensureLoaded();
    assert.deepEqual(list.items, [1]);
  });

  it('without a total, a short page is the end', async () => {
    const list = new PagedList(async ({ offset }) => ({ items: offset === 0 ? [1, 2] : [] }), () => 2);
    await list.ensureLoaded();
    assert.equal(list.hasMore, true);
    await list.loadMore();
    assert.equal(list.hasMore, false);
  });
});

describe('Typed attributes', () => {
  it('accept a {"attributes": {...}} document for PUT and say what is wrong otherwise', () => {
    assert.deepEqual(parseAttributesDocument('{"attributes": {"mail": "a@b.c"}}'), { ok: true, value: { mail: 'a@b.c' } });
    const broken = parseAttributesDocument('{"attributes": {"mail": }');
    assert.equal(broken.ok, false);
    assert.match(!broken.ok ? broken.message : '', /^The document is not valid JSON: /);
    assert.deepEqual(parseAttributesDocument('{"attributes": {}, "id": "x"}'), {
      ok: false,
      message: 'The document may only contain "attributes"; remove "id".',
    });
    assert.equal(parseAttributesDocument('[]').ok, false);
  });

  it('accept key=value pairs or a JSON object for a new account', () => {
    assert.deepEqual(parseAttributeList(''), { ok: true, value: {} });
    assert.deepEqual(parseAttributeList('email = ann@x.io; department=Finance'), { ok: true, value: { email: 'ann@x.io', department: 'Finance' } });
    assert.deepEqual(parseAttributeList('{"groups": ["a", "b"]}'), { ok: true, value: { groups: ['a', 'b'] } });
    assert.deepEqual(parseAttributeList('email'), { ok: false, message: 'Pair 1 ("email") is not key=value.' });
    assert.deepEqual(parseAttributeList('a=1; a=2'), { ok: false, message: 'The attribute "a" is given twice.' });
  });
});

describe('Settings', () => {
  it('clamp hand-edited values to what ISC accepts', () => {
    const values: Record<string, unknown> = { apiVersion: 'v9', pageSize: 1000, concurrency: 0, requestTimeoutSeconds: -1, requestsPer10Seconds: 150, readBackWindowSeconds: 99_999 };
    assert.deepEqual(readSettings((key) => values[key]), {
      apiVersion: 'v3',
      pageSize: 250,
      concurrency: 1,
      requestTimeoutSeconds: 30,
      requestsPer10Seconds: 100,
      readBackWindowSeconds: 3600,
    });
    assert.equal(readSettings((key) => ({ readBackWindowSeconds: 0 })[key as string]).readBackWindowSeconds, 300, 'no window is the default window');
  });
});
