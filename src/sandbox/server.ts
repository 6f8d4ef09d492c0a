// The HTTP front of the sandbox: per request, roll the fault dice, then the gateway's checks
// (429 burst, bearer token, rate limit), then route to a handler, then wait the configured
// latency and answer. A dropped request is a destroyed socket with nothing written.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { JsonBytes } from './account-json';
import type { AccountQueryEngine } from './account-query';
import type { TokenIssuer } from './auth';
import { ApiError, DETAIL_CODES, RATE_LIMITED_BODY, errorResponseBody, unauthorizedBody } from './errors';
import type { FaultInjector } from './faults';
import type { SlidingWindowLimiter } from './rate-limiter';
import type { ApiResponse, RouteMatch, Router } from './router';
import type { TaskRunner } from './tasks';
import type { SandboxTenant } from './tenant';
import type { RequestLogEntry, TrafficMonitor } from './traffic';

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
}

const TOKEN_PATH = '/oauth/token';

export class SandboxServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly parts: ServerParts) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops listening and cuts every connection, hung ones included. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { faults, traffic } = this.parts;
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const isToken = url.pathname === TOKEN_PATH;
    const match: RouteMatch | null = isToken ? null : this.parts.router.match(method, url.pathname);
    const routeKey = isToken ? `${method} ${TOKEN_PATH}` : match?.kind === 'found' ? match.key : `${method} (no route)`;
    const entry: Omit<RequestLogEntry, 'status'> = {
      method,
      path: url.pathname,
      query: url.search.slice(1),
      experimentalHeader: String(req.headers['x-sailpoint-experimental'] ?? '').toLowerCase() === 'true',
      at: Date.now(),
    };
    const stateChanging = !isToken && method !== 'GET' && method !== 'HEAD';
    const fate = faults.decide(stateChanging);
    if (fate === 'drop') {
      traffic.record(entry, routeKey, 'dropped');
      req.socket.destroy();
      return;
    }
    if (fate === 'hang') {
      traffic.record(entry, routeKey, 'hung');
      req.resume();
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      return;
    }
    const response =
      fate === 'server-error' ? errorResponse(503, 'The service is temporarily unavailable; try again later.')
      : isToken ? this.parts.auth.handleTokenRequest(method, url.searchParams, req.headers, body)
      : this.handleApi(method, url, req.headers, body, match as RouteMatch);
    if (isToken && response.status === 200) traffic.tokenIssued();
    if (fate === 'drop-after-apply' && response.status < 300) {
      traffic.record(entry, routeKey, 'dropped');
      req.socket.destroy();
      return;
    }
    const latency = faults.current.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    traffic.record(entry, routeKey, response.status);
    if (!res.destroyed) sendJson(res, response);
  }

  private handleApi(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer, match: RouteMatch): ApiResponse {
    const { faults, auth, limiter } = this.parts;
    if (faults.takeBurst429()) return rateLimited(this.parts.retryAfterSeconds ?? 1);
    const check = auth.check(headers.authorization);
    if (!check.ok) return { status: 401, body: unauthorizedBody(check.reason) };
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
      });
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.status, error.message, error.detailCode);
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(500, `An unexpected error occurred in the sandbox: ${message}`);
    }
  }
}

function errorResponse(status: keyof typeof DETAIL_CODES, text: string, detailCode: string = DETAIL_CODES[status]): ApiResponse {
  return { status, body: errorResponseBody(detailCode, text) };
}

function rateLimited(retryAfterSeconds: number): ApiResponse {
  return { status: 429, body: RATE_LIMITED_BODY, headers: { 'Retry-After': String(retryAfterSeconds) } };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

function sendJson(res: ServerResponse, response: ApiResponse): void {
  const payload = response.body instanceof JsonBytes ? response.body.bytes : JSON.stringify(response.body ?? {});
  res.writeHead(response.status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    ...response.headers,
  });
  res.end(payload);
}
