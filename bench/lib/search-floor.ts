// What the sandbox itself costs to answer one Find: it filters and sorts its 100,000 accounts on
// one Node thread, which no client goes below. Measured with raw fetch, the added latency and
// the bandwidth limit switched off, each text asked for the first time (the sandbox keeps its
// last answers), the body read but not parsed.
import { findAccountsFilter, FIND_LIMIT } from '../../src/commands/find-query';
import type { RunningSandbox } from './meter';

export async function searchFloorMs(sandbox: RunningSandbox, texts: string[], restore: { latencyMs: number; bandwidthMbitPerConnection: number }): Promise<number[]> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
  const tokenAnswer = await fetch(`${sandbox.baseUrl}/oauth/token`, { method: 'POST', body: form });
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  sandbox.setFaults({ latencyMs: 0, bandwidthMbitPerConnection: 0 });
  try {
    const times: number[] = [];
    for (const text of texts) {
      const query = new URLSearchParams({ limit: String(FIND_LIMIT), sorters: 'name', detailLevel: 'SLIM', filters: findAccountsFilter(text) ?? '' });
      const started = performance.now();
      const response = await fetch(`${sandbox.baseUrl}/v3/accounts?${query}`, { headers: { Authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`search floor: "${text}" answered ${response.status}`);
      await response.text();
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    sandbox.setFaults(restore);
  }
}
