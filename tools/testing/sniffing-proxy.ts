// A loopback proxy in front of a tenant that remembers every secret crossing it: the access
// tokens in token answers and Authorization headers, and client secrets in token requests. A
// test then searches everything the client wrote for exactly these values.
import { startLoopbackProxy } from './loopback-proxy';

export interface SniffingProxy {
  url: string;
  /** Every access token the tenant issued or the client sent, and every client secret sent. */
  secretsSeen(): string[];
  close(): Promise<void>;
}

export async function startSniffingProxy(targetBaseUrl: string): Promise<SniffingProxy> {
  const seen = new Set<string>();
  const proxy = await startLoopbackProxy(targetBaseUrl, {
    onRequest: ({ headers, body }) => {
      const auth = headers.authorization;
      if (auth?.startsWith('Bearer ')) seen.add(auth.slice('Bearer '.length));
      const secret = new URLSearchParams(body.toString()).get('client_secret');
      if (secret) seen.add(secret);
    },
    onAnswer: ({ url }, _status, body) => {
      if (!url.startsWith('/oauth/token')) return undefined;
      try {
        const token = (JSON.parse(body.toString()) as { access_token?: unknown }).access_token;
        if (typeof token === 'string') seen.add(token);
      } catch {
        // An error answer: no token in it.
      }
      return undefined;
    },
  });
  return { url: proxy.url, secretsSeen: () => [...seen], close: proxy.close };
}
