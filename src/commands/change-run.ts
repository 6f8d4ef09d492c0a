// One change with a cancellable progress notification: written to the journal before it is
// sent and updated with its outcome, told to the user as one of the outcomes (applied, not
// applied, may have been applied, not sent), and returned to scripts as a ChangeReport. Every
// single-account, single-identity and source change goes through here.
import type { IscApi } from '../isc/api';
import { describeOutcome, type ChangeOutcome } from '../isc/change-outcome';
import type { Account } from '../isc/models';
import type { ReadBackWindow } from '../isc/read-back';
import { actionOf, JournaledRun, notJournaled, settleItem, withoutEmpty, type ChangeSpec, type ItemRef, type JournalTarget } from '../journal';
import { changeResult, type ChangeReport, type ChangeSubject } from '../core/change-report';
import { errorMessage } from '../ui/error-text';
import type { CommandContext } from './context';
import { SHOW_LOG } from './run-command';

export const CHECK_AGAIN = 'Check Again';

export interface SingleChange {
  /** Progress title: "Disabling ann.lee". */
  title: string;
  /** What applied means, as a past participle: "disabled", "created on Roster". */
  past: string;
  /** Whom the report names. */
  subject: ChangeSubject;
  spec: ChangeSpec;
  /** What the journal keeps beside the subject's ids: the account's, source's and identity's names. */
  target?: JournalTarget;
  /** The account just read (a script gave only its id): not read again before sending. */
  before?: Account;
}

export function readBackWindow(ctx: CommandContext): ReadBackWindow {
  return { windowMs: ctx.clients.settings().readBackWindowSeconds * 1000 };
}

type CheckAgain = (signal?: AbortSignal) => Promise<ChangeOutcome>;

export async function runSingleChange(ctx: CommandContext, change: SingleChange): Promise<ChangeReport> {
  const { tenantId } = change.subject;
  const client = await ctx.clients.forTenant(tenantId);
  const sent = await ctx.ui.progress(change.title, async (signal, report) => {
    let journaled: JournaledRun;
    try {
      journaled = await JournaledRun.begin(ctx.journal, { tenantId, action: actionOf(change.spec), title: change.title, items: [{ spec: change.spec, target: journalTarget(change) }] });
    } catch (error) {
      return { outcome: notJournaled(error) };
    }
    const run = await journaled.send(0, client, { window: readBackWindow(ctx), signal, onPhase: (message) => report(message), before: change.before });
    return { ...run, ref: { tenantId, entryId: journaled.entryId, index: 0 } };
  });
  if ('journalError' in sent && sent.journalError) {
    ctx.log.warn(`${change.title}: its outcome (${sent.outcome.outcome}) could not be written to the journal: ${errorMessage(sent.journalError)}`);
  }
  const result = changeResult(actionOf(change.spec), change.subject, sent.outcome);
  // Offered where reading back can prove the change, as before; the journal is what checks and keeps the answer.
  const checkAgain = 'ref' in sent && sent.recheck && !sent.journalError ? (signal?: AbortSignal) => checkItemAgain(ctx, client, sent.ref, signal) : undefined;
  tell(ctx, change, sent.outcome, checkAgain);
  return { results: [result] };
}

/** The subject's ids and label, with what the command knows besides. */
function journalTarget(change: SingleChange): JournalTarget {
  const { accountId, sourceId, identityId, label } = change.subject;
  return { ...withoutEmpty({ accountId, sourceId, identityId, label }), ...withoutEmpty(change.target ?? {}) };
}

/** Check Again, as the Activity view does it; an item settled meanwhile (from the view) answers as it stands. */
async function checkItemAgain(ctx: CommandContext, client: IscApi, ref: ItemRef, signal?: AbortSignal): Promise<ChangeOutcome> {
  const item = (await ctx.journal.entry(ref.tenantId, ref.entryId))?.items.find((candidate) => candidate.index === ref.index);
  if (item?.outcome && item.state !== 'unknown') return item.outcome;
  return settleItem(ctx.journal, ref, client, readBackWindow(ctx), signal);
}

/** One notification per outcome; an unknown one names the account and offers to check again. */
function tell(ctx: CommandContext, change: SingleChange, outcome: ChangeOutcome, checkAgain: CheckAgain | undefined): void {
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
      const actions = checkAgain ? [CHECK_AGAIN, SHOW_LOG] : [SHOW_LOG];
      void ctx.ui.notify('warning', text, ...actions).then(async (choice) => {
        if (choice === SHOW_LOG) ctx.log.show(true);
        if (choice !== CHECK_AGAIN || !checkAgain) return;
        try {
          const again = await ctx.ui.progress(`Checking ${change.subject.label}`, (signal) => checkAgain(signal));
          tell(ctx, change, again, checkAgain);
        } catch (error) {
          ctx.log.error(`Checking ${change.subject.label} again failed: ${errorMessage(error)}`);
          void ctx.ui.notify('error', `Checking "${change.subject.label}" again failed: ${errorMessage(error)}`, SHOW_LOG);
        }
      });
    }
  }
}
