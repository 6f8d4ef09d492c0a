// A loopback proxy in front of a sandbox tenant that changes the JSON answers of matching
// requests: for answers ISC may send but the sandbox does not (a task that ends WARNING
// without `messages`). Faults themselves come from the sandbox's own rules (sandbox.faults).
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TenantFront } from './explorer-helpers';

export interface Rewrite {
  method: string;
  path: RegExp;
  rewrite: (body: unknown) => unknown;
}

export async function startAnswerRewriter(targetBaseUrl: string, rewrites: Rewrite[]): Promise<TenantFront> {
  const target = new URL(targetBaseUrl);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const rule = rewrites.find((r) => r.method === req.method && r.path.test(path));
      const upstream = forward({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
        const replyChunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => replyChunks.push(chunk));
        reply.on('end', () => {
          let body = Buffer.concat(replyChunks);
          const status = reply.statusCode ?? 502;
          if (rule && status >= 200 && status < 300) body = Buffer.from(JSON.stringify(rule.rewrite(JSON.parse(body.toString()))));
          const headers = { ...reply.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(status, headers);
          res.end(body);
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
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
