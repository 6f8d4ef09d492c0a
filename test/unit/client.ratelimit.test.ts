// Pacing below ISC's 100 requests per token per 10 s: a sliding window shared by every call of
// a client (retries included), served first come first served; a 429 is waited out for as long
// as Retry-After says, in seconds or as an HTTP date.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { RateLimiter } from '../../src/isc/rate-limiter';
import { accountJson, errorDto, startTenant, type LoopbackServer, type Reply } from '../../tools/testing/loopback-server';

const base = { clientId: 'rate-client', clientSecret: 'rate-secret-abcdef', retryBaseDelayMs: 1, retryMaxDelayMs: 2 };

/** The most arrivals inside any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('rate limiter: a sliding window served in order', () => {
  it('grants at most `limit` per window and in the order asked', async () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 200 });
    const started = Date.now();
    const granted: Array<{ index: number; at: number }> = [];
    await Promise.all(
      Array.from({ length: 9 }, (_, index) =>
        limiter.acquire().then((release) => {
          granted.push({ index, at: Date.now() - started });
          release();
        }),
      ),
    );
    assert.deepEqual(granted.map((g) => g.index), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.ok(busiestWindow(granted.map((g) => g.at), 195) <= 3, JSON.stringify(granted));
    assert.ok(granted[8].at >= 390, `the ninth waited two windows (${granted[8].at} ms)`);
  });

  it('a slot stays taken while its request is in flight, and for a window after the answer', async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 100 });
    const release = await limiter.acquire();
    let second = 0;
    const started = Date.now();
    const waiting = limiter.acquire().then((next) => {
      second = Date.now() - started;
      next();
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(second, 0, 'not granted while the first request is still in flight');
    release();
    await waiting;
    assert.ok(second >= 345, `granted one window after the answer (${second} ms)`);
  });

  it('a cancelled waiter leaves the queue and the next one moves up', async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 150 });
    (await limiter.acquire())();
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    await assert.rejects(cancelled, (error: unknown) => error instanceof IscError && error.kind === 'aborted');
    const started = Date.now();
    await next;
    assert.ok(Date.now() - started < 200);
    assert.equal(limiter.queued, 0);
  });

  it('holds everyone after a 429 until the given time', async () => {
    const limiter = new RateLimiter({ limit: 100, windowMs: 1000 });
    const started = Date.now();
    limiter.holdUntil(started + 150);
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    assert.ok(Date.now() - started >= 145);
  });
});

describe('client: requests are paced below the limit', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('twenty concurrent calls with 5 per 300 ms never exceed 5 in any 300 ms', async () => {
    server = await startTenant(() => ({ status: 200, json: accountJson('a1') }));
    const client = new IscClient({ baseUrl: server.url, ...base, requestsPer10Seconds: 5, rateWindowMs: 300 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.getAccount(`a${i}`)));
    const times = server.apiRequests().map((r) => r.at);
    assert.ok(busiestWindow(times, 290) <= 5, `busiest window ${busiestWindow(times, 290)}`);
    assert.ok(Date.now() - started >= 850, 'twenty requests need at least three more windows');
  });

  it('retries take a slot like any request', async () => {
    let calls = 0;
    server = await startTenant(() => (calls++ < 2 ? errorDto(503, 'busy') : { status: 200, json: accountJson('a1') }));
    const client = new IscClient({ baseUrl: server.url, ...base, requestsPer10Seconds: 2, rateWindowMs: 400 });
    await client.getAccount('a1');
    const [first, , third] = server.apiRequests().map((r) => r.at);
    assert.ok(third - first >= 390, `the second retry waited for the window (${third - first} ms)`);
    assert.deepEqual(client.stats(), { requests: 3, retries: 2, rateLimited: 0, tokenRequests: 1 });
  });
});

describe('client: a 429 is waited out', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  const limited = (retryAfter?: string): Reply => ({
    status: 429,
    json: { message: ' Rate Limit Exceeded ' },
    headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  });

  it('for Retry-After seconds, then succeeds', async () => {
    let calls = 0;
    server = await startTenant(() => (calls++ === 0 ? limited('1') : { status: 200, json: [] }));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const started = Date.now();
    await client.listAccounts();
    assert.ok(Date.now() - started >= 990, `waited ${Date.now() - started} ms`);
    assert.equal(client.stats().rateLimited, 1);
    assert.equal(client.stats().retries, 1);
  });

  it('for a Retry-After given as an HTTP date', async () => {
    let calls = 0;
    let until = 0;
    server = await startTenant(() => {
      if (calls++ > 0) return { status: 200, json: [] };
      // HTTP dates have whole seconds: aim two seconds ahead, so the wait is 1-2 s.
      until = Math.floor(Date.now() / 1000) * 1000 + 2000;
      return limited(new Date(until).toUTCString());
    });
    const client = new IscClient({ baseUrl: server.url, ...base });
    await client.listAccounts();
    const [, retried] = server.apiRequests();
    assert.ok(Date.now() >= until - 20, 'the retry came after the date');
    assert.ok(retried.at - server.apiRequests()[0].at >= 900);
  });

  it('with a back-off when Retry-After is missing, and gives kind rate-limited in the end', async () => {
    server = await startTenant(() => limited());
    const client = new IscClient({ baseUrl: server.url, ...base, maxRetries: 2 });
    await assert.rejects(client.listAccounts(), (error: unknown) => {
      assert.ok(error instanceof IscError);
      assert.equal(error.kind, 'rate-limited');
      assert.equal(error.status, 429);
      assert.equal(error.serverMessage, 'Rate Limit Exceeded');
      assert.match(error.message, /too many requests \(429\) \(after 2 retries\)/);
      return true;
    });
    assert.equal(client.stats().rateLimited, 3);
  });

  it('a Retry-After over a minute is not waited out: the error says how long to wait', async () => {
    server = await startTenant(() => limited('600'));
    const client = new IscClient({ baseUrl: server.url, ...base });
    await assert.rejects(client.listAccounts(), (error: unknown) => {
      assert.ok(error instanceof IscError && error.kind === 'rate-limited');
      assert.equal(error.retryAfterSeconds, 600);
      assert.match(error.message, /wait 600 s/);
      return true;
    });
    assert.equal(server.apiRequests().length, 1);
  });
});
