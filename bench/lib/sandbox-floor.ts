// What the sandbox itself costs: it renders every page on one Node thread (tens of ms of CPU
// for 250 full accounts), which no client can go below however it pages. Measured with raw
// fetch, 8 pages in flight, the added latency and the bandwidth knob switched off (the bounds
// count both already), bodies read but not parsed. The same pass weighs each page's answer.
import type { RunningSandbox } from './meter';

export interface SandboxFloor {
  ms: number;
  /** Each page's body in bytes, in page order: what a client listing them all must receive. */
  pageBytes: number[];
  /** Pages asked again after the connection failed (a keep-alive connection closed as it was reused). */
  retried: number;
}

export interface PagesRequest {
  sourceId: string;
  pages: number;
  pageSize: number;
}

export async function sandboxFloor(sandbox: RunningSandbox, request: PagesRequest): Promise<SandboxFloor> {
  const token = await sandboxToken(sandbox);
  return withoutNetworkCosts(sandbox, async () => {
    const pageBytes: number[] = [];
    let retried = 0;
    const pages = Array.from({ length: request.pages }, (_, page) => page);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let page = pages.shift(); page !== undefined; page = pages.shift()) {
          pageBytes[page] = await pageSize(pageUrl(sandbox, request, page), token, page, () => retried++);
        }
      }),
    );
    return { ms: performance.now() - started, pageBytes, retried };
  });
}

export async function sandboxToken(sandbox: RunningSandbox): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
  const tokenAnswer = await fetch(`${sandbox.baseUrl}/oauth/token`, { method: 'POST', body: form });
  return ((await tokenAnswer.json()) as { access_token: string }).access_token;
}

export function pageUrl(sandbox: RunningSandbox, request: PagesRequest, page: number): string {
  const filters = encodeURIComponent(`sourceId eq "${request.sourceId}"`);
  return `${sandbox.baseUrl}/v3/accounts?limit=${request.pageSize}&offset=${page * request.pageSize}&filters=${filters}`;
}

/** Runs `work` with the added latency and the bandwidth knob off, then puts them back as they were. */
export async function withoutNetworkCosts<T>(sandbox: RunningSandbox, work: () => Promise<T>): Promise<T> {
  const { latencyMs, bandwidthMbitPerConnection } = sandbox.faults.current;
  sandbox.setFaults({ latencyMs: 0, bandwidthMbitPerConnection: 0 });
  try {
    return await work();
  } finally {
    sandbox.setFaults({ latencyMs, bandwidthMbitPerConnection });
  }
}

/** One page's body, read whole and weighed; undici's "fetch failed" says why only in its cause. */
async function pageSize(url: string, token: string, page: number, onRetry: () => void): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    } catch (error) {
      // Under load, a kept-alive connection can be closed by the server just as fetch reuses
      // it; a GET is safe to ask again, once, and the row says how often that happened.
      if (attempt === 0) {
        onRetry();
        continue;
      }
      const cause = (error as { cause?: unknown }).cause;
      throw new Error(`sandbox floor: GET page ${page}: ${(error as Error).message}${cause ? ` (${String(cause)})` : ''}`);
    }
    if (!response.ok) throw new Error(`sandbox floor: GET page ${page} answered ${response.status}`);
    return (await response.arrayBuffer()).byteLength;
  }
}
