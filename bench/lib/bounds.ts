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
