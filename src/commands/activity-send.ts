// Sending from the Activity (Send Again, Resume, Undo): one cancellable progress, at most
// `concurrency` changes in flight, each journaled as it goes, exactly as the explorer's bulk
// actions send. What was never started is written as not sent. Then the explorer rows of the
// accounts are read again, and the outcome is told in the Activity's words.
import type { Account } from '../isc/models';
import { runBulk } from '../core/bulk-run';
import { summarizeWarnings } from '../core/change-report';
import { countsText } from '../activity/activity-presentation';
import { countStates, type JournaledRun, type JournalEntry } from '../journal';
import { isCancellation } from '../ui/error-text';
import { readBackWindow } from './change-run';
import type { CommandContext } from './context';
import { refreshAccountRow, refreshSourceRows, sourcesOf } from './tree-refresh';
import type { AccountTarget } from './targets';

export async function sendFromActivity(
  ctx: CommandContext,
  run: JournaledRun,
  options: { title: string; before?: ReadonlyMap<number, Account> },
): Promise<JournalEntry> {
  const client = await ctx.clients.forTenant(run.tenantId);
  const window = readBackWindow(ctx);
  const total = run.indexes.length;
  await ctx.ui.progress(options.title, async (signal, report) => {
    const outcomes = await runBulk(
      run.indexes,
      (index, itemSignal, release) => run.send(index, client, { window, signal: itemSignal, onSent: release, before: options.before?.get(index) }),
      { concurrency: ctx.clients.settings().concurrency, signal, onSettled: (_outcome, settled) => report(`${settled} of ${total}…`) },
    );
    const entry = await run.entry();
    for (const outcome of outcomes) {
      if (outcome.status === 'succeeded' || entry.items.find((item) => item.index === outcome.item)?.state !== 'queued') continue;
      const why = outcome.status === 'not-attempted' || isCancellation(outcome.error) ? 'Cancelled before it was sent.' : String(outcome.error);
      await run.notSent(outcome.item, why);
    }
  });
  const entry = await run.entry();
  await refreshExplorerRows(ctx, entry);
  const counts = countStates(entry);
  ctx.log.info(`${options.title}: ${countsText(entry)}`);
  const warned = summarizeWarnings(entry.items.map((item) => item.outcome ?? {}));
  void ctx.ui.notify(counts.applied === entry.items.length && !warned ? 'info' : 'warning', `${options.title}: ${countsText(entry)}.${warned}`);
  return entry;
}

/** The explorer's rows of the accounts changed, where the explorer shows them. */
async function refreshExplorerRows(ctx: CommandContext, entry: JournalEntry): Promise<void> {
  const targets: AccountTarget[] = entry.items.flatMap((item) => ('accountId' in item.spec ? [{ tenantId: entry.tenantId, accountId: item.spec.accountId }] : []));
  const shown = targets.filter((target) => ctx.explorer.accountNode(target.tenantId, target.accountId));
  if (shown.length === 1) await refreshAccountRow(ctx, shown[0]);
  else await Promise.all(sourcesOf(ctx, shown).map((source) => refreshSourceRows(ctx, source)));
}
