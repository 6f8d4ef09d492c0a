// The Activity view's actions on an entry or item: Check Again, Send Again, Undo, Resume, Show
// Details, Copy Tracking Id; and on the whole view: Export, Clear, Refresh. Each takes a row of
// the view, `{ tenantId, entryId, index? }`, an entry id, or nothing (then it asks), and checks
// again what the menu offered (see activity-capabilities.ts).
import * as vscode from 'vscode';
import { describeOutcome } from '../isc/change-outcome';
import { canCheckAgain, canSendAgain, resumable, trackingIdOf, trackingIds } from '../activity/activity-capabilities';
import { actionWords, countsText, STATE_WORDS, targetLabel } from '../activity/activity-presentation';
import {
  entriesToCsv,
  entriesToJsonLines,
  JournaledRun,
  pastOf,
  resumeRun,
  sendAgainEntry,
  sendAgainRisk,
  whyNotSendAgain,
  type JournalEntry,
  type JournalItem,
} from '../journal';
import type { CommandContext, CommandGroup } from './context';
import { allEntries, itemsOf, resolveActivityRef, tenantArgument } from './activity-targets';
import { sendFromActivity } from './activity-send';
import { undoFromActivity } from './activity-undo';
import { required } from './pickers';

async function checkAgain(ctx: CommandContext, args: unknown[]): Promise<Array<{ index: number; outcome: string }>> {
  const ref = await resolveActivityRef(ctx, args, { title: 'Check Again', applies: canCheckAgain, askItem: true, none: 'Nothing in the Activity may have been applied: there is nothing to check again.' });
  const items = itemsOf(ref, canCheckAgain, (item) => `Only a change that may have been applied is checked again; this one is ${STATE_WORDS[item.state]}.`);
  const label = items.length === 1 ? targetLabel(items[0]) : `${items.length} changes of "${ref.entry.title}"`;
  const outcomes = await ctx.ui.progress(`Checking ${label}`, (signal) => ctx.activity.checks.check(ref.entry, items, signal));
  if (items.length === 1) {
    const outcome = outcomes.get(items[0].index);
    if (outcome) void ctx.ui.notify(outcome.outcome === 'unknown' || outcome.warnings?.length ? 'warning' : 'info', describeOutcome(`"${label}"`, pastOf(items[0].spec), outcome));
  } else {
    const checked = (await ctx.journal.entry(ref.entry.tenantId, ref.entry.id)) ?? ref.entry;
    void ctx.ui.notify('info', `Checked ${label}: ${countsText(checked)}.`);
  }
  return items.map((item) => ({ index: item.index, outcome: outcomes.get(item.index)?.outcome ?? 'unknown' }));
}

async function sendAgain(ctx: CommandContext, args: unknown[]): Promise<JournalEntry | undefined> {
  const ref = await resolveActivityRef(ctx, args, { title: 'Send Again', applies: canSendAgain, askItem: true, none: 'Nothing in the Activity can be sent again: only a change that was not applied, or may have been, can.' });
  const items = itemsOf(ref, canSendAgain, (item) => whyNotSendAgain(item) ?? '');
  const unknown = items.filter((item) => item.state === 'unknown');
  // The gravest risk is named: a change that may have been applied may apply twice.
  const risk = items.length === 1 ? sendAgainRisk(items[0]) : unknown.length > 0 ? `${unknown.length} of them: ${sendAgainRisk(unknown[0])}` : sendAgainRisk(items[0]);
  const confirmed = await ctx.ui.confirm({
    message: items.length === 1 ? `Send "${actionWords(items[0].spec)} ${targetLabel(items[0])}" again?` : `Send ${items.length} changes of "${ref.entry.title}" again?`,
    detail: risk,
    confirm: 'Send Again',
  });
  if (!confirmed) return undefined;
  const run = await JournaledRun.begin(ctx.journal, sendAgainEntry(ref.entry, items));
  return sendFromActivity(ctx, run, { title: `Send again: ${ref.entry.title}` });
}

async function resume(ctx: CommandContext, args: unknown[]): Promise<JournalEntry | undefined> {
  const ref = await resolveActivityRef(ctx, args, {
    title: 'Resume',
    applies: () => false,
    appliesToEntry: (entry) => resumable(entry).length > 0,
    askItem: false,
    none: 'No run in the Activity was cut off with changes never sent.',
  });
  const items = resumable(ref.entry);
  if (items.length === 0) throw new Error(`"${ref.entry.title}" has no change that was never sent (or it is still running).`);
  const unknown = ref.entry.items.filter((item) => item.state === 'unknown').length;
  const confirmed = await ctx.ui.confirm({
    message: `Resume "${ref.entry.title}": send the ${items.length} ${items.length === 1 ? 'change' : 'changes'} never sent?`,
    detail: `Only changes that never left this machine are sent.${unknown ? ` ${unknown} that may have been applied are not sent again: Check Again reads them back.` : ''}`,
    confirm: 'Resume',
  });
  if (!confirmed) return undefined;
  return sendFromActivity(ctx, resumeRun(ctx.journal, ref.entry), { title: `Resume: ${ref.entry.title}` });
}

async function showDetails(ctx: CommandContext, args: unknown[]): Promise<vscode.TextDocument> {
  const ref = await resolveActivityRef(ctx, args, { title: 'Show Details', applies: () => true, askItem: false, none: 'The Activity is empty.' });
  const { entry, item } = ref;
  if (!item) return ctx.documents.showJson(`Activity ${entry.title}`, entry);
  // Named by what the item did to whom: the document's name ends with a running number already.
  return ctx.documents.showJson(`Activity ${actionWords(item.spec)} ${targetLabel(item)}`, { entry: { ...entry, items: undefined }, item });
}

async function copyTrackingId(ctx: CommandContext, args: unknown[]): Promise<string> {
  const tracked = (item: JournalItem) => trackingIdOf(item) !== undefined;
  const ref = await resolveActivityRef(ctx, args, { title: 'Copy Tracking Id', applies: tracked, askItem: true, none: 'No entry in the Activity has a tracking id (ISC gives one with an error).' });
  const ids = trackingIds(itemsOf(ref, tracked, () => 'ISC gave no tracking id for this change (it gives one with an error).'));
  const text = ids.join('\n');
  await vscode.env.clipboard.writeText(text);
  void ctx.ui.notify('info', ids.length === 1 ? `Copied the tracking id ${ids[0]}.` : `Copied ${ids.length} tracking ids.`);
  return text;
}

const FORMATS = {
  jsonl: { label: 'JSON Lines', extension: 'jsonl', filter: { 'JSON Lines': ['jsonl'] }, write: entriesToJsonLines },
  csv: { label: 'CSV', extension: 'csv', filter: { CSV: ['csv'] }, write: entriesToCsv },
};

type ExportFormat = keyof typeof FORMATS;

async function exportActivity(ctx: CommandContext, args: unknown[]): Promise<{ file: string; format: ExportFormat; entries: number } | undefined> {
  const [first] = args;
  const tenantId = tenantArgument(first);
  const given = first && typeof first === 'object' ? (first as { format?: unknown }).format : undefined;
  if (given !== undefined && given !== 'jsonl' && given !== 'csv') throw new Error('Export Activity: "format" is "jsonl" or "csv".');
  const format: ExportFormat =
    given ??
    required(
      await ctx.ui.pick({
        title: 'Export Activity',
        placeHolder: 'Which format?',
        items: [
          { label: FORMATS.jsonl.label, description: 'one entry a line, whole', value: 'jsonl' as const },
          { label: FORMATS.csv.label, description: 'one row an item, for a spreadsheet', value: 'csv' as const },
        ],
      }),
    ).value;
  const chosen = FORMATS[format];
  const stamp = new Date().toISOString().slice(0, 10);
  const uri = await ctx.ui.saveFile({ title: `Export Activity as ${chosen.label}`, defaultName: `isc-activity-${stamp}.${chosen.extension}`, filters: chosen.filter, saveLabel: 'Export' });
  if (!uri) return undefined;
  const entries = await allEntries(ctx, tenantId);
  // The journal is redacted when written; masking again guards the file against any secret learnt since.
  const text = ctx.log.redactor.redact(chosen.write(entries));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  ctx.log.info(`Exported ${entries.length} Activity entries to ${uri.fsPath}`);
  void ctx.ui.notify('info', `Exported ${entries.length} Activity ${entries.length === 1 ? 'entry' : 'entries'} to ${uri.fsPath}.`);
  return { file: uri.fsPath, format, entries: entries.length };
}

async function clearActivity(ctx: CommandContext, args: unknown[]): Promise<number> {
  const tenantId = tenantArgument(args[0]);
  const entries = await allEntries(ctx, tenantId);
  if (entries.length === 0) {
    void ctx.ui.notify('info', 'The Activity is already empty.');
    return 0;
  }
  const scope = tenantId ? `of ${ctx.activity.provider.tenantLabel(tenantId)}` : 'of every tenant';
  const confirmed = await ctx.ui.confirm({
    message: `Clear the Activity ${scope} (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'})?`,
    detail: 'The entries are deleted from this machine; entries still running are kept. Nothing changes in ISC. Export Activity first to keep a copy.',
    confirm: 'Clear',
  });
  if (!confirmed) return 0;
  if (tenantId) await ctx.journal.removeTenant(tenantId);
  else await ctx.journal.clearAll();
  const left = (await allEntries(ctx, tenantId)).length;
  ctx.log.info(`Cleared the Activity ${scope}: ${entries.length - left} entries removed, ${left} still running kept`);
  return entries.length - left;
}

export const activityCommands: CommandGroup = (ctx) => ({
  'iscAccounts.activity.checkAgain': (...args) => checkAgain(ctx, args),
  'iscAccounts.activity.sendAgain': (...args) => sendAgain(ctx, args),
  'iscAccounts.activity.undo': (...args) => undoFromActivity(ctx, args),
  'iscAccounts.activity.resume': (...args) => resume(ctx, args),
  'iscAccounts.activity.showDetails': (...args) => showDetails(ctx, args),
  'iscAccounts.activity.copyTrackingId': (...args) => copyTrackingId(ctx, args),
  'iscAccounts.activity.export': (...args) => exportActivity(ctx, args),
  'iscAccounts.activity.clear': (...args) => clearActivity(ctx, args),
  'iscAccounts.activity.refresh': () => ctx.activity.provider.refresh(),
});
