// Scenario 1: every account of a 25,000-account source, with 50 ms of latency per request and
// ISC's own rate limit (100 requests per token per 10 s), for this project's client and for
// the SDK's Paginator.
import { startSandbox } from '../../src/sandbox';
import { listAllBoundMs } from '../lib/bounds';
import { runInFreshProcess } from '../lib/child';
import { metered } from '../lib/meter';
import { sandboxFloorMs } from '../lib/sandbox-floor';
import type { BenchRow, ScenarioReport, TargetCheck } from '../lib/report';
import { formatMs, summarize } from '../lib/summary';
import { sandboxCredentials } from '../lib/tenant';
import type { Variant } from '../lib/variant';
import type { WorkerResult } from '../worker/protocol';
import { describeSdkSettings } from '../worker/sdk';
import type { BenchContext } from './context';

const ACCOUNTS = 25_000;
const PAGE_SIZE = 250;
const LATENCY_MS = 50;
const ISC_LIMIT = { requests: 100, windowMs: 10_000 };

const variants: Variant[] = [
  {
    client: 'this project',
    impl: 'ours',
    ours: { concurrency: 8, requestsPer10Seconds: 95 },
    settings: 'defaults: concurrency 8, pacing 95 req/10 s',
  },
  {
    client: 'this project',
    impl: 'ours',
    ours: { concurrency: 8, requestsPer10Seconds: 100 },
    settings: 'concurrency 8, pacing 100 req/10 s (the whole ISC budget)',
  },
  { client: 'official SDK', impl: 'sdk', sdk: 'documented', settings: describeSdkSettings('documented') },
  { client: 'official SDK', impl: 'sdk', sdk: 'retry-429', settings: describeSdkSettings('retry-429') },
];

export async function listAllScenario(context: BenchContext): Promise<ScenarioReport> {
  const title = `1. List all (${ACCOUNTS.toLocaleString('en')} accounts)`;
  context.progress(`${title}: starting the sandbox…`);
  const sandbox = await startSandbox({ largeSourceAccounts: ACCOUNTS, rateLimit: ISC_LIMIT, faults: { latencyMs: LATENCY_MS } });
  try {
    const tenant = sandboxCredentials(sandbox);
    const sourceId = sandbox.tenant.largeSource().id;
    const expected = sandbox.tenant.accountsOfSource(sourceId).length;
    const pages = Math.ceil(expected / PAGE_SIZE);
    const perVariant = variants.map(() => [] as Array<{ result: WorkerResult; requests: number; tokens: number; limited: number }>);
    // Interleaved, so a slow moment of the machine does not land on one client only. Each run
    // uses a fresh client and so a fresh token: its own rate-limit window.
    const floors: number[] = [];
    for (let run = 1; run <= context.runs; run++) {
      floors.push(await sandboxFloorMs(sandbox, { sourceId, pages, pageSize: PAGE_SIZE, restoreLatencyMs: LATENCY_MS }));
      context.progress(`${title}: run ${run}/${context.runs}, sandbox floor (raw fetch, no latency): ${formatMs(floors[floors.length - 1])}`);
      for (const [index, variant] of variants.entries()) {
        const { value: result, traffic } = await metered(sandbox, () =>
          runInFreshProcess({ kind: 'list', impl: variant.impl, ours: variant.ours, sdk: variant.sdk, tenant, sourceId }),
        );
        const complete = result.failures === 0 && result.items === expected && result.distinctIds === expected;
        if (result.failures === 0 && !complete) result.failureSamples.push(`listed ${result.items} (${result.distinctIds} distinct) of ${expected}`);
        perVariant[index].push({ result: { ...result, failures: complete ? 0 : 1 }, requests: traffic.requests, tokens: traffic.tokenRequests, limited: traffic.rateLimited });
        context.progress(
          `${title}: run ${run}/${context.runs}, ${variant.client} (${variant.settings}): ${formatMs(result.wallMs)}, ` +
            `${traffic.requests} requests, ${traffic.rateLimited} × 429${complete ? '' : `, FAILED: ${result.failureSamples.join('; ')}`}`,
        );
      }
    }
    const rows: BenchRow[] = variants.map((variant, index) => {
      const runs = perVariant[index];
      const concurrency = variant.ours?.concurrency ?? 1;
      const failed = runs.flatMap((r) => r.result.failureSamples);
      return {
        client: variant.client,
        settings: variant.settings,
        wallMs: summarize(runs.map((r) => r.result.wallMs)),
        requests: summarize(runs.map((r) => r.requests)),
        tokenRequests: summarize(runs.map((r) => r.tokens)),
        rateLimited: summarize(runs.map((r) => r.limited)),
        failures: summarize(runs.map((r) => r.result.failures)),
        boundMs: listAllBoundMs(pages, LATENCY_MS, concurrency, ISC_LIMIT),
        other: failed.length > 0 ? `failed: ${[...new Set(failed)].slice(0, 2).join('; ')}` : `all ${expected} accounts, no duplicates`,
      };
    });
    const floor = summarize(floors);
    rows.push({
      client: 'baseline: sandbox floor',
      settings: 'raw fetch, 8 in flight, no added latency, no rate limit, bodies not parsed',
      wallMs: floor,
      requests: summarize(floors.map(() => pages)),
      other: 'what rendering the pages costs the sandbox on its one thread',
    });
    const notes = conditions(pages, expected, floor.median);
    return { id: 'list-all', title, conditions: notes, rows, targets: targets(rows, floor.median) };
  } finally {
    await sandbox.close();
  }
}

function conditions(pages: number, accounts: number, floorMs: number): string[] {
  const ours = listAllBoundMs(pages, LATENCY_MS, 8, ISC_LIMIT);
  return [
    `Sandbox: ${accounts.toLocaleString('en')} accounts on one source, ${LATENCY_MS} ms latency added to every request, rate limit ${ISC_LIMIT.requests} requests per token per ${ISC_LIMIT.windowMs / 1000} s (ISC's own). Page size ${PAGE_SIZE}: ${pages} pages.`,
    `Bound = latency × (1 + ⌈(pages − 1) ÷ concurrency⌉) + window × (⌈requests ÷ limit⌉ − 1): the first page (asked with count=true) must arrive before the rest can be asked for, then ⌈${pages - 1} ÷ C⌉ rounds of C pages in flight; ${pages} requests fit one window of ${ISC_LIMIT.requests}, so no waiting is forced. With C = 8: ${LATENCY_MS} × (1 + ${Math.ceil((pages - 1) / 8)}) = ${formatMs(ours)}. The SDK's Paginator has one request in flight (C = 1).`,
    `The edge of the window: ${pages} pages are exactly ${ISC_LIMIT.requests} requests, the whole budget of one 10 s window. The client's default pacing (95 per 10 s, leaving room for other tools on the same token) must hold the last ${Math.max(0, pages - 95)} requests until the first ones leave the window, about 10 s later; with pacing set to 100 it sends all ${pages} at once. The SDK's Paginator asks for one more page than there are (it stops on a short page): when its 101 requests fall within 10 s, the last one is over the limit and gets a 429, which its default retry rule does not retry.`,
    `The sandbox renders each page on its one Node thread, on the same 2-core machine as the client: all ${pages} pages cost it about ${formatMs(floorMs)} of its own time (the "sandbox floor" row), which no client can go below here. The bound above leaves it out, as the issue defines the bound; the targets show the ratio to both. The sandbox keeps each account's JSON once rendered, so the first floor measurement (the max of that row) also warms it: every client run meets the same warm sandbox.`,
    'Each run uses a fresh client (so a fresh token and rate-limit window) in a fresh Node process; wall time runs from creating the client (token request included) to holding every account.',
  ];
}

/** The bound when the sandbox's own rendering time is counted: it cannot answer faster than that. */
function floorAwareBound(row: BenchRow, floorMs: number): number {
  return Math.max(row.boundMs!, floorMs + LATENCY_MS);
}

function targets(rows: BenchRow[], floorMs: number): TargetCheck[] {
  const ours = rows[0];
  const sdk = rows[2];
  const checks: TargetCheck[] = [];
  const oursOk = (ours.failures?.max ?? 1) === 0;
  const sdkOk = (sdk.failures?.max ?? 1) === 0;
  const speedup = sdk.wallMs!.median / ours.wallMs!.median;
  checks.push({
    target: 'List all: at least 5× faster than the SDK Paginator (defaults of both)',
    measured: `${speedup.toFixed(1)}× (${formatMs(ours.wallMs!.median)} vs ${formatMs(sdk.wallMs!.median)}${sdkOk ? '' : ', the SDK run failed before the end'})`,
    met: oursOk && speedup >= 5,
  });
  const ratio = ours.wallMs!.median / ours.boundMs!;
  checks.push({
    target: 'List all: within 1.25× of the bound (client defaults)',
    measured: `${ratio.toFixed(2)}× (${formatMs(ours.wallMs!.median)} vs ${formatMs(ours.boundMs!)}); ${(ours.wallMs!.median / floorAwareBound(ours, floorMs)).toFixed(2)}× of the bound counting the sandbox floor`,
    met: oursOk && ratio <= 1.25,
  });
  const full = rows[1];
  const fullRatio = full.wallMs!.median / full.boundMs!;
  checks.push({
    target: 'List all: within 1.25× of the bound (pacing 100 req/10 s)',
    measured: `${fullRatio.toFixed(2)}× (${formatMs(full.wallMs!.median)} vs ${formatMs(full.boundMs!)}); ${(full.wallMs!.median / floorAwareBound(full, floorMs)).toFixed(2)}× of the bound counting the sandbox floor (${formatMs(floorAwareBound(full, floorMs))}); ${(rows[3].wallMs!.median / full.wallMs!.median).toFixed(1)}× faster than the SDK with 429 retries`,
    met: (full.failures?.max ?? 1) === 0 && fullRatio <= 1.25,
  });
  return checks;
}
