// The sandbox tenant: a real HTTP server on 127.0.0.1 that answers like an ISC tenant for the
// accounts surface (v3, beta, v2024), with seeded data and seeded faults. Used by tests, the
// bench, `npm run sandbox`, and the extension's built-in sandbox tenant (src/tenants/
// sandbox-host.ts loads this module with a dynamic import from a bundle of its own).
import { AccountQueryEngine } from './query/account-query';
import { TokenIssuer } from './http/auth';
import { FaultInjector } from './http/faults';
import type { FaultOptions, FaultRule } from './http/faults';
import { generateTenantData } from './seed/generator';
import { Prng, deriveSeed } from './seed/random';
import { SlidingWindowLimiter } from './http/rate-limiter';
import { Router } from './http/router';
import { ROUTES } from './http/routes';
import { SandboxServer } from './http/server';
import type { TlsOptions } from './http/server';
import { TaskRunner } from './state/tasks';
import { SandboxTenant } from './state/tenant';
import { TrafficMonitor } from './http/traffic';
import type { RequestLogEntry, SandboxStats } from './http/traffic';
import type { LedgerView } from './state/ledger';

export type { FaultOptions, FaultRule, RequestFate } from './http/faults';
export { FATES, BEFORE_APPLY_FATES, AFTER_APPLY_FATES } from './http/fault-rules';
export type { ChangeKind, ChangeState, LedgerEntry, LedgerQuery, LedgerView } from './state/ledger';
export { closedPortUrl } from './http/server';
export type { TlsOptions } from './http/server';
export type { SandboxStats, RequestLogEntry } from './http/traffic';
export { SandboxTenant } from './state/tenant';
export type { AccountChanges } from './state/tenant';
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
} from './state/records';
export { generateTenantData, MAX_LARGE_SOURCE_ACCOUNTS } from './seed/generator';
export type { GeneratedTenant, GeneratorOptions } from './seed/generator';

export interface SandboxOptions {
  port?: number;
  seed?: number;
  largeSourceAccounts?: number;
  /** Accounts of the flat-file source (default 200). */
  flatFileAccounts?: number;
  identities?: number;
  /** Attribute sets sized like real tenants' (AD accounts of 3–15 KB with dozens of group
   * DNs; README "Realistic accounts"). Default false: the compact sets the tests know. */
  realisticAccounts?: boolean;
  clientId?: string;
  clientSecret?: string;
  rateLimit?: { requests: number; windowMs: number } | false;
  retryAfterSeconds?: number;
  /** Same as `faults.taskDurationMs` (which wins when both are given). Default 200. */
  taskDurationMs?: number;
  faults?: Partial<FaultOptions>;
  /** Targeted faults from the first request on (see `faults.next`). */
  faultRules?: readonly FaultRule[];
  /** Serve https (baseUrl https://127.0.0.1:…) with this key and certificate. */
  tls?: TlsOptions;
  /** Start with the port closed (connections refused) until `acceptConnections()`. */
  refuseConnections?: boolean;
}

/** Fault knobs while the sandbox runs. */
export interface FaultControls {
  /** Changes dice rates and knobs; what is left out stays as it is. */
  set(changes: Partial<FaultOptions>): void;
  /** The next `count` (default 1) requests that match get `fate`. */
  next(rule: FaultRule): void;
  /** Rules not used up yet, with what is left of their counts. */
  pending(): Array<FaultRule & { count: number }>;
  /** Drops every rule not used up. */
  clearRules(): void;
  /** Every knob back to how the sandbox started (dice re-seeded); rules dropped. */
  reset(): void;
  readonly current: Readonly<FaultOptions>;
}

export interface SandboxHandle {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  tenant: SandboxTenant;
  /** Every change request received and what became of it. */
  ledger: LedgerView;
  faults: FaultControls;
  /** Same as `faults.set`. */
  setFaults(faults: Partial<FaultOptions>): void;
  stats(): SandboxStats;
  requestLog(): ReadonlyArray<RequestLogEntry>;
  expireAllTokens(): void;
  /** Closes the port and cuts open connections: new ones are refused (ECONNREFUSED). */
  refuseConnections(): Promise<void>;
  /** Listens again on the same port. */
  acceptConnections(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret-7f3c9a1e5b2d4c6e8a0f1b3d5c7e9a2b4d6f8e0c1a3b5d7f';

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = options.seed ?? 42;
  const tenant = new SandboxTenant(
    generateTenantData({ seed, identities: options.identities ?? 300, largeSourceAccounts: options.largeSourceAccounts ?? 1000, flatFileAccounts: options.flatFileAccounts }),
    seed,
    { realisticAccounts: options.realisticAccounts },
  );
  const faults = new FaultInjector(
    { ...options.faults, taskDurationMs: options.faults?.taskDurationMs ?? options.taskDurationMs },
    options.faultRules,
  );
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
  const tasks = new TaskRunner(tenant, () => faults.current.taskDurationMs);
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
    tls: options.tls,
  });
  const port = await server.listen(options.port ?? 0);
  if (options.refuseConnections) await server.refuseConnections();
  let closed: Promise<void> | null = null;
  const startFaults = { ...faults.current };
  const controls: FaultControls = {
    set: (changes) => faults.update(changes),
    next: (rule) => faults.rules.add(rule),
    pending: () => faults.rules.pending(),
    clearRules: () => faults.rules.clear(),
    reset: () => {
      faults.rules.clear();
      faults.update(startFaults);
    },
    get current() {
      return faults.current;
    },
  };
  return {
    baseUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    tenant,
    ledger: tenant.changeLedger,
    faults: controls,
    setFaults: controls.set,
    refuseConnections: () => server.refuseConnections(),
    acceptConnections: () => server.acceptConnections(),
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
