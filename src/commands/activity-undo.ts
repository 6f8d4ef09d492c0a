// Undo from the Activity: enable ↔ disable, and an attribute or correlation patch through its
// inverse. Like the editor's stale check, each account is read first; a value changed since
// the change is a conflict: the diff is shown and the user asked, never overwritten silently.
// The undo is a new entry that points back at the one undone.
import type { IscApi } from '../isc/api';
import type { Account } from '../isc/models';
import { runBulk } from '../core/bulk-run';
import { canUndo, type InvertiblePlan } from '../activity/activity-capabilities';
import { actionWords, targetLabel } from '../activity/activity-presentation';
import { describeStale, JournaledRun, planUndo, staleValues, undoEntry, type JournalEntry, type JournalItem, type NewEntry, type StaleValue } from '../journal';
import type { CommandContext } from './context';
import { resolveActivityRef, itemsOf } from './activity-targets';
import { sendFromActivity } from './activity-send';

const MAX_DIFF_LINES = 15;

interface UndoStep {
  item: JournalItem;
  plan: InvertiblePlan;
  account: Account;
  stale: StaleValue[];
}

export async function undoFromActivity(ctx: CommandContext, args: unknown[]): Promise<JournalEntry | undefined> {
  const ref = await resolveActivityRef(ctx, args, {
    title: 'Undo',
    applies: canUndo,
    askItem: true,
    none: 'Nothing in the Activity can be undone: only an applied enable, disable, attribute or correlation change can.',
  });
  const items = itemsOf(ref, canUndo, (item) => notInvertible(item));
  const client = await ctx.clients.forTenant(ref.entry.tenantId);
  const steps = await ctx.ui.progress(`Reading ${items.length === 1 ? targetLabel(items[0]) : `${items.length} accounts`} before undoing`, (signal) =>
    readSteps(client, items, ctx.clients.settings().concurrency, signal),
  );
  const chosen = await askWhichSteps(ctx, ref.entry, steps);
  if (!chosen) return undefined;
  const run = await JournaledRun.begin(ctx.journal, undoOf(ref.entry, chosen));
  return sendFromActivity(ctx, run, { title: (await run.entry()).title, before: new Map(chosen.map((step, index) => [index, step.account])) });
}

function notInvertible(item: JournalItem): string {
  const plan = planUndo(item);
  return 'notInvertible' in plan ? plan.notInvertible : 'It can be undone.';
}

/** Each item's inverse, with its account as it is now and what changed since. */
async function readSteps(client: IscApi, items: readonly JournalItem[], concurrency: number, signal: AbortSignal): Promise<UndoStep[]> {
  const outcomes = await runBulk(
    items,
    async (item, itemSignal) => {
      const plan = planUndo(item) as InvertiblePlan;
      const account = await client.getAccount(accountIdOf(plan), { signal: itemSignal });
      return { item, plan, account, stale: staleValues(plan, account) };
    },
    { concurrency, signal },
  );
  return outcomes.map((outcome) => {
    if (outcome.status === 'succeeded') return outcome.result;
    if (outcome.status === 'not-attempted') throw new Error('Cancelled before every account was read.');
    throw outcome.error;
  });
}

function accountIdOf(plan: InvertiblePlan): string {
  if ('accountId' in plan.spec) return plan.spec.accountId;
  throw new Error(`An undo of a ${plan.spec.kind} names no account.`);
}

/** The steps to send: all when nothing changed since (asking first for more than one), else what the user chose. */
async function askWhichSteps(ctx: CommandContext, entry: JournalEntry, steps: UndoStep[]): Promise<UndoStep[] | undefined> {
  const changed = steps.filter((step) => step.stale.length > 0);
  const unchanged = steps.filter((step) => step.stale.length === 0);
  if (changed.length === 0) {
    if (steps.length === 1) return steps;
    const confirmed = await ctx.ui.confirm({
      message: `Undo ${steps.length} changes of "${entry.title}"?`,
      detail: `Each account still shows what the change set, so nothing changed since is overwritten. Sends: ${describeSends(steps)}.`,
      confirm: 'Undo',
    });
    return confirmed ? steps : undefined;
  }
  const diff = diffText(changed);
  ctx.log.warn(`Undo of "${entry.title}": changed since the change:\n${diff.full}`);
  const only = steps.length === 1;
  const overwrite = only ? 'Undo Anyway' : `Undo All ${steps.length}, Overwriting`;
  const skip = `Undo the ${unchanged.length} Unchanged`;
  const answer = await ctx.ui.choose({
    message: only
      ? `"${targetLabel(changed[0].item)}" was changed after this change: undoing it would overwrite that.`
      : `${changed.length} of ${steps.length} accounts were changed after "${entry.title}": undoing them would overwrite that.`,
    detail: `${diff.shown}\n\nCancel sends nothing.`,
    choices: unchanged.length > 0 ? [skip, overwrite] : [overwrite],
  });
  if (answer === overwrite) return steps;
  if (answer === skip) return unchanged;
  return undefined;
}

function describeSends(steps: readonly UndoStep[]): string {
  const kinds = [...new Set(steps.map((step) => actionWords(step.plan.spec).toLowerCase()))];
  return kinds.join(', ');
}

/** The diff a person reads: per account, each value changed since; the modal shows the first lines. */
function diffText(changed: readonly UndoStep[]): { shown: string; full: string } {
  const lines = changed.flatMap((step) => [`${targetLabel(step.item)} (${step.account.id ?? ''}):`, ...describeStale(step.stale).split('\n').map((line) => `  ${line}`)]);
  const full = lines.join('\n');
  if (lines.length <= MAX_DIFF_LINES) return { shown: full, full };
  return { shown: `${lines.slice(0, MAX_DIFF_LINES).join('\n')}\n… and ${lines.length - MAX_DIFF_LINES} more lines (Show Log has all of them)`, full };
}

/** One entry for the whole undo: the journal's own entry for one item, widened for several. */
function undoOf(entry: JournalEntry, steps: readonly UndoStep[]): NewEntry {
  const [first] = steps;
  const single = undoEntry(entry, first.item, first.plan);
  if (steps.length === 1) return single;
  return { ...single, bulk: true, title: `Undo ${entry.title} (${steps.length})`, items: steps.map((step) => ({ spec: step.plan.spec, target: step.item.target })) };
}
