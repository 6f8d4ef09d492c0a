// The sandbox tenant: a real HTTP server on 127.0.0.1 that answers like an ISC tenant for the
// accounts surface (v3, beta, v2024), with seeded data and seeded faults. Used by tests, the
// bench and the demo; never by the extension's production code paths.
import { AccountQueryEngine } from './account-query';
import { TokenIssuer } from './auth';
import { FaultInjector } from './faults';
import type { FaultOptions } from './faults';
import { generateTenantData } from './generator';
import { Prng, deriveSeed } from './random';
import { SlidingWindowLimiter } from './rate-limiter';
import { Router } from './router';
import { ROUTES } from './routes';
import { SandboxServer } from './server';
import { TaskRunner } from './tasks';
import { SandboxTenant } from './tenant';
import { TrafficMonitor } from './traffic';
import type { RequestLogEntry, SandboxStats } from './traffic';

export type { FaultOptions } from './faults';
export type { SandboxStats, RequestLogEntry } from './traffic';
export { SandboxTenant } from './tenant';
export type { AccountChanges } from './tenant';
export type {
  AppliedAction,
  AppliedActionKind,
  Persona,
  SandboxAccount,
  SandboxEntitlement,
  SandboxIdentity,
  SandboxSource,
  SandboxTask,
  SourceKind,
} from './model';
export { generateTenantData, MAX_LARGE_SOURCE_ACCOUNTS } from './generator';
export type { GeneratedTenant, GeneratorOptions } from './generator';

export interface SandboxOptions {
  port?: number;
  seed?: number;
  largeSourceAccounts?: number;
  identities?: number;
  clientId?: string;
  clientSecret?: string;
  rateLimit?: { requests: number; windowMs: number } | false;
  retryAfterSeconds?: number;
  taskDurationMs?: number;
  faults?: Partial<FaultOptions>;
}

export interface SandboxHandle {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  tenant: SandboxTenant;
  setFaults(faults: Partial<FaultOptions>): void;
  stats(): SandboxStats;
  requestLog(): ReadonlyArray<RequestLogEntry>;
  expireAllTokens(): void;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret-7f3c9a1e5b2d4c6e8a0f1b3d5c7e9a2b4d6f8e0c1a3b5d7f';

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = options.seed ?? 42;
  const tenant = new SandboxTenant(
    generateTenantData({ seed, identities: options.identities ?? 300, largeSourceAccounts: options.largeSourceAccounts ?? 1000 }),
    seed,
  );
  const faults = new FaultInjector(options.faults);
  const traffic = new TrafficMonitor();
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const admin = tenant.identities()[0];
  const ids = new Prng(deriveSeed(seed, 'tenant'));
  const auth = new TokenIssuer(
    { clientId, clientSecret },
    { tenantId: `${ids.hex(8)}-${ids.hex(4)}-${ids.hex(4)}-${ids.hex(4)}-${ids.hex(12)}`, identityId: admin?.id ?? ids.hex(32), userName: admin?.alias ?? 'sandbox.admin' },
    () => faults.current.tokenTtlSeconds,
  );
  const rateLimit = options.rateLimit === undefined ? { requests: 100, windowMs: 10_000 } : options.rateLimit;
  const tasks = new TaskRunner(tenant, options.taskDurationMs ?? 200);
  const server = new SandboxServer({
    tenant,
    tasks,
    accountQueries: new AccountQueryEngine(tenant),
    auth,
    limiter: rateLimit ? new SlidingWindowLimiter(rateLimit.requests, rateLimit.windowMs) : null,
    retryAfterSeconds: options.retryAfterSeconds,
    faults,
    traffic,
    router: new Router(ROUTES),
  });
  const port = await server.listen(options.port ?? 0);
  let closed: Promise<void> | null = null;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    tenant,
    setFaults: (changes) => faults.update(changes),
    stats: () => traffic.stats(),
    requestLog: () => traffic.entries(),
    expireAllTokens: () => auth.expireAll(),
    close: () => {
      closed ??= (async () => {
        tasks.close();
        await server.close();
      })();
      return closed;
    },
  };
}
