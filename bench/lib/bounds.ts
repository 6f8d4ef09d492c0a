// The physical bounds the wall times are compared with: what an ideal client with the same
// request count and concurrency would need, given the latency and the tenant's rate limit.

export interface RateLimit {
  requests: number;
  windowMs: number;
}

/** The time a link of `mbitPerSecond` takes to carry `bytes` (the sandbox's bandwidth knob). */
export function transferMs(bytes: number, mbitPerSecond: number): number {
  return mbitPerSecond > 0 ? (bytes * 8) / (mbitPerSecond * 1000) : 0;
}

/**
 * Requests that must follow each other (each needs the answer before): one latency each, plus
 * the time their answers' bytes take on the link.
 */
export function criticalPathBoundMs(roundTrips: number, bytes: number, latencyMs: number, mbitPerSecond: number): number {
  return roundTrips * latencyMs + transferMs(bytes, mbitPerSecond);
}

/**
 * Listing P pages when the first page (with count=true) must arrive before the others can be
 * asked for: one round trip, then ceil((P-1)/C) rounds of C concurrent pages; plus one whole
 * window for every full set of `requests` beyond the first that the rate limit makes wait.
 */
export function listAllBoundMs(pages: number, latencyMs: number, concurrency: number, limit: RateLimit): number {
  const rounds = 1 + Math.ceil(Math.max(0, pages - 1) / concurrency);
  return rounds * latencyMs + rateLimitWaitMs(pages, limit);
}

/** Waiting a sliding/fixed window of `requests` per `windowMs` forces on `count` requests. */
export function rateLimitWaitMs(count: number, limit: RateLimit): number {
  return Math.max(0, Math.ceil(count / limit.requests) - 1) * limit.windowMs;
}

/** The bound for rate-limited bulk work: requests divided by the allowed rate. */
export function bulkBoundMs(requests: number, limit: RateLimit): number {
  return (requests / limit.requests) * limit.windowMs;
}

/**
 * A search typed into a debounced box: nothing is asked until typing has paused for the
 * debounce, then one round trip, then the answer's body at the link's rate.
 */
export function typedSearchBoundMs(debounceMs: number, latencyMs: number, responseBytes: number, mbitPerSecond: number): number {
  return debounceMs + criticalPathBoundMs(1, responseBytes, latencyMs, mbitPerSecond);
}

/** A listing's pages as an ideal client would ask for them, and what paces it. */
export interface PacedListing {
  /** Each page's answer in bytes, in order; the first (asked with count=true) must arrive before the rest are asked for. */
  pageBytes: number[];
  latencyMs: number;
  /** Per connection, so pages in flight transfer in parallel; 0 for unlimited. */
  bandwidthMbitPerConnection: number;
  concurrency: number;
  /** Budgets that pace the page requests: page i cannot be sent before page i − B was sent plus the window. */
  pacing: RateLimit[];
  /** When the first page can be sent at the earliest (the token's round trip, which no budget counts). */
  firstSendMs?: number;
}

/**
 * Listing with pacing counted: an ideal client sends pages in order, at most C in flight after
 * the first, each answer taking latency + bytes ÷ bandwidth; page i (0-based) also waits for
 * the send of page i − B plus W, for every budget of B requests per window W. A simulation
 * rather than a closed form, since pages differ in size and the pacing shifts rounds.
 */
export function pacedListingBoundMs(listing: PacedListing): number {
  const { pageBytes, latencyMs, bandwidthMbitPerConnection, pacing } = listing;
  if (pageBytes.length === 0) return listing.firstSendMs ?? 0;
  const answerMs = (bytes: number): number => latencyMs + transferMs(bytes, bandwidthMbitPerConnection);
  const sentAt: number[] = [listing.firstSendMs ?? 0];
  let lastAnswer = sentAt[0] + answerMs(pageBytes[0]);
  const connectionsFreeAt = Array.from({ length: Math.max(1, Math.floor(listing.concurrency)) }, () => lastAnswer);
  for (let page = 1; page < pageBytes.length; page++) {
    const connection = connectionsFreeAt.indexOf(Math.min(...connectionsFreeAt));
    const budgetAllows = Math.max(0, ...pacing.map((limit) => (page >= limit.requests ? sentAt[page - limit.requests] + limit.windowMs : 0)));
    sentAt[page] = Math.max(connectionsFreeAt[connection], budgetAllows);
    connectionsFreeAt[connection] = sentAt[page] + answerMs(pageBytes[page]);
    lastAnswer = Math.max(lastAnswer, connectionsFreeAt[connection]);
  }
  return lastAnswer;
}
