// The open attribute editor tabs, at most one per account. Made once in activate(); the Edit
// Attributes command opens tabs through it, and VS Code restores tabs through it after a
// window reload (it is the panel serializer), so both build a tab the same way.
import * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import type { JournalStore } from '../journal';
import type { Ui } from '../ui/prompts';
import { editorPanelOptions, editorWebviewOptions } from './html';
import { guardPersistedState } from './message-guard';
import { AttributeEditorPanel, editorKey, type EditorPanelHooks, type EditorSession, type EditorStart } from './panel';
import { ATTRIBUTE_EDITOR_VIEW_TYPE, type LoadedAccount } from './shared/protocol';

/** What every tab needs from the rest of the extension. */
export interface EditorServices {
  extensionUri: vscode.Uri;
  ui: Ui;
  log: vscode.LogOutputChannel;
  /** Every Apply is written here before it is sent. */
  journal: JournalStore;
  /** The tenant's client; rejects when the tenant is no longer configured. */
  client(tenantId: string): Promise<IscApi>;
  /** The tenant's name, or undefined when it is no longer configured. */
  tenantLabel(tenantId: string): string | undefined;
  /** An Apply went through: refresh what shows the account. */
  applied(account: { tenantId: string; accountId: string }): void;
}

/** For tests in the real VS Code: the open editor of an account, and a way to feed it raw messages. */
export interface AttributeEditorHandle {
  readonly panel: vscode.WebviewPanel;
  readonly loaded: LoadedAccount | undefined;
  receive(message: unknown): Promise<'handled' | 'refused'>;
  pendingChangeCount(): number;
}

export class AttributeEditors implements vscode.WebviewPanelSerializer {
  private readonly tabs = new Map<string, AttributeEditorPanel>();
  private readonly hooks: EditorPanelHooks = {
    closed: (editor) => {
      if (this.tabs.get(editor.key) === editor) this.tabs.delete(editor.key);
    },
    reopen: (session, start, column) => {
      const existing = this.tabs.get(editorKey(session.tenantId, session.accountId));
      if (existing) return existing.panel.reveal(); // opened again meanwhile: never two tabs for one account
      void this.create(session, start, column ?? vscode.ViewColumn.Active);
    },
  };

  constructor(private readonly services: EditorServices) {}

  /** Where the webviews' scripts and styles are (the bulk editor's tab needs it too). */
  get extensionUri(): vscode.Uri {
    return this.services.extensionUri;
  }

  /** Opens the account's editor tab, or reveals it if it is open; settles once the account is shown (or its load error is). */
  async open(tenantId: string, accountId: string): Promise<void> {
    const client = await this.services.client(tenantId);
    const existing = this.tabs.get(editorKey(tenantId, accountId));
    if (existing) {
      existing.panel.reveal();
      return existing.firstLoad;
    }
    const session = this.session(tenantId, this.services.tenantLabel(tenantId) ?? tenantId, accountId, client);
    return this.create(session, {}, vscode.ViewColumn.Active);
  }

  /**
   * What VS Code asks of a tab it brings back after a reload. `saved` is whatever the webview
   * stored, so it is checked like any message: the tab edits its target account, and a saved
   * base of another account is dropped for a fresh GET.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const { log } = this.services;
    const { state, dropped } = guardPersistedState(saved);
    if (dropped.length > 0) log.warn(`Attribute editor restore: ignored saved state: ${dropped.join('; ')}.`);
    if (!state) {
      panel.dispose(); // nothing says which account it showed
      return;
    }
    const { tenantId, accountId } = state.target;
    const tenantLabel = this.services.tenantLabel(tenantId);
    if (tenantLabel === undefined) {
      log.warn(`Attribute editor restore: tenant ${tenantId} is no longer configured; closing the editor for account ${accountId}.`);
      panel.dispose();
      void this.services.ui.notify(
        'warning',
        `The attribute editor for account ${accountId} was closed: its tenant "${state.target.tenantLabel}" is no longer configured.`,
      );
      return;
    }
    const client = await this.services.client(tenantId);
    if (this.tabs.has(editorKey(tenantId, accountId))) {
      panel.dispose(); // already opened by a command before the restore ran
      return;
    }
    panel.webview.options = editorWebviewOptions(this.services.extensionUri);
    await this.adopt(panel, this.session(tenantId, tenantLabel, accountId, client), { base: state.base, draft: state.draft });
  }

  find(tenantId: string, accountId: string): AttributeEditorHandle | undefined {
    return this.tabs.get(editorKey(tenantId, accountId));
  }

  private session(tenantId: string, tenantLabel: string, accountId: string, client: IscApi): EditorSession {
    const { extensionUri, log, ui, journal } = this.services;
    return {
      extensionUri,
      client,
      journal,
      tenantId,
      tenantLabel,
      accountId,
      log,
      ui,
      onApplied: (applied) => this.services.applied({ tenantId, accountId: applied }),
    };
  }

  private create(session: EditorSession, start: EditorStart, column: vscode.ViewColumn): Promise<void> {
    const panel = vscode.window.createWebviewPanel(
      ATTRIBUTE_EDITOR_VIEW_TYPE,
      `✎ ${start.base?.name ?? session.accountId}`,
      column,
      editorPanelOptions(session.extensionUri),
    );
    return this.adopt(panel, session, start);
  }

  private adopt(panel: vscode.WebviewPanel, session: EditorSession, start: EditorStart): Promise<void> {
    const editor = new AttributeEditorPanel(panel, session, start, this.hooks);
    this.tabs.set(editor.key, editor);
    return editor.firstLoad;
  }
}
