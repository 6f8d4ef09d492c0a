// Purpose-built tenants on 127.0.0.1 for transport behaviour the sandbox cannot be asked for
// precisely (a reset after the request was read, a hang, a 429 with a given Retry-After...).
// Real HTTP over loopback: the client under test runs its real transport against them.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** ms since the server started. */
  at: number;
}

/** What to do with a request: answer it, never answer it, or cut the connection. */
export type Reply =
  | { status: number; json?: unknown; body?: string; headers?: Record<string, string>; delayMs?: number }
  | { hang: true }
  | { destroy: true };

export type Handler = (request: SeenRequest) => Reply | Promise<Reply>;

export interface LoopbackServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Requests other than the token endpoint. */
  apiRequests(): SeenRequest[];
  tokenRequests(): SeenRequest[];
  /** Requests being handled right now (for concurrency bounds). */
  inFlight(): number;
  maxInFlight(): number;
  /** Requests whose connection the client closed before the answer (aborted). */
  abandoned(): number;
  /** TCP connections the client opened (also those whose TLS handshake failed). */
  connections(): number;
  /** https only: the certificate for the connections from now on. */
  useCertificate(cert: string): void;
  /** Closes every open connection (idle keep-alive ones too), still listening. */
  dropConnections(): void;
  /** Stops listening and drops connections; `reopen` listens again on the same port. */
  stop(): Promise<void>;
  reopen(): void;
  close(): Promise<void>;
}

/** A key and certificate (PEM): the server speaks https with them. */
export interface TlsIdentity {
  key: string;
  cert: string;
}

export async function startLoopbackServer(handler: Handler, port = 0, tls?: TlsIdentity): Promise<LoopbackServer> {
  const started = Date.now();
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let abandoned = 0;
  let connections = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: Date.now() - started,
      };
      requests.push(seen);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const finish = (): void => {
        if (!done) inFlight--;
        done = true;
      };
      res.on('close', () => {
        if (!res.writableFinished && !done) abandoned++;
        finish();
      });
      void Promise.resolve(handler(seen)).then((reply) => answer(res, reply).finally(finish));
    });
  };
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onRequest) : createServer(onRequest);
  server.on('connection', () => connections++);
  // A client that rejects the certificate ends the handshake; that is the test's point, not an error here.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    apiRequests: () => requests.filter((r) => r.path !== '/oauth/token'),
    tokenRequests: () => requests.filter((r) => r.path === '/oauth/token'),
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    abandoned: () => abandoned,
    connections: () => connections,
    dropConnections: () => server.closeAllConnections(),
    useCertificate: (cert) => {
      if (!tls) throw new Error('useCertificate: this server speaks plain http');
      (server as unknown as { setSecureContext(options: TlsIdentity): void }).setSecureContext({ key: tls.key, cert });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    // listen() binds synchronously, so a request made right after this call finds the port open.
    reopen: () => void server.listen(actualPort, '127.0.0.1'),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(res: ServerResponse, reply: Reply): Promise<void> {
  if ('hang' in reply) return new Promise<void>((resolve) => res.on('close', () => resolve()));
  if ('destroy' in reply) {
    res.socket?.destroy();
    return;
  }
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (res.destroyed) return;
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
  const type = reply.json !== undefined ? { 'Content-Type': 'application/json' } : {};
  res.writeHead(reply.status, { ...type, 'Content-Length': String(Buffer.byteLength(body)), ...reply.headers });
  res.end(body);
}

/** A JWT-shaped access token, different each time, so redaction by shape and by value both matter. */
export function fakeToken(label = 'test'): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const nonce = Math.random().toString(36).slice(2);
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: label, nonce })}.${Buffer.from(`sig-${nonce}`).toString('base64url')}`;
}

export function tokenReply(token = fakeToken(), expiresIn = 749): Reply {
  return { status: 200, json: { access_token: token, token_type: 'bearer', expires_in: expiresIn, scope: 'sp:scopes:all' } };
}

/** A server that hands out tokens and answers every API call with `api`. */
export function startTenant(
  api: Handler,
  options: { expiresIn?: number; tokenDelayMs?: number; tls?: TlsIdentity } = {},
): Promise<LoopbackServer> {
  return startLoopbackServer(
    (request) => (request.path === '/oauth/token' ? { ...tokenReply(fakeToken(), options.expiresIn), delayMs: options.tokenDelayMs } : api(request)),
    0,
    options.tls,
  );
}

export function errorDto(status: number, text: string, trackingId = 'trk-0001'): Reply {
  return {
    status,
    json: { detailCode: `${status} error`, trackingId, messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }], causes: [] },
  };
}

export const accountJson = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  name: id,
  sourceId: 'src-1',
  sourceName: 'HR',
  attributes: {},
  authoritative: false,
  disabled: false,
  locked: false,
  nativeIdentity: id,
  systemAccount: false,
  uncorrelated: false,
  manuallyCorrelated: false,
  hasEntitlements: false,
  ...extra,
});
