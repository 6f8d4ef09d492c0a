// Apply: recompute the request from the draft (never the webview's own preview), confirm,
// check the account did not change underneath, send, and follow the task to its end.
import * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import { IscError } from '../isc/errors';
import type { TaskStatus } from '../isc/models';
import { errorInfo, isAbort } from './errorInfo';
import { isEmptyPlan, planEdits } from './plan';
import { editorPrompts } from './prompts';
import type { EditorDraft, ErrorInfo, LoadedAccount } from './protocol';

export interface ApplyContext {
  client: IscApi;
  base: LoadedAccount;
  log: vscode.LogOutputChannel;
  /** Mirrors the progress notification inside the editor. */
  reportProgress(message: string): void;
}

export type ApplyResult =
  | { outcome: 'applied'; summary: string }
  /** The account changed on the server and the user chose to reload (edits discarded). */
  | { outcome: 'reload' }
  | { outcome: 'cancelled' }
  | { outcome: 'failed'; error: ErrorInfo };

export async function applyDraft(context: ApplyContext, draft: EditorDraft): Promise<ApplyResult> {
  const { client, base, log } = context;
  const plan = planEdits(base, draft);
  if (plan.blocked) {
    return { outcome: 'failed', error: { message: `Nothing was sent: ${plan.problems.errors.join(' ')}` } };
  }
  if (isEmptyPlan(plan)) {
    return { outcome: 'failed', error: { message: 'Nothing to apply: the form matches the account as loaded.' } };
  }
  const usesPut = plan.put !== null;
  if (!(await editorPrompts.current.confirmApply(base.name, plan.requestSummary, usesPut ? 'put' : 'patch'))) {
    return { outcome: 'cancelled' };
  }

  try {
    context.reportProgress('Checking the account has not changed on the server…');
    const current = await client.getAccount(base.id);
    if ((current.modified ?? null) !== base.modified) {
      const answer = await editorPrompts.current.accountChangedOnServer(base.name, base.modified, current.modified ?? null);
      if (answer === 'cancel') return { outcome: 'cancelled' };
      if (answer === 'reload') {
        return (await editorPrompts.current.confirmDiscardEdits(base.name)) ? { outcome: 'reload' } : { outcome: 'cancelled' };
      }
      log.warn(`Applying to ${base.id} although it changed on the server (${base.modified} → ${current.modified}).`);
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Applying edits to ${base.name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const subscription = token.onCancellationRequested(() => abort.abort());
        const report = (message: string) => {
          progress.report({ message });
          context.reportProgress(message);
        };
        try {
          if (plan.put) {
            report('Replacing all attributes (PUT)…');
            log.info(`PUT /accounts/${base.id} with ${Object.keys(plan.put.attributes).length} attributes`);
            const result = await client.putAccount(base.id, plan.put, { signal: abort.signal });
            await followTask(client, result.id, abort.signal, report);
          }
          if (plan.operations.length > 0) {
            report(`Sending ${plan.operations.length} patch operation${plan.operations.length === 1 ? '' : 's'}…`);
            log.info(`PATCH /accounts/${base.id}: ${JSON.stringify(plan.operations.map((op) => `${op.op} ${op.path}`))}`);
            const result = await client.patchAccount(base.id, plan.operations, { signal: abort.signal });
            await followTask(client, taskIdOf(result, base.id), abort.signal, report);
          }
        } finally {
          subscription.dispose();
        }
      },
    );
    return { outcome: 'applied', summary: plan.requestSummary };
  } catch (error) {
    if (isAbort(error)) {
      const message = 'Stopped waiting for ISC. The change may still complete: reload to see where the account stands.';
      return { outcome: 'failed', error: { message } };
    }
    log.error(`Applying edits to account ${base.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { outcome: 'failed', error: errorInfo(error) };
  } finally {
    context.reportProgress('');
  }
}

/**
 * ISC answers PATCH with 202 and a body that is a task reference on some tenants and an
 * empty object (or the account itself) on others; only an id that is not the account's own
 * is a task worth following.
 */
function taskIdOf(result: Record<string, unknown>, accountId: string): string | undefined {
  const id = result.id;
  return typeof id === 'string' && id !== '' && id !== accountId ? id : undefined;
}

async function followTask(
  client: IscApi,
  taskId: string | undefined,
  signal: AbortSignal,
  report: (message: string) => void,
): Promise<void> {
  if (!taskId) return;
  report('Waiting for ISC to finish the change…');
  const status = await client.waitForTask(taskId, {
    signal,
    onProgress: (current) => report(progressText(current)),
  });
  // waitForTask throws for a failed task; this guards a client that resolves instead.
  if (status.completionStatus === 'ERROR' || status.completionStatus === 'TERMINATED' || status.completionStatus === 'TEMPERROR') {
    throw new IscError({ kind: 'http', message: `The change ended with ${status.completionStatus}: ${taskMessages(status)}`, taskStatus: status });
  }
}

function progressText(status: TaskStatus): string {
  const percent = Number.isFinite(status.percentComplete) && status.percentComplete > 0 ? ` (${status.percentComplete}%)` : '';
  return `${status.progress ?? 'Waiting for ISC to finish the change…'}${percent}`;
}

function taskMessages(status: TaskStatus): string {
  const texts = status.messages.map((message) => message.localizedText?.message ?? message.key).filter(Boolean);
  return texts.length > 0 ? texts.join(' ') : 'no message from ISC.';
}
