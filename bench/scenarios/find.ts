// Scenario 8: Find Account across a 100,000-account tenant, as a person uses it in a real VS
// Code: the command opens its quick pick, the text is typed key by key into the workbench page
// (an id is pasted), and the rows appear. Measured against the realistic sandbox (50 ms latency,
// 50 Mbit/s per connection, ISC's rate limit): the requests each settled query costs, and the
// time from the last keystroke to the rows shown, against debounce + latency + bytes ÷ bandwidth.
// Beside it, the official SDK making the same search as one listAccounts call.
import type { SandboxAccount } from '../../src/sandbox';
import { criticalPathBoundMs, typedSearchBoundMs } from '../lib/bounds';
import { runInFreshProcess } from '../lib/child';
import type { RunningSandbox } from '../lib/meter';
import { searchFloorMs } from '../lib/search-floor';
import { packageExtension } from '../lib/package';
import { REALISTIC, startRealisticSandbox } from '../lib/realistic-sandbox';
import type { ScenarioReport } from '../lib/report';
import { formatMs } from '../lib/summary';
import { sandboxCredentials } from '../lib/tenant';
import { typeQueries, type TypedQuery, type TypedQueryTiming } from '../vscode/find-typing';
import { runInFreshVsCode } from '../vscode/launch';
import type { BenchContext } from './context';
import { findReport, type FindConditions, type QueryKind, type SearchMeasure } from './find-report';

const ACCOUNTS = 100_000;
const LATENCY_MS = REALISTIC.latencyMs;
const BANDWIDTH_MBIT = REALISTIC.bandwidthMbit;
const ISC_LIMIT = REALISTIC.rateLimit;
/** The search quick pick's debounce (src/ui/search-quick-pick.ts), as the product ships it. */
const DEBOUNCE_MS = 300;
/** About 8 keystrokes a second, a practised typist's steady pace. */
const MS_PER_KEY = 125;

const FIND_CONDITIONS: FindConditions = { ACCOUNTS, LATENCY_MS, BANDWIDTH_MBIT, ISC_LIMIT, DEBOUNCE_MS, MS_PER_KEY };

const KINDS: QueryKind[] = [
  // The first Find after VS Code starts pays what the first use of anything does; it is kept apart.
  { label: 'identity name, the first Find after the start', text: (a, owner) => owner ?? a.name, paste: false },
  { label: 'identity name 1', text: (a, owner) => owner ?? a.name, paste: false },
  { label: 'identity name 2', text: (a, owner) => owner ?? a.name, paste: false },
  { label: 'account name 1', text: (a) => a.name, paste: false },
  { label: 'account name 2', text: (a) => a.name, paste: false },
  // The DN's first part (CN=…), as far as a person types before the rows narrow enough.
  { label: 'native identity (CN=…)', text: (a) => a.nativeIdentity.split(',')[0], paste: false },
  { label: 'account id (pasted)', text: (a) => a.id, paste: true },
];

export async function findScenario(context: BenchContext): Promise<ScenarioReport> {
  context.progress('8. Packaging the extension (npm run package)…');
  const packaged = await packageExtension();
  context.progress(`8. Starting a ${ACCOUNTS.toLocaleString('en')}-account realistic sandbox (${LATENCY_MS} ms, ${BANDWIDTH_MBIT} Mbit/s, ISC's rate limit)…`);
  const sandbox = await startRealisticSandbox(ACCOUNTS);
  try {
    const pick = queryPicker(sandbox);
    const ours: SearchMeasure[][] = KINDS.map(() => []);
    for (let run = 1; run <= context.runs; run++) {
      const queries = KINDS.map((kind) => pick(kind));
      const timings: TypedQueryTiming[] = [];
      const host = await runInFreshVsCode(
        { find: { ...sandboxCredentials(sandbox), queries: queries.length } },
        packaged.extensionDir,
        (page) => typeQueries(page, queries, MS_PER_KEY, timings),
      );
      if (host.error || !host.find) throw new Error(`in the extension host: ${host.error ?? 'no Find result'}`);
      if (timings.length !== queries.length) throw new Error(`${timings.length} of ${queries.length} queries were typed`);
      timings.forEach((timing, index) => ours[index].push(measureTyped(sandbox, queries[index], timing, host.find!.readyAt)));
      context.progress(`8. Run ${run}/${context.runs} in VS Code: ${ours.map((m) => `${formatMs(m[m.length - 1].wallMs)} (${m[m.length - 1].requests} req)`).join(', ')}`);
    }
    const sdk: SearchMeasure[][] = KINDS.map(() => []);
    for (let run = 1; run <= context.runs; run++) {
      const queries = KINDS.map((kind) => pick(kind));
      const result = await runInFreshProcess({ kind: 'find', impl: 'sdk', sdk: 'documented', tenant: sandboxCredentials(sandbox), queries: queries.map((q) => q.text) }, 120_000);
      if (result.failures || result.searches?.length !== queries.length) throw new Error(`the SDK's searches failed: ${result.failureSamples.join('; ')}`);
      result.searches.forEach((search, index) => sdk[index].push(measureCall(sandbox, queries[index], search)));
      context.progress(`8. Run ${run}/${context.runs}, official SDK: ${sdk.map((m) => formatMs(m[m.length - 1].wallMs)).join(', ')}`);
    }
    const floors: number[] = [];
    for (let run = 1; run <= context.runs; run++) {
      floors.push(...(await searchFloorMs(sandbox, KINDS.map((kind) => pick(kind).text), { latencyMs: LATENCY_MS, bandwidthMbitPerConnection: BANDWIDTH_MBIT })));
    }
    context.progress(`8. Sandbox floor (raw fetch, no latency or bandwidth limit): ${floors.map(formatMs).join(', ')}`);
    return findReport(KINDS, ours, sdk, floors, FIND_CONDITIONS);
  } finally {
    await sandbox.close();
  }
}

/**
 * A new text for each kind at every call: the sandbox keeps its last answers, and a query asked
 * twice would be answered from that memory, which ISC's search does not promise.
 */
function queryPicker(sandbox: RunningSandbox): (kind: QueryKind) => TypedQuery & { kind: string } {
  const source = sandbox.tenant.largeSource();
  const accounts = sandbox.tenant.allAccounts().filter((account) => account.sourceId === source.id);
  const used = new Set<string>();
  let cursor = 0;
  return (kind) => {
    for (;;) {
      // A stride prime to the count walks the whole source without repeating.
      cursor = (cursor + 7_919) % accounts.length;
      const account: SandboxAccount = accounts[cursor];
      const owner = account.identityId ? sandbox.tenant.identity(account.identityId)?.name : undefined;
      const text = kind.text(account, owner);
      const stem = text.toLowerCase();
      if ([...used].some((seen) => seen.startsWith(stem) || stem.startsWith(seen))) continue;
      used.add(stem);
      return { text, paste: kind.paste, kind: kind.label };
    }
  };
}

function requestsIn(sandbox: RunningSandbox, from: number, to: number) {
  return sandbox.requestLog().filter((entry) => entry.at >= from && entry.at <= to);
}

/** One typed query: its requests, and the last keystroke to the rows answering the last request. */
function measureTyped(sandbox: RunningSandbox, query: TypedQuery, timing: TypedQueryTiming, readyAt: number): SearchMeasure {
  const firstKey = timing.keys[0];
  const lastKey = timing.keys[timing.keys.length - 1];
  if (firstKey === undefined || firstKey < readyAt) throw new Error(`"${query.text}": no keystroke reached the quick pick`);
  const seen = requestsIn(sandbox, firstKey, timing.closedAt);
  const api = seen.filter((entry) => entry.path !== '/oauth/token');
  const settled = api[api.length - 1];
  if (!settled) throw new Error(`"${query.text}": the sandbox received no request`);
  const shown = timing.changes.find((change) => change.rows > 0 && change.at >= settled.at);
  if (!shown) throw new Error(`"${query.text}": no rows were shown after its request`);
  const pauses = timing.keys.slice(1).map((at, index) => at - timing.keys[index]);
  return {
    text: query.text,
    wallMs: shown.at - lastKey,
    requests: api.length,
    tokenRequests: seen.length - api.length,
    responseBytes: settled.responseBytes,
    sentAfterMs: settled.at - lastKey,
    keys: timing.keys.length,
    longestPauseMs: Math.max(0, ...pauses),
    pausesPastDebounce: pauses.filter((pause) => pause >= DEBOUNCE_MS).length,
    pausesBeforeEarlierRequestsMs: api.slice(0, -1).map((request) => pauseBefore(timing.keys, request.at)),
    msPerKey: timing.keys.length > 1 ? (lastKey - firstKey) / (timing.keys.length - 1) : undefined,
    boundMs: typedSearchBoundMs(DEBOUNCE_MS, LATENCY_MS, settled.responseBytes, BANDWIDTH_MBIT),
  };
}

/** The pause in the typing that an earlier request answered: from the last key before it to the next. */
function pauseBefore(keys: number[], at: number): number {
  const next = keys.findIndex((key) => key > at);
  return next > 0 ? keys[next] - keys[next - 1] : 0;
}

function measureCall(sandbox: RunningSandbox, query: TypedQuery, search: { wallMs: number; items: number; from: number; to: number }): SearchMeasure {
  const seen = requestsIn(sandbox, search.from, search.to);
  const api = seen.filter((entry) => entry.path !== '/oauth/token');
  const bytes = api.reduce((sum, entry) => sum + entry.responseBytes, 0);
  return {
    text: query.text,
    wallMs: search.wallMs,
    requests: api.length,
    tokenRequests: seen.length - api.length,
    responseBytes: bytes,
    items: search.items,
    // No debounce: the call is made when the script makes it.
    boundMs: criticalPathBoundMs(Math.max(1, api.length), bytes, LATENCY_MS, BANDWIDTH_MBIT),
  };
}
