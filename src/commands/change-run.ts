// One change with a cancellable progress notification, told to the user as one of the
// outcomes (applied, not applied, may have been applied, not sent), and returned to scripts
// as a ChangeReport. Every single-account, single-identity and source change goes through here.
import type { IscApi } from '../isc/api';
import { runChange } from '../isc/change';
import type { AccountChange } from '../isc/change-requests';
import { describeOutcome, type ChangeOutcome } from '../isc/change-outcome';
import type { ReadBackWindow } from '../isc/read-back';
import { changeResult, type ChangeReport, type ChangeSubject } from '../core/change-report';
import type { CommandContext } from './context';
import { SHOW_LOG } from './run-command';

export const CHECK_AGAIN = 'Check Again';

export interface SingleChange {
  /** "disable", "create", … (the report's `action`). */
  action: string;
  /** Progress title: "Disabling ann.lee". */
  title: string;
  /** What applied means, as a past participle: "disabled", "created on Roster". */
  past: string;
  subject: ChangeSubject;
  build: (client: IscApi) => AccountChange;
}

export function readBackWindow(ctx: CommandContext): ReadBackWindow {
  return { windowMs: ctx.clients.settings().readBackWindowSeconds * 1000 };
}

export async function runSingleChange(ctx: CommandContext, change: SingleChange): Promise<ChangeReport> {
  const client = await ctx.clients.forTenant(change.subject.tenantId);
  const run = await ctx.ui.progress(change.title, (signal, report) =>
    runChange({ ...change.build(client), window: readBackWindow(ctx), signal, onPhase: (message) => report(message) }),
  );
  const result = changeResult(change.action, change.subject, run.outcome);
  tell(ctx, change, run.outcome, run.recheck);
  return { results: [result] };
}

type Recheck = (window: ReadBackWindow, signal?: AbortSignal) => Promise<ChangeOutcome>;

/** One notification per outcome; an unknown one names the account and offers to check again. */
function tell(ctx: CommandContext, change: SingleChange, outcome: ChangeOutcome, recheck: Recheck | undefined): void {
  const text = describeOutcome(`"${change.subject.label}"`, change.past, outcome);
  ctx.log.info(`${change.title}: ${outcome.outcome} (${outcome.evidence.kind})${outcome.reason ? `: ${outcome.reason}` : ''}`);
  switch (outcome.outcome) {
    case 'applied':
      void ctx.ui.notify(outcome.warnings?.length ? 'warning' : 'info', text);
      return;
    case 'not-sent':
      void ctx.ui.notify('info', text);
      return;
    case 'not-applied':
      void ctx.ui.notify('error', text, SHOW_LOG).then((choice) => choice === SHOW_LOG && ctx.log.show(true));
      return;
    default: {
      const actions = recheck ? [CHECK_AGAIN, SHOW_LOG] : [SHOW_LOG];
      void ctx.ui.notify('warning', text, ...actions).then(async (choice) => {
        if (choice === SHOW_LOG) ctx.log.show(true);
        if (choice !== CHECK_AGAIN || !recheck) return;
        const again = await ctx.ui.progress(`Checking ${change.subject.label}`, (signal) => recheck(readBackWindow(ctx), signal));
        tell(ctx, change, again, recheck);
      });
    }
  }
}
