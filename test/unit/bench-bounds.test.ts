// The bench's pacing-aware listing bound: round trips, bytes ÷ bandwidth per connection, and
// the wait a budget of B requests per window forces on requests beyond it.
import assert from 'node:assert/strict';
import { listAllBoundMs, pacedListingBoundMs, type PacedListing } from '../../bench/lib/bounds';

const ISC = { requests: 100, windowMs: 10_000 };

function listing(pages: number, changes: Partial<PacedListing> = {}): PacedListing {
  return { pageBytes: Array.from({ length: pages }, () => 0), latencyMs: 50, bandwidthMbitPerConnection: 0, concurrency: 8, pacing: [ISC], ...changes };
}

describe('bench bound: listing with pacing counted', () => {
  it('needs no waiting below the budget: the first page, then rounds of C pages', () => {
    // 1 + ⌈16 ÷ 8⌉ = 3 round trips.
    assert.equal(pacedListingBoundMs(listing(17)), 150);
    assert.equal(pacedListingBoundMs(listing(17)), listAllBoundMs(17, 50, 8, ISC));
  });

  it('needs no waiting for exactly the budget', () => {
    // 1 + ⌈99 ÷ 8⌉ = 14 round trips, all 100 requests inside one window.
    assert.equal(pacedListingBoundMs(listing(100)), 700);
  });

  it('holds the requests beyond the budget until the first ones leave the window', () => {
    // Pages 100–104 wait for the sends of pages 0–4 plus 10 s: page 0 left at 0, pages 1–4 at
    // 50 ms (after the first answer), so the last answer comes at 10,050 + 50.
    assert.equal(pacedListingBoundMs(listing(105)), 10_100);
    // The old bound charged a whole window per extra set of requests but started it at 0.
    assert.equal(listAllBoundMs(105, 50, 8, ISC), 10_700);
  });

  it('makes a client pacing at 95 wait for 100 pages, and the tightest budget wins', () => {
    const paced95 = { requests: 95, windowMs: 10_000 };
    // Pages 95–99 wait for pages 0–4: sent at 0 and 50 ms.
    assert.equal(pacedListingBoundMs(listing(100, { pacing: [paced95] })), 10_100);
    assert.equal(pacedListingBoundMs(listing(100, { pacing: [ISC, paced95] })), 10_100);
  });

  it('starts the window at the first send, after the token round trip', () => {
    assert.equal(pacedListingBoundMs(listing(105, { firstSendMs: 50 })), 10_150);
  });

  it('adds bytes ÷ bandwidth per round, with the pages of a round on parallel connections', () => {
    // 1.25 MB at 50 Mbit/s is 200 ms; with 50 ms latency an answer takes 250 ms. The first page,
    // then 8 pages side by side: two answers' time, not nine.
    const bigPages = listing(9, { pageBytes: Array.from({ length: 9 }, () => 1_250_000), bandwidthMbitPerConnection: 50 });
    assert.equal(pacedListingBoundMs(bigPages), 500);
    assert.equal(pacedListingBoundMs({ ...bigPages, concurrency: 1 }), 9 * 250);
  });

  it('lets a small page free its connection early', () => {
    // The second round's pages go out as connections free: the short page 1 frees its own first.
    const mixed = listing(10, {
      pageBytes: [0, 0, ...Array.from({ length: 8 }, () => 1_250_000)],
      bandwidthMbitPerConnection: 50,
    });
    // Page 0: 0–50. Pages 1–8 from 50: page 1 ends at 100, pages 2–8 at 300. Page 9 on page 1's connection: 100–350.
    assert.equal(pacedListingBoundMs(mixed), 350);
  });
});
