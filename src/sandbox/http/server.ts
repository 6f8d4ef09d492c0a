// The HTTP(S) front of the sandbox: per request, decide its fate (fault rules, then dice), then
// the gateway's checks (429 burst, bearer token, rate limit), then route to a handler, then
// wait the configured latency and answer, at the configured bandwidth (paced-body.ts). A
// dropped request is a destroyed socket with nothing written. Every request to a changing
// route goes to the change ledger with what became of it.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { Socket } from 'node:net';
import type { AccountQueryEngine } from '../query/account-query';
import { answerText, bodyForLedger, errorResponse, rateLimited, readBody, sendBroken, sendJson } from './answers';
import type { BrokenBody } from './answers';
import type { TokenIssuer } from './auth';
import { ApiError, unauthorizedBody } from './errors';
import { AFTER_APPLY_FATES } from './fault-rules';
import type { AfterApplyFate, RequestFate } from './fault-rules';
import type { FaultInjector } from './faults';
import type { ChangeIds, ChangeKind, LedgerRequest } from '../state/ledger';
import type { SlidingWindowLimiter } from './rate-limiter';
import type { ApiResponse, RouteMatch, Router } from './router';
import type { TaskRunner } from '../state/tasks';
import type { SandboxTenant } from '../state/tenant';
import type { Outcome, RequestLogEntry, TrafficMonitor } from './traffic';

export interface TlsOptions {
  /** PEM text or bytes. */
  key: string | Buffer;
  cert: string | Buffer;
}

export interface ServerParts {
  tenant: SandboxTenant;
  tasks: TaskRunner;
  accountQueries: AccountQueryEngine;
  auth: TokenIssuer;
  limiter: SlidingWindowLimiter | null;
  /** Fixed Retry-After; undefined: the seconds until the window has room. */
  retryAfterSeconds: number | undefined;
  faults: FaultInjector;
  traffic: TrafficMonitor;
  router: Router;
  /** Serve https with this key and certificate instead of http. */
  tls?: TlsOptions;
}

const TOKEN_PATH = '/oauth/token';

const isAfterApply = (fate: RequestFate): fate is AfterApplyFate => (AFTER_APPLY_FATES as readonly string[]).includes(fate);

export class SandboxServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(private readonly parts: ServerParts) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    this.server = parts.tls ? (createTlsServer({ key: parts.tls.key, cert: parts.tls.cert }, handler) as unknown as Server) : createServer(handler);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        this.port = typeof address === 'object' && address ? address.port : port;
        resolve(this.port);
      });
    });
  }

  get listening(): boolean {
    return this.server.listening;
  }

  /** Stops listening and cuts every connection, hung ones included: connecting to the port
   * is then refused (ECONNREFUSED) until `acceptConnections`. */
  refuseConnections(): Promise<void> {
    return this.close();
  }

  /** Listens again on the same port. */
  async acceptConnections(): Promise<void> {
    if (!this.server.listening) await this.listen(this.port);
  }

  /** Stops listening and cuts every connection, hung ones included. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.server.listening) this.server.close(() => resolve());
      else resolve();
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { faults, traffic } = this.parts;
    const ledger = this.parts.tenant.changeLedger;
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const isToken = url.pathname === TOKEN_PATH;
    const match: RouteMatch | null = isToken ? null : this.parts.router.match(method, url.pathname);
    const routeKey = isToken ? `${method} ${TOKEN_PATH}` : match?.kind === 'found' ? match.key : `${method} (no route)`;
    const entry: Omit<RequestLogEntry, 'status' | 'responseBytes'> = {
      method,
      path: url.pathname,
      query: url.search.slice(1),
      experimentalHeader: String(req.headers['x-sailpoint-experimental'] ?? '').toLowerCase() === 'true',
      at: Date.now(),
    };
    const stateChanging = !isToken && method !== 'GET' && method !== 'HEAD';
    const kind = match?.kind === 'found' ? (match.route.change ?? null) : null;
    const fate = faults.decide({ method, path: url.pathname, kind }, stateChanging);
    const change = kind ? ledger.open(kind, method, url.pathname, idsInPath(kind, match)) : null;
    if (change && fate !== 'normal' && !isAfterApply(fate)) change.fault = fate;

    if (fate === 'drop' || fate === 'hang') {
      const outcome: Outcome = fate === 'drop' ? 'dropped' : 'hung';
      traffic.record(entry, routeKey, outcome);
      if (change) ledger.reject(change, outcome, null);
      if (fate === 'drop') req.socket.destroy();
      else req.resume();
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      return;
    }
    if (change) change.body = bodyForLedger(body);
    const response = fate === 'server-error' ? errorResponse(503, 'The service is temporarily unavailable; try again later.')
      : isToken ? this.handleToken(method, url, req.headers, body, fate)
      : this.handleApi(method, url, req.headers, body, match as RouteMatch, fate, change);
    if (isToken && response.status === 200) traffic.tokenIssued();
    if (change && change.entries.length === 0) ledger.reject(change, response.status, answerText(response));

    const afterApply = isAfterApply(fate) && response.status < 300 ? fate : null;
    if (change && afterApply) change.fault = afterApply;
    if (afterApply === 'drop-after-apply' || afterApply === 'hang-after-apply') {
      const outcome: Outcome = afterApply === 'drop-after-apply' ? 'dropped' : 'hung';
      traffic.record(entry, routeKey, outcome);
      if (change) ledger.answered(change, outcome);
      if (afterApply === 'drop-after-apply') req.socket.destroy();
      return;
    }
    const latency = faults.current.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (change) ledger.answered(change, response.status);
    const bandwidth = faults.current.bandwidthMbitPerConnection;
    const bodyBytes = res.destroyed ? 0
      : afterApply ? sendBroken(res, response, afterApply as BrokenBody, bandwidth)
      : sendJson(res, response, bandwidth);
    traffic.record(entry, routeKey, response.status, bodyBytes);
  }

  private handleToken(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer, fate: RequestFate): ApiResponse {
    if (fate === 'rate-limited') return rateLimited(this.parts.retryAfterSeconds ?? 1);
    if (fate === 'unauthorized') this.parts.auth.expireAll();
    return this.parts.auth.handleTokenRequest(method, url.searchParams, headers, body);
  }

  private handleApi(
    method: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: Buffer,
    match: RouteMatch,
    fate: RequestFate,
    change: LedgerRequest | null,
  ): ApiResponse {
    const { faults, auth, limiter } = this.parts;
    if (fate === 'rate-limited' || faults.takeBurst429()) return rateLimited(this.parts.retryAfterSeconds ?? 1);
    if (fate === 'unauthorized') auth.expireAll();
    const check = auth.check(headers.authorization);
    if (!check.ok) return { status: 401, body: unauthorizedBody(check.reason) };
    if (faults.countTokenUse()) auth.expireAll();
    const wait = limiter?.take(check.token, Date.now()) ?? null;
    if (wait !== null) return rateLimited(this.parts.retryAfterSeconds ?? Math.max(1, Math.ceil(wait / 1000)));

    if (match.kind === 'not-found') {
      return errorResponse(404, `The server did not find a current representation for the target resource: ${method} ${url.pathname}.`);
    }
    if (match.kind === 'method-not-allowed') {
      const response = errorResponse(405, `${method} is not supported on ${url.pathname}; use ${match.allowed.join(' or ')}.`);
      return { ...response, headers: { Allow: match.allowed.join(', ') } };
    }
    const { route, version, params } = match;
    if (version === 'v2024' && route.experimentalInV2024 && String(headers['x-sailpoint-experimental'] ?? '').toLowerCase() !== 'true') {
      return errorResponse(
        400,
        `${route.method} /v2024${route.pattern} is an experimental endpoint: the header "X-SailPoint-Experimental: true" is required to use it.`,
      );
    }
    const ledger = this.parts.tenant.changeLedger;
    try {
      return route.handler({
        version,
        method,
        params,
        query: url.searchParams,
        headers,
        rawBody: body,
        tenant: this.parts.tenant,
        tasks: this.parts.tasks,
        accountQueries: this.parts.accountQueries,
        launcher: check.launcher,
        takeChange: (ids, kind) => {
          if (!change) throw new Error(`${route.method} ${route.pattern} declares no change kind`);
          return ledger.take(change, ids, kind);
        },
      });
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.status, error.message, error.detailCode);
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(500, `An unexpected error occurred in the sandbox: ${message}`);
    }
  }
}

/** The id the URL names, so even a rejected request says which account (source, identity). */
function idsInPath(kind: ChangeKind, match: RouteMatch | null): ChangeIds {
  const id = match?.kind === 'found' ? match.params.id : undefined;
  if (id === undefined) return {};
  if (kind === 'remove-all') return { sourceId: id };
  if (kind === 'identity-enable' || kind === 'identity-disable') return { identityId: id };
  return { accountId: id };
}

/** A loopback URL where nothing listens, so connecting is refused (ECONNREFUSED). The port
 * was free a moment ago; on a busy machine another process could take it in between. */
export async function closedPortUrl(scheme: 'http' | 'https' = 'http'): Promise<string> {
  const probe = createNetServer();
  const port = await new Promise<number>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `${scheme}://127.0.0.1:${port}`;
}
