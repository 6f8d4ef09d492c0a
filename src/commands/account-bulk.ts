// Enable, disable, unlock or reload many selected accounts: bounded concurrency for sending
// (the client paces to the rate limit; following a task only waits, so an account gives its
// place to the next one once its change is answered), one cancellable progress notification,
// and a report per account in the four sections of the outcome model. The run is journaled as
// one entry per tenant, written before anything is sent; each account's change goes through
// the journal and runChange exactly as a single one does, and an account never sent is
// journaled as not sent, with why. An account the action does not apply to (already enabled,
// a change already in flight on it) is skipped: not sent, with "skipped: why"; when that is
// every account, nothing is journaled or sent and the person is told so.
import type { Account } from '../isc/models';
import { actionOf, JournaledRun, notJournaled, type ChangeSpec } from '../journal';
import { isCancellation } from '../ui/error-text';
import { runBulk } from '../core/bulk-run';
import { bulkReportMarkdown, changeResult, countOutcomes, summarizeOutcomes, summarizeWarnings, type ChangeReport, type ChangeResult, type ChangeSubject } from '../core/change-report';
import { readBackWindow } from './change-run';
import type { CommandContext } from './context';
import { markPending, refreshSourceRows, showUnconfirmed, sourcesOf } from './tree-refresh';
import { inFlightSkipReason } from './in-flight';
import { accountJournalTarget, rowOfTarget, targetLabel, type AccountTarget } from './targets';

export interface AccountBulkAction {
  /** "Disable accounts" */
  title: string;
  /** "Disabling" */
  progressVerb: string;
  /** "disabled" */
  past: string;
  /** What a pending row says is in flight on it: "Disable". */
  pending: string;
  /** Why the action does not apply to this account ("it is already enabled"), or undefined. */
  skip?: (target: AccountTarget) => string | undefined;
  spec: (target: AccountTarget) => ChangeSpec;
  /** The account as just read, when the action reads many at once (otherwise each change reads its own). */
  before?: (target: AccountTarget, signal: AbortSignal) => Promise<Account | undefined>;
  /** Mirrors the progress notification (a panel shows it too). */
  onProgress?: (message: string, done: number, total: number) => void;
  /** Lines the report shows above the accounts sent (what was planned and left out). */
  reportContext?: string[];
}

/** Per target, why it is skipped ("skipped: …"), or undefined when it is to be sent. */
export function skipsOf(ctx: CommandContext, targets: AccountTarget[], action: AccountBulkAction): Array<string | undefined> {
  return targets.map((target) => {
    const why = inFlightSkipReason(ctx, target) ?? action.skip?.(target);
    return why === undefined ? undefined : `skipped: ${why}`;
  });
}

/** "2 skipped: it is already enabled; 1 skipped: Disable is still running on it (…)" */
export function describeSkips(skips: Array<string | undefined>): string {
  const counts = new Map<string, number>();
  for (const skip of skips) if (skip) counts.set(skip, (counts.get(skip) ?? 0) + 1);
  return [...counts].map(([skip, count]) => `${count} ${skip}`).join('; ');
}

/**
 * When the action applies to none of the targets: says so and returns the report (nothing
 * journaled or sent). Commands that ask something first call it before asking.
 */
export function nothingToSend(ctx: CommandContext, targets: AccountTarget[], action: AccountBulkAction): ChangeReport | undefined {
  const skips = skipsOf(ctx, targets, action);
  return skips.every((skip) => skip !== undefined) ? reportNothingToSend(ctx, targets, skips, action) : undefined;
}

function reportNothingToSend(ctx: CommandContext, targets: AccountTarget[], skips: Array<string | undefined>, action: AccountBulkAction): ChangeReport {
  const results = targets.map((target, index) =>
    changeResult(actionOf(action.spec(target)), subjectOf(target), { outcome: 'not-sent', reason: skips[index] ?? 'skipped', evidence: { kind: 'none', detail: 'not sent' } }),
  );
  const summary = summarizeOutcomes(results, action.past);
  ctx.log.info(`${action.title}: nothing sent (${describeSkips(skips)})`);
  void ctx.ui.notify('info', `${action.title}: nothing was sent; the action applies to none of the ${targets.length} selected accounts (${describeSkips(skips)}).`);
  return { summary, results };
}

function subjectOf(target: AccountTarget): ChangeSubject {
  return { tenantId: target.tenantId, accountId: target.accountId, sourceId: rowOfTarget(target)?.sourceId, label: targetLabel(target) };
}

/** Where an account's change is journaled: its tenant's entry, or why there is none. */
type Slot = { run: JournaledRun; index: number } | { unjournaled: Error };

export async function runAccountBulk(ctx: CommandContext, targets: AccountTarget[], action: AccountBulkAction): Promise<ChangeReport> {
  const total = targets.length;
  const skips = skipsOf(ctx, targets, action);
  if (skips.every((skip) => skip !== undefined)) return reportNothingToSend(ctx, targets, skips, action);
  const window = readBackWindow(ctx);
  const specs = targets.map((target) => action.spec(target));
  const results = await ctx.ui.progress(`${action.title} (${total})`, async (signal, notify) => {
    const report = (message: string, done: number) => {
      notify(message);
      action.onProgress?.(message, done, total);
    };
    report(`${action.progressVerb} 0 of ${total}…`, 0);
    const slots = await journalPerTenant(ctx, targets, specs, action.title);
    const outcomes = await runBulk<number, ChangeResult>(
      targets.map((_, index) => index),
      async (index, itemSignal, release) => {
        const target = targets[index];
        if (skips[index]) throw new Error(skips[index]);
        const slot = slots[index];
        if ('unjournaled' in slot) throw slot.unjournaled;
        const done = markPending(ctx, target, action.pending);
        try {
          const client = await ctx.clients.forTenant(target.tenantId);
          const before = await action.before?.(target, itemSignal);
          const run = await slot.run.send(slot.index, client, { window, signal: itemSignal, onSent: release, before });
          return changeResult(actionOf(specs[index]), subjectOf(target), run.outcome);
        } finally {
          done();
        }
      },
      {
        concurrency: ctx.clients.settings().concurrency,
        signal,
        onSettled: (_outcome, settled) => report(`${action.progressVerb} ${settled} of ${total}…`, settled),
      },
    );
    // The journal settles every sent change itself: what throws here was never sent.
    return Promise.all(
      outcomes.map(async (outcome): Promise<ChangeResult> => {
        if (outcome.status === 'succeeded') return outcome.result;
        const reason =
          outcome.status === 'not-attempted' || isCancellation(outcome.error)
            ? 'Cancelled before it was sent.'
            : outcome.error instanceof Error
              ? outcome.error.message
              : String(outcome.error);
        const slot = slots[outcome.item];
        if ('run' in slot) await slot.run.notSent(slot.index, reason).catch((error: unknown) => ctx.log.warn(`${action.title}: could not journal "${reason}": ${String(error)}`));
        return changeResult(actionOf(specs[outcome.item]), subjectOf(targets[outcome.item]), { outcome: 'not-sent', reason, evidence: { kind: 'none', detail: 'not sent' } });
      }),
    );
  });

  await Promise.all(sourcesOf(ctx, targets).map((source) => refreshSourceRows(ctx, source)));
  const skipped = skips.filter((skip) => skip !== undefined).length;
  const report = reportBulk(ctx, results, {
    title: action.title,
    past: action.past,
    skipped,
    context: action.reportContext,
    note: skipped ? ` Of those not sent, ${describeSkips(skips)}.` : undefined,
    describe: (result) => {
      const target = targets.find((t) => t.accountId === result.accountId && t.tenantId === result.tenantId);
      return `${result.label} (${(target && rowOfTarget(target)?.sourceName) ?? 'source ?'}, id ${result.accountId}, tenant ${result.tenantId})`;
    },
  });
  showUnconfirmed(ctx, report, action.past);
  return report;
}

/** "1 account", "12 accounts". */
export function accountCount(count: number): string {
  return `${count} ${count === 1 ? 'account' : 'accounts'}`;
}

export interface BulkQuestion {
  /** "Delete 12 accounts from the flat-file source "Roster"?" */
  message: string;
  detail: string;
  /** The confirm button: "Delete". */
  confirm: string;
}

/**
 * A destructive action on a selection: one question naming how many accounts it is sent to
 * (and which are skipped, and why), then the bulk run. Nothing to send: said, and nothing asked.
 */
export async function confirmAndRunBulk(
  ctx: CommandContext,
  targets: AccountTarget[],
  action: AccountBulkAction,
  question: (toSend: AccountTarget[]) => BulkQuestion,
): Promise<ChangeReport | undefined> {
  const nothing = nothingToSend(ctx, targets, action);
  if (nothing) return nothing;
  const skips = skipsOf(ctx, targets, action);
  const toSend = targets.filter((_, index) => skips[index] === undefined);
  const { message, detail, confirm } = question(toSend);
  const skipped = targets.length - toSend.length;
  const skippedNote = skipped ? ` ${accountCount(skipped)} of the selection ${skipped === 1 ? 'is' : 'are'} left out (${describeSkips(skips)}).` : '';
  if (!(await ctx.ui.confirm({ message, detail: `${detail}${skippedNote}`, confirm }))) return undefined;
  return runAccountBulk(ctx, targets, action);
}

/**
 * One journal entry per tenant, every account in it queued, on the disk before anything is
 * sent. The tenant's client is made first, so the journal's masking knows its secret.
 */
async function journalPerTenant(ctx: CommandContext, targets: AccountTarget[], specs: ChangeSpec[], title: string): Promise<Slot[]> {
  const slots: Slot[] = new Array(targets.length);
  const byTenant = new Map<string, number[]>();
  targets.forEach((target, index) => byTenant.set(target.tenantId, [...(byTenant.get(target.tenantId) ?? []), index]));
  for (const [tenantId, indexes] of byTenant) {
    try {
      await ctx.clients.forTenant(tenantId).catch(() => undefined); // its own error comes when its accounts are sent
      const run = await JournaledRun.begin(ctx.journal, {
        tenantId,
        action: actionOf(specs[indexes[0]]),
        title: `${title} (${indexes.length})`,
        bulk: true,
        items: indexes.map((index) => ({ spec: specs[index], target: { accountId: targets[index].accountId, label: targetLabel(targets[index]), ...accountJournalTarget(targets[index]) } })),
      });
      indexes.forEach((index, position) => (slots[index] = { run, index: position }));
    } catch (error) {
      const unjournaled = new Error(notJournaled(error).reason);
      for (const index of indexes) slots[index] = { unjournaled };
    }
  }
  return slots;
}

/** Logs, writes the report document, notifies (a warning unless all applied) and returns the script report. */
export function reportBulk(
  ctx: CommandContext,
  results: ChangeResult[],
  options: {
    title: string;
    past: string;
    describe: (result: ChangeResult) => string;
    context?: string[];
    note?: string;
    /** How many were skipped on purpose (not sent): with all the others applied, the notice is no warning. */
    skipped?: number;
  },
): ChangeReport {
  const summary = summarizeOutcomes(results, options.past);
  ctx.log.info(`${options.title}: ${summary}`);
  for (const result of results) {
    if (result.outcome !== 'applied') ctx.log.warn(`${options.title}: ${options.describe(result)}: ${result.outcome}${result.reason ? `: ${result.reason}` : ''}`);
  }
  const reportUri = ctx.documents.addReport(options.title, bulkReportMarkdown(results, options));
  const counts = countOutcomes(results);
  const warned = summarizeWarnings(results);
  const level = counts.applied + (options.skipped ?? 0) === results.length && !warned ? 'info' : 'warning';
  void ctx.ui.notify(level, `${options.title}: ${summary}.${warned}${options.note ?? ''}`, 'Show Report').then((choice) => {
    if (choice === 'Show Report') void ctx.documents.showReport(reportUri);
  });
  return { summary, report: reportUri.toString(), results };
}
