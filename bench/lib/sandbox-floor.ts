// What the sandbox itself costs: it renders every page on one Node thread (tens of ms of CPU
// for 250 full accounts), which no client can go below however it pages. Measured with raw
// fetch, 8 pages in flight, the added latency switched off, bodies read but not parsed.
import type { RunningSandbox } from './meter';

export async function sandboxFloorMs(
  sandbox: RunningSandbox,
  request: { sourceId: string; pages: number; pageSize: number; restoreLatencyMs: number },
): Promise<number> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
  const tokenAnswer = await fetch(`${sandbox.baseUrl}/oauth/token`, { method: 'POST', body: form });
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const filters = encodeURIComponent(`sourceId eq "${request.sourceId}"`);
  sandbox.setFaults({ latencyMs: 0 });
  try {
    const offsets = Array.from({ length: request.pages }, (_, page) => page * request.pageSize);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let offset = offsets.shift(); offset !== undefined; offset = offsets.shift()) {
          const url = `${sandbox.baseUrl}/v3/accounts?limit=${request.pageSize}&offset=${offset}&filters=${filters}`;
          const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
          if (!response.ok) throw new Error(`sandbox floor: GET page at ${offset} answered ${response.status}`);
          await response.text();
        }
      }),
    );
    return performance.now() - started;
  } finally {
    sandbox.setFaults({ latencyMs: request.restoreLatencyMs });
  }
}
