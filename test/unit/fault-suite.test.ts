// The fault suite: a scripted workload through the exact functions the commands call
// (change-requests.ts + runChange) against the sandbox with faults injected (429 bursts, 10%
// 503s, 5% connections dropped before and 5% after the change was applied, 1% of requests never
// answered, tokens expiring mid-run). Every change must end applied exactly once (ledger), or
// reported unknown with its account (applied at most once), or not applied (never applied);
// nothing doubled, nothing applied that was not meant. The in-VS-Code fault matrix
// (test/integration/fault-matrix.test.ts) covers each operation × fault through the commands.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { startSandbox, type ChangeKind, type SandboxHandle } from '../../src/sandbox';
import { checkLedger, ledgerProblems, type MeantChange } from '../../tools/testing/ledger-check';
import { runWorkload, WORKLOAD_WINDOW, type PhaseHook, type WorkloadPlan, type WorkloadReport } from './support/fault-workload';

const SEEDS = [11, 22, 33];
const FAULTS = { serverErrorRate: 0.1, dropConnectionRate: 0.05, dropAfterApplyRate: 0.05, hangRate: 0.01, tokenTtlSeconds: 3 };
const TASK_MS = 5;
// Consecutive 429s a burst sends: at the start they all land on the one first-page request.
const BURST = 4;
const UNKNOWN_IDS = ['2c9180000000000000000000dead0001', '2c9180000000000000000000dead0002'];

interface Fixture {
  sandbox: SandboxHandle;
  client: IscClient;
  plan: WorkloadPlan;
  /** Attribute patches that ISC must refuse (direct-connect accounts): given up on, reported. */
  refusedPatches: WorkloadPlan['patches'];
  listExpected: string[];
  ledgerStart: number;
}

async function setUp(seed: number): Promise<Fixture> {
  // No rate limit (429s come in scripted bursts); Retry-After 0.2 s and 5 ms tasks keep three
  // seeds within a minute, as the whole suite is scaled down in time.
  const sandbox = await startSandbox({ seed, largeSourceAccounts: 3_000, rateLimit: false, retryAfterSeconds: 0.2, taskDurationMs: TASK_MS });
  const { tenant } = sandbox;
  const big = tenant.largeSource();
  const flat = tenant.flatFileSource();
  const lifecycle = tenant.accountsOfSource(big.id).filter((account) => !account.disabled).slice(0, 200).map((account) => account.id);
  const patches = tenant
    .accountsOfSource(flat.id)
    .slice(0, 60)
    .map((account, i) => ({ accountId: account.id, attribute: 'faultSuiteNote', value: `seed ${seed}, patch ${i}` }));
  const refusedPatches = lifecycle.slice(0, 3).map((accountId) => ({ accountId, attribute: 'faultSuiteNote', value: 'refused' }));
  const creates = Array.from({ length: 20 }, (_, i) => ({ sourceId: flat.id, nativeIdentity: `fault-${seed}-${i}` }));
  const client = new IscClient({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    // No rate limit to pace for; quick back-off and time limits to match the scaled-down run.
    requestsPer10Seconds: 1_000_000,
    concurrency: 8,
    timeoutMs: 500,
    maxRetries: 8,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
  });
  return {
    sandbox,
    client,
    plan: { listSourceId: big.id, lifecycleIds: [...lifecycle, ...UNKNOWN_IDS], patches: [...patches, ...refusedPatches], creates },
    refusedPatches,
    listExpected: tenant.accountsOfSource(big.id).map((account) => account.id),
    ledgerStart: sandbox.ledger.mark(),
  };
}

/** Mid-run trouble: every token expires and a burst of 429s arrives between phases. */
function trouble(sandbox: SandboxHandle): PhaseHook {
  return () => {
    sandbox.expireAllTokens();
    sandbox.setFaults({ burst429: BURST });
  };
}

for (const seed of SEEDS) {
  describe(`fault suite, seed ${seed}: the tenant ends exactly in the intended state`, function () {
    this.timeout(120_000);
    let fx: Fixture;
    let report: WorkloadReport;

    before(async () => {
      fx = await setUp(seed);
      fx.sandbox.setFaults({ ...FAULTS, seed, burst429: BURST });
      report = await runWorkload(fx.client, fx.plan, trouble(fx.sandbox));
      fx.sandbox.setFaults({ serverErrorRate: 0, dropConnectionRate: 0, dropAfterApplyRate: 0, hangRate: 0, burst429: 0 });
      // Tasks of the last changes complete a few ms after their answers.
      await new Promise((resolve) => setTimeout(resolve, TASK_MS * 20));
    });
    after(async () => {
      await fx?.sandbox.close();
    });

    it('injected every kind of fault, and the client met them all', () => {
      const stats = fx.sandbox.stats();
      assert.ok((stats.byStatus['503'] ?? 0) > 50, `503s: ${stats.byStatus['503']}`);
      assert.ok(stats.droppedConnections > 50, `dropped: ${stats.droppedConnections}`);
      assert.ok((stats.byStatus['hung'] ?? 0) > 3, `hung: ${stats.byStatus['hung']}`);
      assert.ok(stats.rateLimited >= 4 * BURST, `429s: ${stats.rateLimited}`);
      assert.ok((stats.byStatus['401'] ?? 0) > 0, 'some calls met an expired token');
      assert.ok(fx.client.stats().tokenRequests >= 4, `tokens: ${fx.client.stats().tokenRequests}`);
      const byReadBack = report.ended.filter((e) => e.outcome.outcome === 'applied' && e.outcome.evidence.kind === 'read-back').length;
      // How many lost answers fall on changes ISC applied depends on how the concurrent requests
      // interleave: 9 to 26 over runs of one seed on a loaded machine. What matters is that the
      // read-back path settles several of them.
      assert.ok(byReadBack >= 3, `answers lost after the change applied, settled by reading back: ${byReadBack}`);
      assert.ok(report.ended.some((e) => e.outcome.outcome === 'unknown'), 'some changes stayed unknown');
    });

    it('listed every account of the source once', () => {
      assert.equal(report.listedIds.length, fx.listExpected.length);
      assert.deepEqual([...report.listedIds].sort(), [...fx.listExpected].sort());
    });

    it('ended every change with an outcome; only the changes ISC refused are "not applied", each with its reason', () => {
      const total = fx.plan.lifecycleIds.length * 2 + fx.plan.patches.length + fx.plan.creates.length;
      assert.equal(report.ended.length, total, 'one outcome per change');
      const refused = new Set([
        ...UNKNOWN_IDS.flatMap((account) => [`disable ${account}`, `enable ${account}`]),
        ...fx.refusedPatches.map(({ accountId }) => `patch ${accountId}`),
      ]);
      const notApplied = report.ended.filter((e) => e.outcome.outcome === 'not-applied');
      for (const ended of notApplied) assert.ok(refused.has(`${ended.action} ${ended.account}`), `${ended.action} ${ended.account}: ${ended.outcome.reason}`);
      for (const key of refused) {
        const ended = report.ended.find((e) => `${e.action} ${e.account}` === key)!;
        assert.notEqual(ended.outcome.outcome, 'applied', key);
        if (ended.outcome.outcome === 'not-applied') assert.ok(ended.outcome.reason, `${key} says why`);
      }
    });

    it('applied every change reported applied exactly once, unknown ones at most once, others never; nothing else (ledger)', async () => {
      await new Promise((resolve) => setTimeout(resolve, WORKLOAD_WINDOW.windowMs));
      const meant = report.ended.map(
        (ended): MeantChange => ({
          kind: ended.action as ChangeKind,
          target: ended.account,
          allowed: ended.outcome.outcome === 'applied' ? [1] : ended.outcome.outcome === 'unknown' ? [0, 1] : [0],
          reported: ended.outcome.outcome,
        }),
      );
      // Also fails for a change taken on twice (sent again after it may have reached ISC).
      assert.deepEqual(ledgerProblems(checkLedger(meant, fx.sandbox.ledger, fx.ledgerStart)), []);
    });

    it('left no account with a doubled create', () => {
      const { tenant } = fx.sandbox;
      for (const { sourceId, nativeIdentity } of fx.plan.creates) {
        const matches = tenant.accountsOfSource(sourceId).filter((a) => a.nativeIdentity === nativeIdentity);
        assert.ok(matches.length <= 1, `accounts with native identity ${nativeIdentity}`);
      }
    });
  });
}
