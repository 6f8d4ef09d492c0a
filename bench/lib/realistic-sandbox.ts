// Issue 15's "realistic" conditions in one place: accounts sized like real tenants', 50 ms
// latency, 50 Mbit/s per connection and ISC's rate limit (100 per token per 10 s).
import { startSandbox } from '../../src/sandbox';
import type { RunningSandbox } from './meter';

export const REALISTIC = { latencyMs: 50, bandwidthMbit: 50, rateLimit: { requests: 100, windowMs: 10_000 } } as const;

export function startRealisticSandbox(largeSourceAccounts: number): Promise<RunningSandbox> {
  return startSandbox({
    largeSourceAccounts,
    realisticAccounts: true,
    rateLimit: REALISTIC.rateLimit,
    faults: { latencyMs: REALISTIC.latencyMs, bandwidthMbitPerConnection: REALISTIC.bandwidthMbit },
  });
}
