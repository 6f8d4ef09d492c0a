// The fault suite: a scripted workload through the client against the sandbox with faults
// injected (429 bursts, 10% 503s, 5% connections dropped before and 5% after the change was
// applied, 1% of requests never answered, tokens expiring mid-run). At the end the tenant must
// be exactly in the intended state: every action applied once (ledger and account state), none
// lost, none doubled, and every failure the client gave up on reported with its account.
import * as assert from 'node:assert/strict';
import { checkLedger, type IntendedAction } from '../../bench/lib/ledger';
import { IscClient } from '../../src/isc';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { runWorkload, type PhaseHook, type WorkloadPlan, type WorkloadReport } from './support/fault-workload';

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
  const lifecycle = tenant.accountsOfSource(big.id).filter((account) => !account.disabled).slice(0, 500).map((account) => account.id);
  const patches = tenant
    .accountsOfSource(flat.id)
    .slice(0, 100)
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
    ledgerStart: tenant.ledger().length,
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
    this.timeout(60_000);
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
      assert.ok(report.settledByReadBack > 10, `answers lost after the change applied, settled by reading back: ${report.settledByReadBack}`);
      assert.ok(report.resends > 10, `changes resent after reading back showed them not applied: ${report.resends}`);
    });

    it('listed every account of the source once', () => {
      assert.equal(report.listedIds.length, fx.listExpected.length);
      assert.deepEqual([...report.listedIds].sort(), [...fx.listExpected].sort());
    });

    it('reported, with its account, exactly the changes ISC refused, and nothing else', () => {
      const gaveUp = report.gaveUp.map(({ action, account, outcomeUnknown }) => ({ action, account, outcomeUnknown }));
      const expected = [
        ...UNKNOWN_IDS.flatMap((account) => [
          { action: 'disable', account, outcomeUnknown: false },
          { action: 'enable', account, outcomeUnknown: false },
        ]),
        ...fx.refusedPatches.map(({ accountId }) => ({ action: 'patch', account: accountId, outcomeUnknown: false })),
      ];
      const key = (entry: { action: string; account: string }) => `${entry.action} ${entry.account}`;
      assert.deepEqual(gaveUp.map(key).sort(), expected.map(key).sort(), report.gaveUp.map((g) => `${key(g)}: ${g.message}`).join('\n'));
      assert.ok(gaveUp.every((entry) => !entry.outcomeUnknown));
      for (const failure of report.gaveUp) assert.match(failure.message, /\b(400|404)\b/, failure.message);
    });

    it('applied every intended change exactly once (ledger): none lost, none doubled, nothing else', () => {
      const { tenant } = fx.sandbox;
      const valid = fx.plan.lifecycleIds.filter((id) => !UNKNOWN_IDS.includes(id));
      const created = fx.plan.creates.map(({ sourceId, nativeIdentity }) => tenant.accountsOfSource(sourceId).find((a) => a.nativeIdentity === nativeIdentity)?.id ?? `(missing ${nativeIdentity})`);
      const intended: IntendedAction[] = [
        ...valid.map((targetId) => ({ action: 'disable', targetId })),
        ...valid.map((targetId) => ({ action: 'enable', targetId })),
        ...fx.plan.patches.filter((p) => !fx.refusedPatches.includes(p)).map(({ accountId }) => ({ action: 'patch', targetId: accountId })),
        ...created.map((targetId) => ({ action: 'create', targetId })),
      ];
      const check = checkLedger(intended, tenant.ledger().slice(fx.ledgerStart));
      assert.deepEqual(check.lost, [], 'lost');
      assert.deepEqual(check.duplicated, [], 'duplicated');
      assert.deepEqual(check.unexpected, [], 'applied but never intended');
    });

    it('left every account in its intended state', () => {
      const { tenant } = fx.sandbox;
      const stillDisabled = fx.plan.lifecycleIds.filter((id) => !UNKNOWN_IDS.includes(id) && tenant.account(id)?.disabled !== false);
      assert.deepEqual(stillDisabled, [], 'accounts not enabled again');
      for (const { accountId, attribute, value } of fx.plan.patches) {
        const account = tenant.account(accountId)!;
        const expected = fx.refusedPatches.some((p) => p.accountId === accountId) ? undefined : value;
        assert.equal(tenant.attributesOf(account)[attribute], expected, `attribute ${attribute} of ${accountId}`);
      }
      for (const { sourceId, nativeIdentity } of fx.plan.creates) {
        const matches = tenant.accountsOfSource(sourceId).filter((a) => a.nativeIdentity === nativeIdentity);
        assert.equal(matches.length, 1, `accounts with native identity ${nativeIdentity}`);
      }
    });
  });
}
