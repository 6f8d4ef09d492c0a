// What the sandbox itself costs: it renders every page on one Node thread (tens of ms of CPU
// for 250 full accounts), which no client can go below however it pages. Measured with raw
// fetch, 8 pages in flight, the added latency and the bandwidth knob switched off (the bounds
// count both already), bodies read but not parsed. The same pass weighs each page's answer.
import type { RunningSandbox } from './meter';

export interface SandboxFloor {
  ms: number;
  /** Each page's body in bytes, in page order: what a client listing them all must receive. */
  pageBytes: number[];
}

export async function sandboxFloor(sandbox: RunningSandbox, request: { sourceId: string; pages: number; pageSize: number }): Promise<SandboxFloor> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
  const tokenAnswer = await fetch(`${sandbox.baseUrl}/oauth/token`, { method: 'POST', body: form });
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const filters = encodeURIComponent(`sourceId eq "${request.sourceId}"`);
  const { latencyMs, bandwidthMbitPerConnection } = sandbox.faults.current;
  sandbox.setFaults({ latencyMs: 0, bandwidthMbitPerConnection: 0 });
  try {
    const pageBytes: number[] = [];
    const pages = Array.from({ length: request.pages }, (_, page) => page);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let page = pages.shift(); page !== undefined; page = pages.shift()) {
          const url = `${sandbox.baseUrl}/v3/accounts?limit=${request.pageSize}&offset=${page * request.pageSize}&filters=${filters}`;
          const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
          if (!response.ok) throw new Error(`sandbox floor: GET page ${page} answered ${response.status}`);
          pageBytes[page] = (await response.arrayBuffer()).byteLength;
        }
      }),
    );
    return { ms: performance.now() - started, pageBytes };
  } finally {
    sandbox.setFaults({ latencyMs, bandwidthMbitPerConnection });
  }
}
