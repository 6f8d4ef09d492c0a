// A loopback proxy in front of a tenant that remembers every secret crossing it: the access
// tokens in token answers and Authorization headers, and client secrets in token requests. A
// test then searches everything the client wrote for exactly these values.
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SniffingProxy {
  url: string;
  /** Every access token the tenant issued or the client sent, and every client secret sent. */
  secretsSeen(): string[];
  close(): Promise<void>;
}

export async function startSniffingProxy(targetBaseUrl: string): Promise<SniffingProxy> {
  const target = new URL(targetBaseUrl);
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) seen.add(auth.slice('Bearer '.length));
      const secret = new URLSearchParams(body.toString()).get('client_secret');
      if (secret) seen.add(secret);
      const upstream = forward(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            const answerBody = Buffer.concat(answerChunks);
            if (req.url?.startsWith('/oauth/token')) {
              try {
                const token = (JSON.parse(answerBody.toString()) as { access_token?: unknown }).access_token;
                if (typeof token === 'string') seen.add(token);
              } catch {
                // An error answer: no token in it.
              }
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(answerBody);
          });
        },
      );
      // The tenant dropped the connection (a fault under test): drop ours too.
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secretsSeen: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
