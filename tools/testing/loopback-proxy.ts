// A proxy on 127.0.0.1 in front of a tenant, for tests that must see or change what crosses the
// wire: the secrets in it (sniffing-proxy.ts), an answer ISC may send but the sandbox does not
// (test/integration/answer-rewriter.ts). Requests and answers are read whole, then passed on.
import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxyHooks {
  /** Sees each request before it goes on to the tenant. */
  onRequest?(request: ProxiedRequest): void;
  /** Sees each answer; a body returned is sent instead (status and other headers stay). */
  onAnswer?(request: ProxiedRequest, status: number, body: Buffer): Buffer | undefined;
}

export interface LoopbackProxy {
  url: string;
  close(): Promise<void>;
}

export async function startLoopbackProxy(targetBaseUrl: string, hooks: ProxyHooks): Promise<LoopbackProxy> {
  const target = new URL(targetBaseUrl);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      hooks.onRequest?.(request);
      const upstream = forward(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            const status = answer.statusCode ?? 502;
            const body = hooks.onAnswer?.(request, status, Buffer.concat(answerChunks)) ?? Buffer.concat(answerChunks);
            const headers = { ...answer.headers, 'content-length': String(body.length) };
            delete headers['transfer-encoding'];
            res.writeHead(status, headers);
            res.end(body);
          });
        },
      );
      // The tenant dropped the connection (a fault under test): drop ours too.
      upstream.on('error', () => res.destroy());
      upstream.end(request.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
