// Enable, disable, unlock or reload many selected accounts: bounded concurrency (the client
// paces to the rate limit), one cancellable progress notification, and a per-account report.
import * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import type { AccountsAsyncResult, TaskStatus } from '../isc/models';
import { errorSummary } from '../ui/error-text';
import { bulkReportMarkdown } from './bulk-report';
import { runBulk, summarize, tally, type BulkOutcome } from './bulk-run';
import type { CommandContext } from './context';
import { markPending, refreshSourceRows, sourcesOf } from './tree-refresh';
import { targetLabel, type AccountTarget } from './targets';

export interface AccountBulkAction {
  /** "Disable accounts" */
  title: string;
  /** "Disabling" */
  progressVerb: string;
  /** "disabled" */
  donePastTense: string;
  /** Undefined: applied with no task to follow (confirmed by reading the account back). */
  start: (client: IscApi, accountId: string) => Promise<AccountsAsyncResult | undefined>;
}

/** What a bulk action returns to scripts and tests: one line per account. */
export interface BulkResult {
  summary: string;
  items: Array<{ tenantId: string; accountId: string; label: string; status: BulkOutcome<unknown, unknown>['status']; reason?: string }>;
  reportUri: vscode.Uri;
}

export async function runAccountBulk(ctx: CommandContext, targets: AccountTarget[], action: AccountBulkAction): Promise<BulkResult> {
  const total = targets.length;
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${action.title} (${total})`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      progress.report({ message: `${action.progressVerb} 0 of ${total}…` });
      try {
        return await runBulk<AccountTarget, TaskStatus | undefined>(
          targets,
          async (target, signal) => {
            const done = markPending(ctx, target);
            try {
              const client = await ctx.clients.forTenant(target.tenantId);
              // The start request is never aborted, so whether it reached ISC is known.
              const started = await action.start(client, target.accountId);
              return started?.id ? await client.waitForTask(started.id, { signal }) : undefined;
            } finally {
              done();
            }
          },
          {
            concurrency: ctx.clients.settings().concurrency,
            signal: controller.signal,
            onSettled: (_outcome, settled) =>
              progress.report({ increment: 100 / total, message: `${action.progressVerb} ${settled} of ${total}…` }),
          },
        );
      } finally {
        subscription.dispose();
      }
    },
  );

  await Promise.all(sourcesOf(ctx, targets).map((source) => refreshSourceRows(ctx, source)));

  const summary = summarize(outcomes, action.donePastTense);
  ctx.log.info(`${action.title}: ${summary}`);
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') ctx.log.warn(`${action.title}: ${targetLabel(outcome.item)} (${outcome.item.accountId}) failed: ${errorSummary(outcome.error)}`);
  }
  const reportUri = ctx.documents.addReport(
    action.title,
    bulkReportMarkdown(outcomes, {
      title: action.title,
      donePastTense: action.donePastTense,
      describe: (target) => `${targetLabel(target)} (${target.account?.sourceName ?? 'source ?'}, id ${target.accountId}, tenant ${target.tenantId})`,
    }),
  );
  const counts = tally(outcomes);
  const level = counts.failed + counts.stopped + counts.notAttempted > 0 ? 'warning' : 'info';
  void ctx.ui.notify(level, `${action.title}: ${summary}.`, 'Show Report').then((choice) => {
    if (choice === 'Show Report') void ctx.documents.showReport(reportUri);
  });
  return {
    summary,
    reportUri,
    items: outcomes.map((outcome) => ({
      tenantId: outcome.item.tenantId,
      accountId: outcome.item.accountId,
      label: targetLabel(outcome.item),
      status: outcome.status,
      reason: 'error' in outcome ? errorSummary(outcome.error) : undefined,
    })),
  };
}
