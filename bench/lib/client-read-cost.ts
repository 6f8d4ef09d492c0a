// What reading the pages costs a client on this machine: decoding each body's UTF-8 text
// (as node-fetch's text() does) and JSON.parse, timed on one thread without the network.
// With realistic pages this CPU time, not the round trips, can decide a listing's pace.
import type { RunningSandbox } from './meter';
import { pageUrl, sandboxToken, withoutNetworkCosts, type PagesRequest } from './sandbox-floor';

export async function clientReadCostMs(sandbox: RunningSandbox, request: PagesRequest): Promise<number> {
  const token = await sandboxToken(sandbox);
  return withoutNetworkCosts(sandbox, async () => {
    let readingMs = 0;
    for (let page = 0; page < request.pages; page++) {
      const response = await fetch(pageUrl(sandbox, request, page), { headers: { Authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`client read cost: GET page ${page} answered ${response.status}`);
      const body = new Uint8Array(await response.arrayBuffer());
      const started = performance.now();
      JSON.parse(new TextDecoder().decode(body));
      readingMs += performance.now() - started;
    }
    return readingMs;
  });
}
