// Apply: recompute the request from the draft (never the webview's own preview), confirm,
// check the account did not change underneath, journal, send, and follow the task to its end.
// The PUT and the PATCH are one journal entry of one or two items, and each ends as one
// outcome of the model (src/isc/change-outcome.ts): a lost answer is settled by reading back,
// never by sending again.
import * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import type { Account, TaskStatus } from '../isc/models';
import { describeOutcome, type ChangeOutcome } from '../isc/change-outcome';
import { actionOf, isNotJournaled, JournaledRun, notJournaled, withoutEmpty, type ChangeSpec, type JournalStore } from '../journal';
import { readSettings } from '../tenants/client-settings';
import { errorInfo, isCancellation } from '../ui/error-text';
import type { Ui } from '../ui/prompts';
import { accountChangedOnServer, confirmApply, confirmDiscardEdits } from './questions';
import { isEmptyPlan, planEdits } from './shared/plan';
import type { EditorDraft, ErrorInfo, LoadedAccount } from './shared/protocol';

export interface ApplyContext {
  client: IscApi;
  /** Every Apply is written here before it is sent (the Activity view shows it). */
  journal: JournalStore;
  tenantId: string;
  base: LoadedAccount;
  log: vscode.LogOutputChannel;
  /** Asks before sending, and carries the progress notification and its Cancel. */
  ui: Ui;
  /** Mirrors the progress notification inside the editor. */
  reportProgress(message: string): void;
}

/** `change`: what became of the change, in the outcome model (scripts and tests read it). */
export type ApplyResult =
  | { outcome: 'applied'; summary: string; change?: ChangeOutcome }
  /** The account changed on the server and the user chose to reload (edits discarded). */
  | { outcome: 'reload' }
  | { outcome: 'cancelled' }
  | { outcome: 'failed'; error: ErrorInfo; change?: ChangeOutcome };

export async function applyDraft(context: ApplyContext, draft: EditorDraft): Promise<ApplyResult> {
  const { client, base, log, ui } = context;
  const plan = planEdits(base, draft);
  if (plan.blocked) {
    return { outcome: 'failed', error: { message: `Nothing was sent: ${plan.problems.errors.join(' ')}` } };
  }
  if (isEmptyPlan(plan)) {
    return { outcome: 'failed', error: { message: 'Nothing to apply: the form matches the account as loaded.' } };
  }
  const usesPut = plan.put !== null;
  if (!(await confirmApply(ui, base.name, plan.requestSummary, usesPut ? 'put' : 'patch'))) {
    return { outcome: 'cancelled' };
  }

  try {
    context.reportProgress('Checking the account has not changed on the server…');
    const current = await client.getAccount(base.id);
    if ((current.modified ?? null) !== base.modified) {
      const answer = await accountChangedOnServer(ui, base.name, base.modified, current.modified ?? null);
      if (answer === 'cancel') return { outcome: 'cancelled' };
      if (answer === 'reload') {
        return (await confirmDiscardEdits(ui, base.name)) ? { outcome: 'reload' } : { outcome: 'cancelled' };
      }
      log.warn(`Applying to ${base.id} although it changed on the server (${base.modified} → ${current.modified}).`);
    }
    const window = { windowMs: readBackWindowSeconds() * 1000 };
    const run = await ui.progress(`Applying edits to ${base.name}`, async (signal, reportInNotification) => {
      const report = (message: string, task?: TaskStatus) => {
        const text = task ? progressText(task) : message;
        reportInNotification(text);
        context.reportProgress(text);
      };
      const steps: Array<{ what: string; spec: ChangeSpec; before?: Account }> = [];
      if (plan.put) {
        log.info(`PUT /accounts/${base.id} with ${Object.keys(plan.put.attributes).length} attributes`);
        steps.push({ what: 'The PUT replacing the attributes', spec: { kind: 'put', accountId: base.id, attributes: plan.put.attributes }, before: current });
      }
      if (plan.operations.length > 0) {
        log.info(`PATCH /accounts/${base.id}: ${JSON.stringify(plan.operations.map((op) => `${op.op} ${op.path}`))}`);
        // After a PUT the account is read again first, so the patch is proven against what it changes.
        steps.push({ what: 'The PATCH', spec: { kind: 'patch', accountId: base.id, operations: plan.operations }, before: plan.put ? undefined : current });
      }
      let journaled: JournaledRun;
      try {
        journaled = await JournaledRun.begin(context.journal, {
          tenantId: context.tenantId,
          action: steps.map((step) => actionOf(step.spec)).join('+'),
          title: `Applying edits to ${base.name}`,
          items: steps.map((step) => ({ spec: step.spec, target: editorTarget(base) })),
        });
      } catch (error) {
        return { last: notJournaled(error), applied: [] as string[] };
      }
      let last: ChangeOutcome = { outcome: 'applied', evidence: { kind: 'none', detail: 'nothing to send' } };
      const applied: string[] = [];
      for (const [index, step] of steps.entries()) {
        const run = await journaled.send(index, client, { window, signal, onPhase: report, before: step.before });
        if (run.journalError) log.warn(`Applying edits to account ${base.id}: the outcome could not be written to the journal: ${String(run.journalError)}`);
        last = run.outcome;
        if (last.outcome !== 'applied') {
          // What follows a change that was not applied is never sent (the PATCH after a PUT).
          for (const later of steps.keys()) if (later > index) await journaled.notSent(later, `Not sent, because the ${step.spec.kind.toUpperCase()} before it was not applied (${last.outcome}).`).catch(() => undefined);
          break;
        }
        applied.push(step.what);
      }
      return { last, applied };
    });
    const { last: outcome, applied } = run;
    if (outcome.outcome === 'applied') return { outcome: 'applied', summary: plan.requestSummary, change: outcome };
    // A PUT that went through stays applied even when the PATCH after it did not: say both.
    const before = applied.length > 0 ? `${applied.join(' and ')} was applied. ` : '';
    if (outcome.outcome === 'not-sent' && !before && !isNotJournaled(outcome)) return { outcome: 'cancelled' };
    const message = `${before}${describeOutcome(base.name, 'changed', outcome)}`;
    log.warn(`Applying edits to account ${base.id}: ${outcome.outcome} (${outcome.evidence.kind}): ${outcome.reason ?? ''}`);
    if (outcome.outcome === 'unknown') {
      void ui.notify('warning', `${message} Reload the editor to see where the account stands before applying again.`);
      return { outcome: 'failed', error: { message: `${message} Reload to see where the account stands before applying again.`, trackingId: outcome.trackingId }, change: outcome };
    }
    return { outcome: 'failed', error: { message, trackingId: outcome.trackingId }, change: outcome };
  } catch (error) {
    if (isCancellation(error)) return { outcome: 'cancelled' };
    log.error(`Applying edits to account ${base.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { outcome: 'failed', error: errorInfo(error) };
  } finally {
    context.reportProgress('');
  }
}

/** The account as the editor loaded it, as the journal names it. */
function editorTarget(base: LoadedAccount) {
  return withoutEmpty({ accountId: base.id, accountName: base.name, sourceId: base.sourceId, sourceName: base.sourceName, identityId: base.identityId ?? undefined, label: base.name });
}

function readBackWindowSeconds(): number {
  return readSettings((key) => vscode.workspace.getConfiguration('iscAccounts').get(key)).readBackWindowSeconds;
}

function progressText(status: TaskStatus): string {
  const percent = Number.isFinite(status.percentComplete) && status.percentComplete > 0 ? ` (${status.percentComplete}%)` : '';
  return `${status.progress ?? 'Waiting for ISC to finish the change…'}${percent}`;
}
