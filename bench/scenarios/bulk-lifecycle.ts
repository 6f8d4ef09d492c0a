// Scenario 2: disable, then enable, 1,000 accounts with the sandbox enforcing a rate limit
// scaled down to 100 requests per 1 s (ISC: 100 per 10 s), counting lost and duplicated
// actions from the sandbox's ledger.
import { startSandbox } from '../../src/sandbox';
import { checkLedger, type MeantChange } from '../../tools/testing/ledger-check';
import { bulkBoundMs } from '../lib/bounds';
import { runInFreshProcess } from '../lib/child';
import { metered } from '../lib/meter';
import { bulkFigures, bulkRow, bulkTargets, type BulkRunFigures } from '../lib/bulk-figures';
import type { BenchRow, ScenarioReport } from '../lib/report';
import { formatMs } from '../lib/summary';
import { sandboxCredentials } from '../lib/tenant';
import type { Variant } from '../lib/variant';
import { describeSdkSettings } from '../worker/sdk';
import type { BenchContext } from './context';

const ACCOUNTS = 1_000;
const SCALED_LIMIT = { requests: 100, windowMs: 1_000 };
const TASK_MS = 50;

const variants: Variant[] = [
  {
    client: 'this project',
    impl: 'ours',
    ours: { concurrency: 8, requestsPer10Seconds: 95, rateWindowMs: SCALED_LIMIT.windowMs },
    settings: 'defaults scaled like the sandbox: concurrency 8, pacing 95 per 1 s window; lost answers settled by reading back',
  },
  { client: 'official SDK', impl: 'sdk', sdk: 'documented', settings: `${describeSdkSettings('documented')}; one awaited call per account` },
];

export async function bulkLifecycleScenario(context: BenchContext): Promise<ScenarioReport> {
  const title = `2. Bulk disable + enable (${ACCOUNTS.toLocaleString('en')} accounts)`;
  const perVariant = variants.map(() => [] as BulkRunFigures[]);
  for (let run = 1; run <= context.runs; run++) {
    for (const [index, variant] of variants.entries()) {
      // A fresh tenant per run: a client that lost actions leaves accounts disabled.
      const sandbox = await startSandbox({ largeSourceAccounts: ACCOUNTS + 300, rateLimit: SCALED_LIMIT, taskDurationMs: TASK_MS });
      try {
        const accountIds = sandbox.tenant
          .accountsOfSource(sandbox.tenant.largeSource().id)
          .filter((account) => !account.disabled)
          .slice(0, ACCOUNTS)
          .map((account) => account.id);
        if (accountIds.length < ACCOUNTS) throw new Error(`only ${accountIds.length} enabled accounts in the sandbox`);
        const ledgerStart = sandbox.ledger.mark();
        const { value: result, traffic } = await metered(sandbox, () =>
          runInFreshProcess({ kind: 'bulk', impl: variant.impl, ours: variant.ours, sdk: variant.sdk, tenant: sandboxCredentials(sandbox), accountIds }),
        );
        // Let the last tasks complete before reading what was applied.
        await new Promise((resolve) => setTimeout(resolve, TASK_MS * 4));
        const meant: MeantChange[] = (['disable', 'enable'] as const).flatMap((kind) =>
          accountIds.map((target) => ({ kind, target, allowed: [1] })),
        );
        const ledger = checkLedger(meant, sandbox.ledger, ledgerStart);
        const wrongState = accountIds.filter((id) => sandbox.tenant.account(id)?.disabled !== false).length;
        const figures = bulkFigures(result, traffic, ledger, wrongState);
        perVariant[index].push(figures);
        context.progress(
          `${title}: run ${run}/${context.runs}, ${variant.client}: ${formatMs(result.wallMs)}, ${traffic.requests} requests, ` +
            `${traffic.rateLimited} × 429, ${result.failures} failed, lost ${figures.lost}, duplicated ${figures.duplicated}` +
            (result.failureSamples.length > 0 ? ` (e.g. ${result.failureSamples[0]})` : ''),
        );
      } finally {
        await sandbox.close();
      }
    }
  }
  const boundMs = bulkBoundMs(2 * ACCOUNTS, SCALED_LIMIT);
  const rows: BenchRow[] = variants.map((variant, index) => bulkRow(variant, perVariant[index], boundMs, 'accounts not enabled at the end'));
  const conditions = [
    `Sandbox: ${ACCOUNTS.toLocaleString('en')} enabled accounts of one source; rate limit scaled down to ${SCALED_LIMIT.requests} requests per token per ${SCALED_LIMIT.windowMs / 1000} s (ISC: 100 per 10 s) to keep the run short; every action runs as a task of ${TASK_MS} ms; no other faults. A fresh sandbox per run.`,
    `Work: disable each account (one POST each), then enable each: ${2 * ACCOUNTS} requests. Bound = requests ÷ allowed rate = ${2 * ACCOUNTS} ÷ ${SCALED_LIMIT.requests} per s = ${formatMs(boundMs)} (a sliding window lets the first ${SCALED_LIMIT.requests} go at once, so the exact floor is ${formatMs(boundMs - SCALED_LIMIT.windowMs)} plus the last round trip).`,
    `This project paces at 95 per window: ${2 * ACCOUNTS} ÷ 95 per s ≈ ${formatMs((2 * ACCOUNTS * SCALED_LIMIT.windowMs) / 95)}, i.e. ${((2 * ACCOUNTS) / 95 / ((2 * ACCOUNTS) / SCALED_LIMIT.requests)).toFixed(2)}× the bound by choice (5% left for other tools on the same token).`,
    'Lost / duplicated / unexpected come from the sandbox\'s applied-actions ledger (what the tenant really did), not from what the client reported. The SDK\'s failures are 429s it does not retry (POST is not idempotent for axios-retry, and 429 is not in its default retry rule); each one surfaced as an error to the caller.',
  ];
  return { id: 'bulk', title, conditions, rows, targets: bulkTargets('Bulk lifecycle', 'actions', rows[0], perVariant[0]) };
}
