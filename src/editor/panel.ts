// One attribute editor tab: owns the webview panel, answers its messages, and keeps the
// latest draft so a hidden tab, a reload or an accidental close loses nothing.
import * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import type { JournalStore } from '../journal';
import { errorInfo } from '../ui/error-text';
import type { Ui } from '../ui/prompts';
import { applyDraft } from './apply';
import { accountTitle, fetchEditableAccount } from './editable-account';
import { renderEditorHtml } from './html';
import { guardWebviewMessage } from './message-guard';
import { closedWithEdits, confirmDiscardEdits } from './questions';
import { accountToDraft } from './shared/draft';
import { isEmptyPlan, planEdits } from './shared/plan';
import type { EditorDraft, ErrorInfo, ExtensionToWebview, LoadedAccount, WebviewToExtension } from './shared/protocol';

export interface EditorSession {
  extensionUri: vscode.Uri;
  client: IscApi;
  journal: JournalStore;
  tenantId: string;
  tenantLabel: string;
  accountId: string;
  log: vscode.LogOutputChannel;
  ui: Ui;
  onApplied: (accountId: string) => void;
}

/** Where a new panel starts: nothing yet, or the base and edits saved before a reload or close. */
export interface EditorStart {
  base?: LoadedAccount;
  draft?: EditorDraft;
}

export interface EditorPanelHooks {
  /** The tab is gone: forget it. */
  closed(editor: AttributeEditorPanel): void;
  /** The user chose to get back the edits of a closed tab. */
  reopen(session: EditorSession, start: EditorStart, column: vscode.ViewColumn | undefined): void;
}

export class AttributeEditorPanel {
  private base: LoadedAccount | undefined;
  private draft: EditorDraft | undefined;
  private loadError: ErrorInfo | undefined;
  private notice: string | null = null;
  private webviewReady = false;
  private busy = false;
  private disposed = false;
  /** Remembered while open: a disposed panel no longer answers `viewColumn`. */
  private column: vscode.ViewColumn | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Settles when the first load attempt is over (shown or failed inline). */
  readonly firstLoad: Promise<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly session: EditorSession,
    start: EditorStart,
    private readonly hooks: EditorPanelHooks,
  ) {
    this.base = start.base;
    this.draft = start.draft;
    if (this.base) panel.title = accountTitle(this.base);
    panel.webview.html = renderEditorHtml(panel.webview, session.extensionUri);
    this.column = panel.viewColumn;
    this.disposables.push(
      panel.onDidChangeViewState(() => (this.column = panel.viewColumn ?? this.column)),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => void this.closed()),
    );
    this.firstLoad = start.base ? this.refreshAfterRestore() : this.load();
  }

  /** The account as loaded, or undefined until it is. */
  get loaded(): LoadedAccount | undefined {
    return this.base;
  }

  get key(): string {
    return editorKey(this.session.tenantId, this.session.accountId);
  }

  /** The extension's side of the protocol; refused messages are logged and ignored. */
  async receive(raw: unknown): Promise<'handled' | 'refused'> {
    const guarded = guardWebviewMessage(raw);
    if (!guarded.ok) {
      this.session.log.warn(`Attribute editor ${this.session.accountId}: ignored a message from the webview: ${guarded.reason}.`);
      return 'refused';
    }
    await this.handle(guarded.message);
    return 'handled';
  }

  /** Unapplied edits: what closing the tab would lose. */
  pendingChangeCount(): number {
    if (!this.base || !this.draft) return 0;
    const plan = planEdits(this.base, this.draft);
    if (plan.blocked) return Math.max(1, plan.changes.length);
    return isEmptyPlan(plan) ? 0 : plan.changes.length + plan.operations.filter((op) => !op.path.startsWith('/attributes/')).length;
  }

  private async handle(message: WebviewToExtension): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        this.sendCurrent();
        return;
      case 'draftChanged':
        this.draft = message.draft;
        return;
      case 'showLog':
        this.session.log.show(true);
        return;
      case 'reload':
        return this.reloadRequested(message.requestId);
      case 'apply':
        this.draft = message.draft;
        return this.applyRequested(message.requestId, message.draft);
    }
  }

  private post(message: ExtensionToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private sendCurrent(): void {
    if (!this.webviewReady) return;
    const target = { tenantId: this.session.tenantId, accountId: this.session.accountId, tenantLabel: this.session.tenantLabel };
    if (this.base) this.post({ type: 'load', target, base: this.base, draft: this.draft ?? null, notice: this.notice });
    else if (this.loadError) this.post({ type: 'loadFailed', target, error: this.loadError });
  }

  /** Fetches the account and starts the form over from it (no edits). */
  private async load(notice: string | null = null): Promise<void> {
    try {
      this.base = await fetchEditableAccount(this.session.client, this.session.accountId);
      this.draft = accountToDraft(this.base);
      this.loadError = undefined;
      this.notice = notice;
      this.panel.title = accountTitle(this.base);
    } catch (error) {
      this.loadError = errorInfo(error);
      this.session.log.error(`Attribute editor: loading account ${this.session.accountId} failed: ${this.loadError.message}`);
    }
    this.sendCurrent();
  }

  /** After a reload or a reopen: keep the saved base and edits, and say if the server moved on. */
  private async refreshAfterRestore(): Promise<void> {
    const saved = this.base;
    if (!saved) return this.load();
    if (this.pendingChangeCount() === 0) return this.load();
    try {
      const fresh = await fetchEditableAccount(this.session.client, this.session.accountId);
      // The fresh source check wins: a source that stopped being flat-file must not take attribute edits.
      this.base = { ...saved, readOnlyReason: fresh.readOnlyReason, name: fresh.name, sourceName: fresh.sourceName };
      if (fresh.modified !== saved.modified) {
        this.notice = 'Your edits were restored, but the account changed on the server since it was loaded. Apply will ask before sending them over the newer version.';
      }
    } catch (error) {
      this.notice = `Your edits were restored, but the account could not be fetched again: ${errorInfo(error).message}`;
    }
    this.sendCurrent();
  }

  private async reloadRequested(requestId: number): Promise<void> {
    if (this.busy) return this.post({ type: 'reply', requestId, error: { message: 'Wait for the running Apply to finish.' } });
    if (this.pendingChangeCount() > 0 && !(await confirmDiscardEdits(this.session.ui, this.base?.name ?? this.session.accountId))) {
      return this.post({ type: 'reply', requestId, outcome: 'cancelled' });
    }
    await this.load();
    this.post(this.loadError ? { type: 'reply', requestId, error: this.loadError } : { type: 'reply', requestId, outcome: 'reloaded' });
  }

  private async applyRequested(requestId: number, draft: EditorDraft): Promise<void> {
    if (!this.base) return this.post({ type: 'reply', requestId, error: { message: 'The account is not loaded yet.' } });
    if (this.busy) return this.post({ type: 'reply', requestId, error: { message: 'Apply is already running.' } });
    this.busy = true;
    try {
      const result = await applyDraft(
        {
          client: this.session.client,
          journal: this.session.journal,
          tenantId: this.session.tenantId,
          base: this.base,
          log: this.session.log,
          ui: this.session.ui,
          reportProgress: (message) => this.post({ type: 'progress', message }),
        },
        draft,
      );
      switch (result.outcome) {
        case 'applied':
          await this.load(`Applied ${result.summary}. The form shows the account as ISC now has it.`);
          this.session.onApplied(this.session.accountId);
          return this.post({ type: 'reply', requestId, outcome: 'applied' });
        case 'reload':
          await this.load('Reloaded the newer version from the server; your edits were discarded.');
          return this.post({ type: 'reply', requestId, outcome: 'reloaded' });
        case 'cancelled':
          return this.post({ type: 'reply', requestId, outcome: 'cancelled' });
        case 'failed':
          return this.post({ type: 'reply', requestId, error: result.error });
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * VS Code cannot veto closing a webview tab, so the question comes right after: the edits
   * are still in memory here, and "reopen" rebuilds the tab from them.
   */
  private async closed(): Promise<void> {
    this.disposed = true;
    for (const disposable of this.disposables) disposable.dispose();
    this.hooks.closed(this);
    const pending = this.pendingChangeCount();
    if (pending === 0 || !this.base || !this.draft) return;
    const start = { base: this.base, draft: this.draft };
    let answer: 'reopen' | 'discard';
    try {
      answer = await closedWithEdits(this.session.ui, this.base.name, pending);
    } catch (error) {
      // No way to ask (the window is going away): the edits are still in the saved state.
      this.session.log.warn(`Attribute editor ${this.session.accountId}: closed with unapplied edits and could not ask: ${String(error)}`);
      return;
    }
    if (answer === 'reopen') this.hooks.reopen(this.session, start, this.column);
    else this.session.log.info(`Attribute editor ${this.session.accountId}: closed, ${pending} unapplied change(s) discarded.`);
  }
}

export function editorKey(tenantId: string, accountId: string): string {
  return `${tenantId}\u0000${accountId}`;
}
