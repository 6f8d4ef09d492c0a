// The bulk attribute editor's tab: shows a session's targets, asks it for plans, and runs the
// latest plan when the user applies it. Messages from the webview are checked first; only the
// plan last shown can be applied, one Apply at a time, and an Apply outlives its tab (the
// progress notification's Cancel stops it).
import * as vscode from 'vscode';
import { errorMessage } from '../ui/error-text';
import { renderBulkEditorHtml, bulkEditorPanelOptions } from './bulk-html';
import { guardBulkMessage, type CheckedBulkMessage } from './bulk-message-guard';
import type { BulkEditSession } from './bulk-session';
import { BULK_EDITOR_VIEW_TYPE, type BulkApplySummary, type BulkEdit, type BulkExtensionToWebview, type BulkPlanView } from './shared/bulk-protocol';

export interface BulkPanelHost {
  extensionUri: vscode.Uri;
  /** Where refused webview messages and failures are logged. */
  log?: vscode.LogOutputChannel;
}

/** An open bulk editor, for the command that opened it and for tests in the real VS Code. */
export interface BulkEditorHandle {
  readonly panel: vscode.WebviewPanel;
  /** Every message the extension sends the webview, as it is sent. */
  readonly onDidPost: vscode.Event<BulkExtensionToWebview>;
  /** The extension's side of the protocol; settles once the message is fully handled (an Apply included). */
  receive(message: unknown): Promise<'handled' | 'refused'>;
}

/** Opens a tab showing the session; resolves once its page has asked for and been sent the targets (or the tab was closed). */
export async function openBulkEditPanel(host: BulkPanelHost, session: BulkEditSession): Promise<BulkEditorHandle> {
  const panel = vscode.window.createWebviewPanel(BULK_EDITOR_VIEW_TYPE, session.title, vscode.ViewColumn.Active, bulkEditorPanelOptions(host.extensionUri));
  const editor = new BulkEditorPanel(panel, host, session);
  await editor.shown;
  return editor;
}

type ApplyState = { state: 'idle' } | { state: 'running'; last?: BulkExtensionToWebview } | { state: 'done'; result: BulkApplySummary };

class BulkEditorPanel implements BulkEditorHandle {
  private readonly posted = new vscode.EventEmitter<BulkExtensionToWebview>();
  readonly onDidPost = this.posted.event;
  readonly shown: Promise<void>;
  private markShown!: () => void;
  private latestPlan: BulkPlanView | undefined;
  private planning: AbortController | undefined;
  private apply: ApplyState = { state: 'idle' };
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: BulkPanelHost,
    private readonly session: BulkEditSession,
  ) {
    this.shown = new Promise((resolve) => (this.markShown = resolve));
    panel.webview.html = renderBulkEditorHtml(panel.webview, host.extensionUri);
    const received = panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    panel.onDidDispose(() => {
      // A running Apply goes on without its tab; its notification still shows and can cancel it.
      this.disposed = true;
      this.planning?.abort();
      received.dispose();
      this.markShown();
    });
  }

  async receive(raw: unknown): Promise<'handled' | 'refused'> {
    const guarded = guardBulkMessage(raw);
    if (!guarded.ok) {
      this.host.log?.warn(`Bulk attribute editor: refused a message from the webview: ${guarded.reason}.`);
      if (guarded.planRequest) this.post({ type: 'plan-error', message: `The edit was refused: ${guarded.reason}.` });
      return 'refused';
    }
    await this.handle(guarded.message);
    return 'handled';
  }

  private async handle(message: CheckedBulkMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendCurrent();
      case 'plan':
        return this.makePlan(message.edit);
      case 'cancel':
        this.planning?.abort();
        return;
      case 'apply':
        return this.runPlan(message.planId);
      case 'open-report':
        return this.openReport();
    }
  }

  private post(message: BulkExtensionToWebview): void {
    if (this.disposed) return;
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }

  /** The page asked for its data (first load, or rebuilt): everything it should show now. */
  private sendCurrent(): void {
    this.post({ type: 'overview', title: this.session.title, targets: this.session.targets, attributes: this.session.overview() });
    if (this.latestPlan) this.post({ type: 'plan', plan: this.latestPlan });
    if (this.apply.state === 'running' && this.apply.last) this.post(this.apply.last);
    if (this.apply.state === 'done') this.post({ type: 'applied', result: this.apply.result });
    this.markShown();
  }

  private async makePlan(edit: BulkEdit): Promise<void> {
    if (this.apply.state === 'running') return this.post({ type: 'plan-error', message: 'Wait for the running Apply to finish before planning another edit.' });
    this.planning?.abort();
    const planning = new AbortController();
    this.planning = planning;
    // A plan asked for is the one the form shows now: the one before it can no longer be applied.
    this.latestPlan = undefined;
    try {
      const plan = await this.session.plan(edit, planning.signal);
      if (planning.signal.aborted) return;
      this.latestPlan = plan;
      this.post({ type: 'plan', plan });
    } catch (error) {
      if (planning.signal.aborted) return;
      this.post({ type: 'plan-error', message: errorMessage(error) });
    } finally {
      if (this.planning === planning) this.planning = undefined;
    }
  }

  private async runPlan(planId: string): Promise<void> {
    if (this.apply.state === 'running') return this.post({ type: 'error', message: 'Apply is already running.' });
    const plan = this.latestPlan;
    if (!plan || plan.planId !== planId) {
      this.host.log?.warn(`Bulk attribute editor: refused to apply plan ${JSON.stringify(planId).slice(0, 80)}: it is not the latest plan shown.`);
      return this.post({ type: 'error', message: 'That plan is no longer the latest one. Show the plan again, check it, then apply.' });
    }
    if (plan.changed === 0) return this.post({ type: 'error', message: 'The plan changes no account: there is nothing to apply.' });
    const running: ApplyState = { state: 'running' };
    this.apply = running;
    try {
      const result = await this.session.apply(planId, (message, done, total) => {
        running.last = { type: 'progress', message, done, total };
        this.post(running.last);
      });
      if (result === 'cancelled') {
        this.apply = { state: 'idle' };
        return this.post({ type: 'apply-cancelled' });
      }
      // An applied plan is spent: the accounts it was made against have changed.
      this.latestPlan = undefined;
      this.apply = { state: 'done', result };
      this.post({ type: 'applied', result });
      this.post({ type: 'overview', title: this.session.title, targets: this.session.targets, attributes: this.session.overview() });
    } catch (error) {
      this.apply = { state: 'idle' };
      const message = errorMessage(error);
      this.host.log?.error(`Bulk attribute editor: Apply failed: ${message}`);
      this.post({ type: 'error', message: `Apply failed: ${message}` });
    }
  }

  private async openReport(): Promise<void> {
    const report = this.apply.state === 'done' ? this.apply.result.report : undefined;
    if (!report) return this.post({ type: 'error', message: 'There is no report to open yet.' });
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(report));
  }
}
