// The fault suite's scripted workload, run through the client as the extension would run it:
// list a whole source, then bulk disable and enable, attribute patches and creates, each change
// made exactly once with `applyExactlyOnce` (an answer lost to a fault is settled by reading the
// account back, never by sending blindly again), a few at a time through the extension's own
// bulk runner. Whatever the client gives up on is reported with its account.
import { accountFilter, isIscError, type Account, type IscClient } from '../../../src/isc';
import { runBulk } from '../../../src/commands/bulk-run';
import { applyExactlyOnce, type ReadBack } from '../../../src/isc/outcome';

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

export interface GaveUp {
  action: string;
  /** The account (for a create: its native identity). */
  account: string;
  outcomeUnknown: boolean;
  message: string;
}

export interface WorkloadReport {
  listedIds: string[];
  gaveUp: GaveUp[];
  /** Changes whose answer was lost and that reading back showed applied. */
  settledByReadBack: number;
  /** Change requests sent beyond the first, after reading back showed "not applied". */
  resends: number;
}

/** Called between phases, so the suite can fire 429 bursts and expire tokens mid-run. */
export type PhaseHook = (phase: 'listed' | 'disabled' | 'enabled' | 'patched') => void | Promise<void>;

// The sandbox's tasks take a few ms; a "not applied" reading is believed after this long.
const settle = { graceMs: 100, intervalMs: 25, timeoutMs: 20_000, maxSends: 8 };

export async function runWorkload(client: IscClient, plan: WorkloadPlan, between: PhaseHook, concurrency = 8): Promise<WorkloadReport> {
  const report: WorkloadReport = { listedIds: [], gaveUp: [], settledByReadBack: 0, resends: 0 };
  const exactlyOnce = async (action: string, account: string, send: () => Promise<unknown>, read: () => Promise<ReadBack>) => {
    try {
      const result = await applyExactlyOnce(send, read, settle);
      if (result.settledByReadBack) report.settledByReadBack++;
      report.resends += result.sends - 1;
    } catch (error) {
      const failure = error as Error & { outcomeUnknown?: boolean };
      report.gaveUp.push({ action, account, outcomeUnknown: failure.outcomeUnknown === true, message: failure.message });
    }
  };

  for await (const page of client.accountPages({ filters: accountFilter.eq('sourceId', plan.listSourceId) })) {
    report.listedIds.push(...page.items.map((account) => account.id ?? '(no id)'));
  }
  await between('listed');

  for (const disabled of [true, false]) {
    const action = disabled ? 'disable' : 'enable';
    await runBulk(
      plan.lifecycleIds,
      (id) =>
        exactlyOnce(
          action,
          id,
          () => (disabled ? client.disableAccount(id) : client.enableAccount(id)),
          async () => ((await readAccount(client, id))?.disabled === disabled ? 'applied' : 'not-applied'),
        ),
      { concurrency },
    );
    // The last tasks must have run before the opposite action is sent to the same accounts.
    await new Promise((resolve) => setTimeout(resolve, settle.graceMs));
    await between(disabled ? 'disabled' : 'enabled');
  }

  await runBulk(
    plan.patches,
    ({ accountId, attribute, value }) =>
      exactlyOnce(
        'patch',
        accountId,
        () => client.patchAccount(accountId, [{ op: 'add', path: `/attributes/${attribute}`, value }]),
        async () => ((await client.getAccount(accountId)).attributes?.[attribute] === value ? 'applied' : 'not-applied'),
      ),
    { concurrency },
  );
  await between('patched');

  await runBulk(
    plan.creates,
    ({ sourceId, nativeIdentity }) =>
      exactlyOnce(
        'create',
        nativeIdentity,
        () => client.createAccount({ attributes: { sourceId, nativeIdentity, name: nativeIdentity, email: `${nativeIdentity}@example.test` } }),
        async () => {
          const filters = accountFilter.and(accountFilter.eq('sourceId', sourceId), accountFilter.eq('nativeIdentity', nativeIdentity));
          return (await client.listAccounts({ filters, limit: 1 })).items.length > 0 ? 'applied' : 'not-applied';
        },
      ),
    { concurrency },
  );
  return report;
}

/** The account, or undefined when ISC says it does not exist (then no change to it can have applied). */
async function readAccount(client: IscClient, id: string): Promise<Account | undefined> {
  try {
    return await client.getAccount(id);
  } catch (error) {
    if (isIscError(error) && error.status === 404) return undefined;
    throw error;
  }
}
