// Enable, disable, unlock or reload many selected accounts: bounded concurrency for sending
// (the client paces to the rate limit; following a task only waits, so an account gives its
// place to the next one once its change is answered), one cancellable progress notification,
// and a report per account in the four sections of the outcome model. Each account's change
// goes through runChange, exactly as a single one does.
import type { IscApi } from '../isc/api';
import { runChange } from '../isc/change';
import type { AccountChange } from '../isc/change-requests';
import { isCancellation } from '../ui/error-text';
import { runBulk } from '../core/bulk-run';
import { bulkReportMarkdown, changeResult, countOutcomes, summarizeOutcomes, type ChangeReport, type ChangeResult } from '../core/change-report';
import { readBackWindow } from './change-run';
import type { CommandContext } from './context';
import { markPending, refreshSourceRows, showUnconfirmed, sourcesOf } from './tree-refresh';
import { targetLabel, type AccountTarget } from './targets';

export interface AccountBulkAction {
  /** The report's `action`: "disable". */
  action: string;
  /** "Disable accounts" */
  title: string;
  /** "Disabling" */
  progressVerb: string;
  /** "disabled" */
  past: string;
  /** Throws to skip an account before anything is sent (it is then "not sent", with why). */
  refuse?: (target: AccountTarget) => void;
  build: (client: IscApi, target: AccountTarget) => AccountChange;
}

export async function runAccountBulk(ctx: CommandContext, targets: AccountTarget[], action: AccountBulkAction): Promise<ChangeReport> {
  const total = targets.length;
  const window = readBackWindow(ctx);
  const subject = (target: AccountTarget) => ({ tenantId: target.tenantId, accountId: target.accountId, sourceId: target.account?.sourceId, label: targetLabel(target) });
  const results = await ctx.ui.progress(`${action.title} (${total})`, async (signal, report) => {
    report(`${action.progressVerb} 0 of ${total}…`);
    const outcomes = await runBulk<AccountTarget, ChangeResult>(
      targets,
      async (target, itemSignal, release) => {
        action.refuse?.(target);
        const done = markPending(ctx, target);
        try {
          const client = await ctx.clients.forTenant(target.tenantId);
          const run = await runChange({ ...action.build(client, target), window, signal: itemSignal, onSent: release });
          return changeResult(action.action, subject(target), run.outcome);
        } finally {
          done();
        }
      },
      {
        concurrency: ctx.clients.settings().concurrency,
        signal,
        onSettled: (_outcome, settled) => report(`${action.progressVerb} ${settled} of ${total}…`),
      },
    );
    // runChange settles every sent change itself: what throws here was never sent.
    return outcomes.map((outcome): ChangeResult => {
      if (outcome.status === 'succeeded') return outcome.result;
      const reason =
        outcome.status === 'not-attempted' || isCancellation(outcome.error)
          ? 'Cancelled before it was sent.'
          : outcome.error instanceof Error
            ? outcome.error.message
            : String(outcome.error);
      return changeResult(action.action, subject(outcome.item), { outcome: 'not-sent', reason, evidence: { kind: 'none', detail: 'not sent' } });
    });
  });

  await Promise.all(sourcesOf(ctx, targets).map((source) => refreshSourceRows(ctx, source)));
  const report = reportBulk(ctx, results, {
    title: action.title,
    past: action.past,
    describe: (result) => {
      const target = targets.find((t) => t.accountId === result.accountId && t.tenantId === result.tenantId);
      return `${result.label} (${target?.account?.sourceName ?? 'source ?'}, id ${result.accountId}, tenant ${result.tenantId})`;
    },
  });
  showUnconfirmed(ctx, report, action.past);
  return report;
}

/** Logs, writes the report document, notifies (a warning unless all applied) and returns the script report. */
export function reportBulk(
  ctx: CommandContext,
  results: ChangeResult[],
  options: { title: string; past: string; describe: (result: ChangeResult) => string; context?: string[]; note?: string },
): ChangeReport {
  const summary = summarizeOutcomes(results, options.past);
  ctx.log.info(`${options.title}: ${summary}`);
  for (const result of results) {
    if (result.outcome !== 'applied') ctx.log.warn(`${options.title}: ${options.describe(result)}: ${result.outcome}${result.reason ? `: ${result.reason}` : ''}`);
  }
  const reportUri = ctx.documents.addReport(options.title, bulkReportMarkdown(results, options));
  const counts = countOutcomes(results);
  const level = counts.applied === results.length ? 'info' : 'warning';
  void ctx.ui.notify(level, `${options.title}: ${summary}.${options.note ?? ''}`, 'Show Report').then((choice) => {
    if (choice === 'Show Report') void ctx.documents.showReport(reportUri);
  });
  return { summary, report: reportUri.toString(), results };
}
