// A loopback proxy in front of a sandbox tenant that gives the next N requests matching a
// method and path a chosen fate: refused before the tenant sees them (503, 401, 429, a reset
// connection), or passed on and then answered badly (connection dropped, empty, HTML or cut
// body, never answered). The tenant's own ledger says what was applied; the proxy counts what
// it passed on, so a re-sent change shows. Optionally https with a given certificate.
import { createServer as createHttp, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Fate =
  | 'pass' // passed on untouched (to let earlier matching requests through)
  | 'reset-before' // the connection is cut before the tenant sees the request
  | '503-before'
  | '401-before'
  | '429-before'
  | 'drop-after' // the tenant applies it, the answer is lost
  | 'empty-after'
  | 'html-after'
  | 'cut-after'
  | 'hang-after' // the tenant applies it, no answer ever comes
  | { rewrite: (body: unknown) => unknown }; // the tenant's JSON answer, changed

export interface Rule {
  method: string;
  path: RegExp;
  fate: Fate;
  /** How many matching requests get the fate; default 1. */
  times?: number;
}

export interface Passed {
  method: string;
  path: string;
}

export interface FaultProxy {
  url: string;
  /** Adds rules; the first rule that matches a request (and has times left) decides its fate. */
  add(...rules: Rule[]): void;
  clear(): void;
  /** Requests passed on to the tenant (method and path without the query). */
  passed(): Passed[];
  close(): Promise<void>;
}

export async function startFaultProxy(targetBaseUrl: string, tls?: { key: string; cert: string }): Promise<FaultProxy> {
  const target = new URL(targetBaseUrl);
  let rules: Array<Rule & { left: number }> = [];
  const passed: Passed[] = [];
  const hung = new Set<ServerResponse>();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const rule = rules.find((r) => r.left > 0 && r.method === req.method && r.path.test(path));
      if (rule) rule.left--;
      const fate = rule?.fate;
      if (fate === 'reset-before') return void req.socket.destroy();
      if (fate === '503-before') return answer(res, 503, { messages: [{ text: 'The service is temporarily unavailable' }], trackingId: 'proxy-503' });
      if (fate === '401-before') return answer(res, 401, { error: 'JWT is expired' });
      if (fate === '429-before') return answer(res, 429, { message: 'Too Many Requests' }, { 'retry-after': '0' });
      passed.push({ method: req.method ?? '', path });
      const upstream = forward({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
        const replyChunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => replyChunks.push(chunk));
        reply.on('end', () => {
          const body = Buffer.concat(replyChunks);
          const status = reply.statusCode ?? 502;
          const ok = status >= 200 && status < 300;
          if (fate === 'drop-after') return void req.socket.destroy();
          if (fate === 'hang-after') return void hung.add(res);
          if (ok && fate === 'empty-after') return raw(res, status, '', 'application/json');
          if (ok && fate === 'html-after') return raw(res, status, '<html><body>Gateway says hello</body></html>', 'text/html');
          if (ok && fate === 'cut-after') return raw(res, status, body.toString().slice(0, Math.max(1, Math.floor(body.length / 2))) || '{"id":', 'application/json');
          if (ok && fate && typeof fate === 'object') return answer(res, status, fate.rewrite(JSON.parse(body.toString())));
          const headers = { ...reply.headers };
          delete headers['transfer-encoding'];
          headers['content-length'] = String(body.length);
          res.writeHead(status, headers);
          res.end(body);
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  };

  const server = tls ? createHttps({ key: tls.key, cert: tls.cert }, handler) : createHttp(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    add: (...added) => {
      rules.push(...added.map((rule) => ({ ...rule, left: rule.times ?? 1 })));
    },
    clear: () => {
      rules = [];
    },
    passed: () => [...passed],
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  raw(res, status, JSON.stringify(body), 'application/json', headers);
}

function raw(res: ServerResponse, status: number, text: string, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
