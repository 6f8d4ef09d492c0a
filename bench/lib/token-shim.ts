// The official SDK asks for its token with a multipart/form-data body (it posts a `form-data`
// FormData through axios). ISC accepts that; the sandbox's token endpoint reads only
// url-encoded forms. Until it does, this loopback shim re-encodes the SDK's one token request
// as a url-encoded form and forwards it to the sandbox. Only the token request passes through
// it: every API call goes straight to the sandbox.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenShim {
  /** Use as the SDK's `tokenUrl`. */
  tokenUrl: string;
  close(): Promise<void>;
}

/** Whether the sandbox's token endpoint takes a multipart form as ISC does. */
export async function acceptsMultipartToken(baseUrl: string, clientId: string, clientSecret: string): Promise<boolean> {
  const form = new FormData();
  form.append('grant_type', 'client_credentials');
  form.append('client_id', clientId);
  form.append('client_secret', clientSecret);
  const response = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.ok;
}

export async function startTokenShim(baseUrl: string): Promise<TokenShim> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const parsed = await new Response(Buffer.concat(chunks), { headers: { 'content-type': String(req.headers['content-type'] ?? '') } }).formData();
        const form = new URLSearchParams();
        parsed.forEach((value, name) => {
          if (typeof value === 'string') form.append(name, value);
        });
        const answer = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body: form });
        const text = await answer.text();
        res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      } catch (error) {
        res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'token_shim', error_description: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/oauth/token`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
