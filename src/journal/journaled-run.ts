// Sending journaled changes: each item goes through runChange exactly as an unjournaled change
// does, with three writes around it. Before the request leaves, the item becomes in progress
// with the before-state `prepare` read (flushed to the disk first: if that write fails,
// nothing is sent); once ISC's answer names a task, its id; at the end, the outcome.
// No vscode here.
import type { IscApi } from '../isc/api';
import { runChange, type ChangeRun } from '../isc/change';
import { IscError } from '../isc/errors';
import type { Account, TaskStatus } from '../isc/models';
import type { ChangeOutcome } from '../isc/change-outcome';
import type { ReadBackWindow } from '../isc/read-back';
import { staleOutcome, staleReason, UNREADABLE_FOR_GUARD } from './attribute-guard';
import { actionOf, beforeStateOf, type BeforeState, type ChangeSpec } from './change-spec';
import { targetOfAccount, withoutEmpty, type JournalEntry, type JournalTarget } from './entry';
import type { ItemRef, JournalStore, NewEntry } from './journal-store';
import { changeFromSpec } from './spec-change';

export interface SendOptions {
  window: ReadBackWindow;
  signal?: AbortSignal;
  onPhase?: (message: string, task?: TaskStatus) => void;
  /** Called once the request is answered: what follows only waits (a bulk run frees the slot). */
  onSent?: () => void;
  /** The account just read, if the caller has it: not read again. */
  before?: Account;
}

export interface JournaledChangeRun extends ChangeRun<unknown> {
  /** The outcome could not be written to the journal (the change itself went as `outcome` says). */
  journalError?: unknown;
}

/** One entry being sent, item by item. Specs come from the caller, so values redaction masks in the journal are still sent as given. */
export class JournaledRun {
  private constructor(
    private readonly store: JournalStore,
    readonly entryId: string,
    readonly tenantId: string,
    private readonly specs: ReadonlyMap<number, ChangeSpec>,
  ) {}

  /** Writes the entry, every item queued, and resolves once that is on the disk. */
  static async begin(store: JournalStore, entry: NewEntry): Promise<JournaledRun> {
    const written = await store.begin(entry);
    return new JournaledRun(store, written.id, written.tenantId, new Map(entry.items.map((item, index) => [index, item.spec])));
  }

  /** Sends the given items of an entry already in the journal (resume); their kept specs must be whole. */
  static of(store: JournalStore, entry: JournalEntry, indexes: readonly number[]): JournaledRun {
    const specs = new Map<number, ChangeSpec>();
    for (const index of indexes) {
      const item = entry.items.find((candidate) => candidate.index === index);
      if (!item) throw new Error(`Entry ${entry.id} has no item ${index}.`);
      if (item.redacted) throw new Error(`Item ${index} of entry ${entry.id} held a secret the journal does not keep, so it cannot be sent from the journal.`);
      specs.set(index, item.spec);
    }
    return new JournaledRun(store, entry.id, entry.tenantId, specs);
  }

  get indexes(): number[] {
    return [...this.specs.keys()];
  }

  async entry(): Promise<JournalEntry> {
    return (await this.store.entry(this.tenantId, this.entryId))!;
  }

  /** Sends one item once, and journals what became of it. */
  async send(index: number, client: IscApi, options: SendOptions): Promise<JournaledChangeRun> {
    const spec = this.specs.get(index);
    if (!spec) throw new Error(`Item ${index} is not part of this run.`);
    const ref: ItemRef = { tenantId: this.tenantId, entryId: this.entryId, index };
    let before: BeforeState | undefined;
    let seenAccount: Account | undefined;
    let journalFailure: unknown;
    let stale: string | undefined;
    const change = changeFromSpec(client, spec, {
      before: options.before,
      onBefore: (seen) => {
        before = beforeStateOf(spec, seen);
        if ('account' in seen) seenAccount = seen.account;
      },
    });
    const run = await runChange({
      ...change,
      send: async (signal) => {
        if (spec.kind === 'patch' && spec.guard) {
          stale = seenAccount ? staleReason(spec.guard, seenAccount) : UNREADABLE_FOR_GUARD;
          // Refused before sending and before the journal says "in progress": nothing went out.
          if (stale) throw new IscError({ kind: 'invalid-request', message: stale });
        }
        try {
          const target = seenAccount ? await this.targetWith(ref, seenAccount) : undefined;
          await this.store.updateItem(ref, { state: 'in-progress', sentAt: new Date().toISOString(), ...(before ? { before } : {}), ...(target ? { target } : {}) });
        } catch (error) {
          journalFailure = error;
          // Refused before sending: runChange takes it as not applied and reads nothing back.
          throw new IscError({ kind: 'invalid-request', message: 'The journal could not be written.' });
        }
        const answer = await change.send(signal);
        const taskId = change.taskIdOf?.(answer);
        // Kept at once: after a crash, the task is better evidence than any read.
        if (taskId) await this.store.updateItem(ref, { taskId }).catch(() => undefined);
        return answer;
      },
      window: options.window,
      signal: options.signal,
      onPhase: options.onPhase,
      onSent: options.onSent,
    });
    const outcome = stale ? staleOutcome(stale) : journalFailure === undefined ? run.outcome : notJournaled(journalFailure);
    return { ...run, outcome, journalError: await this.settle(ref, outcome) };
  }

  /** An item that will not be sent (refused by a check, cancelled before its turn). */
  async notSent(index: number, reason: string): Promise<void> {
    await this.store.updateItem({ tenantId: this.tenantId, entryId: this.entryId, index }, { state: 'not-sent', outcome: { outcome: 'not-sent', reason, evidence: { kind: 'none', detail: 'not sent' } } });
  }

  private async settle(ref: ItemRef, outcome: ChangeOutcome): Promise<unknown> {
    try {
      await this.store.updateItem(ref, { state: outcome.outcome, outcome, ...(outcome.taskId ? { taskId: outcome.taskId } : {}) });
      return undefined;
    } catch (error) {
      return error;
    }
  }

  /** The target as the caller named it, completed from the account read before sending. */
  private async targetWith(ref: ItemRef, account: Account): Promise<JournalTarget> {
    const current = (await this.store.item(ref))?.target ?? {};
    return { ...targetOfAccount(account), ...withoutEmpty(current) };
  }
}

/** One change, journaled as an entry of one item. */
export async function sendJournaled(
  store: JournalStore,
  entry: Omit<NewEntry, 'items' | 'action'> & { action?: string; spec: ChangeSpec; target?: JournalTarget },
  client: IscApi,
  options: SendOptions,
): Promise<{ entryId: string; run: JournaledChangeRun }> {
  const { spec, target, ...rest } = entry;
  const run = await JournaledRun.begin(store, { ...rest, action: entry.action ?? actionOf(spec), items: [{ spec, target }] });
  return { entryId: run.entryId, run: await run.send(0, client, options) };
}

/** What became of a change the journal could not record before it was to be sent: nothing was sent. */
export function notJournaled(error: unknown): ChangeOutcome {
  return { outcome: 'not-sent', reason: `The journal could not be written (${messageOf(error)}), so nothing was sent.`, evidence: { kind: 'none', detail: JOURNAL_NOT_WRITTEN } };
}

const JOURNAL_NOT_WRITTEN = 'journal not written';

/** Not sent because the journal could not be written (rather than cancelled). */
export function isNotJournaled(outcome: ChangeOutcome): boolean {
  return outcome.outcome === 'not-sent' && outcome.evidence.kind === 'none' && outcome.evidence.detail === JOURNAL_NOT_WRITTEN;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
