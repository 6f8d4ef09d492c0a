// ISC's gateway limit: N requests per access token in any sliding window of W ms. Refused
// requests do not count, so a client that waits Retry-After seconds gets through.

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the request and returns null, or returns the ms until the window has room. */
  take(key: string, now: number): number | null {
    let times = this.hits.get(key);
    if (!times) this.hits.set(key, (times = []));
    const windowStart = now - this.windowMs;
    let expired = 0;
    while (expired < times.length && times[expired] <= windowStart) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= this.requests) return times[0] + this.windowMs - now;
    times.push(now);
    return null;
  }
}
