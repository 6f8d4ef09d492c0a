// What the sandbox saw during one measured run: API requests, token requests, 429s and the
// body bytes it sent, as the difference of its counters before and after.
import type { startSandbox } from '../../src/sandbox';

export type RunningSandbox = Awaited<ReturnType<typeof startSandbox>>;
type Stats = ReturnType<RunningSandbox['stats']>;

export interface Traffic {
  /** Requests to the API (everything but the token endpoint). */
  requests: number;
  tokenRequests: number;
  rateLimited: number;
  /** Response body bytes sent to the client, token answers included (headers apart). */
  bytes: number;
}

const isTokenRoute = (route: string): boolean => /oauth\/token/i.test(route);

function tokenRequests(stats: Stats): number {
  return Object.entries(stats.byRoute)
    .filter(([route]) => isTokenRoute(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

export function trafficBetween(before: Stats, after: Stats): Traffic {
  const tokens = tokenRequests(after) - tokenRequests(before);
  return {
    requests: after.requests - before.requests - tokens,
    tokenRequests: tokens,
    rateLimited: after.rateLimited - before.rateLimited,
    bytes: after.responseBytes - before.responseBytes,
  };
}

/** Runs `work` and returns its value with the traffic the sandbox saw meanwhile. */
export async function metered<T>(sandbox: RunningSandbox, work: () => Promise<T>): Promise<{ value: T; traffic: Traffic }> {
  const before = sandbox.stats();
  const value = await work();
  return { value, traffic: trafficBetween(before, sandbox.stats()) };
}
