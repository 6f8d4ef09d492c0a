// The fault suite's scripted workload, run through the exact functions the commands call:
// list a whole source, then bulk disable and enable, attribute patches and creates, each change
// built by src/isc/change-requests.ts and made by runChange (a lost answer is settled by
// evidence, never by sending again), a few at a time through the extension's own bulk runner.
// Every change ends with its outcome, named by its account.
import { accountFilter, type IscClient } from '../../../src/isc';
import { runBulk } from '../../../src/core/bulk-run';
import { runChange } from '../../../src/isc/change';
import { createChange, lifecycleChange, patchChange, type AccountChange } from '../../../src/isc/change-requests';
import type { ChangeOutcome } from '../../../src/isc/change-outcome';

export interface AttributePatch {
  accountId: string;
  attribute: string;
  value: string;
}

export interface NewAccount {
  sourceId: string;
  nativeIdentity: string;
}

export interface WorkloadPlan {
  listSourceId: string;
  lifecycleIds: string[];
  patches: AttributePatch[];
  creates: NewAccount[];
}

export interface Ended {
  action: string;
  /** The account (for a create: its native identity). */
  account: string;
  outcome: ChangeOutcome;
}

export interface WorkloadReport {
  listedIds: string[];
  ended: Ended[];
}

/** Called between phases, so the suite can fire 429 bursts and expire tokens mid-run. */
export type PhaseHook = (phase: 'listed' | 'disabled' | 'enabled' | 'patched') => void | Promise<void>;

/** The sandbox's tasks take a few ms: a short read-back window, as the tests' setting would give. */
export const WORKLOAD_WINDOW = { windowMs: 400, firstIntervalMs: 20, maxIntervalMs: 100 };

export async function runWorkload(client: IscClient, plan: WorkloadPlan, between: PhaseHook, concurrency = 8): Promise<WorkloadReport> {
  const report: WorkloadReport = { listedIds: [], ended: [] };
  const change = async (action: string, account: string, request: AccountChange) => {
    const { outcome } = await runChange({ ...request, window: WORKLOAD_WINDOW });
    report.ended.push({ action, account, outcome });
  };

  for await (const page of client.accountPages({ filters: accountFilter.eq('sourceId', plan.listSourceId) })) {
    report.listedIds.push(...page.items.map((account) => account.id ?? '(no id)'));
  }
  await between('listed');

  for (const action of ['disable', 'enable'] as const) {
    await runBulk(plan.lifecycleIds, (id) => change(action, id, lifecycleChange(client, action, id)), { concurrency });
    // The last tasks must have run before the opposite action is sent to the same accounts.
    await new Promise((resolve) => setTimeout(resolve, WORKLOAD_WINDOW.windowMs));
    await between(action === 'disable' ? 'disabled' : 'enabled');
  }

  await runBulk(
    plan.patches,
    ({ accountId, attribute, value }) => change('patch', accountId, patchChange(client, accountId, [{ op: 'add', path: `/attributes/${attribute}`, value }])),
    { concurrency },
  );
  await between('patched');

  await runBulk(
    plan.creates,
    ({ sourceId, nativeIdentity }) =>
      change('create', nativeIdentity, createChange(client, { sourceId, nativeIdentity, name: nativeIdentity, email: `${nativeIdentity}@example.test` })),
    { concurrency },
  );
  return report;
}
