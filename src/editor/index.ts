// The attribute editor's entry points: open (or reveal) one tab per account, and restore
// tabs after a window reload from the state their webviews saved.
import * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import { editorPanelOptions, editorWebviewOptions } from './html';
import { guardPersistedState } from './messageGuard';
import { AttributeEditorPanel, editorKey, type EditorPanelHooks, type EditorSession, type EditorStart } from './panel';
import { ATTRIBUTE_EDITOR_VIEW_TYPE, type LoadedAccount } from './protocol';

export { ATTRIBUTE_EDITOR_VIEW_TYPE } from './protocol';
export { answerEditorPromptsWith, type EditorPrompts } from './prompts';

export type OpenAttributeEditorDeps = EditorSession;

const openEditors = new Map<string, AttributeEditorPanel>();

const hooks: EditorPanelHooks = {
  closed(editor) {
    if (openEditors.get(editor.key) === editor) openEditors.delete(editor.key);
  },
  reopen(session, start, column) {
    const existing = openEditors.get(editorKey(session.tenantId, session.accountId));
    if (existing) return existing.panel.reveal(); // opened again meanwhile: never two tabs for one account
    void createEditor(session, start, column ?? vscode.ViewColumn.Active);
  },
};

function createEditor(session: EditorSession, start: EditorStart, column: vscode.ViewColumn): Promise<void> {
  const panel = vscode.window.createWebviewPanel(
    ATTRIBUTE_EDITOR_VIEW_TYPE,
    `✎ ${start.base?.name ?? session.accountId}`,
    column,
    editorPanelOptions(session.extensionUri),
  );
  return adopt(panel, session, start);
}

function adopt(panel: vscode.WebviewPanel, session: EditorSession, start: EditorStart): Promise<void> {
  const editor = new AttributeEditorPanel(panel, session, start, hooks);
  openEditors.set(editor.key, editor);
  return editor.firstLoad;
}

/** Opens the account's editor tab, or reveals it if it is open; settles once the account is shown (or its load error is). */
export async function openAttributeEditor(deps: OpenAttributeEditorDeps): Promise<void> {
  const existing = openEditors.get(editorKey(deps.tenantId, deps.accountId));
  if (existing) {
    existing.panel.reveal();
    return existing.firstLoad;
  }
  return createEditor(deps, {}, vscode.ViewColumn.Active);
}

export interface RestoreDeps {
  extensionUri: vscode.Uri;
  resolve: (tenantId: string) => Promise<{ client: IscApi; tenantLabel: string } | undefined>;
  log: vscode.LogOutputChannel;
  onApplied: (accountId: string) => void;
}

export function registerAttributeEditorSerializer(
  context: vscode.ExtensionContext,
  resolve: RestoreDeps['resolve'],
  log: vscode.LogOutputChannel,
  onApplied: (accountId: string) => void,
): vscode.Disposable {
  const deps: RestoreDeps = { extensionUri: context.extensionUri, resolve, log, onApplied };
  return vscode.window.registerWebviewPanelSerializer(ATTRIBUTE_EDITOR_VIEW_TYPE, {
    deserializeWebviewPanel: (panel: vscode.WebviewPanel, saved: unknown) => restoreAttributeEditor(panel, saved, deps),
  });
}

/**
 * What the serializer does with a tab VS Code brings back after a reload. `saved` is whatever
 * the webview stored, so it is checked like any message: the tab edits its target account,
 * and a saved base of another account is dropped for a fresh GET.
 */
export async function restoreAttributeEditor(panel: vscode.WebviewPanel, saved: unknown, deps: RestoreDeps): Promise<void> {
  const { log } = deps;
  const { state, dropped } = guardPersistedState(saved);
  if (dropped.length > 0) log.warn(`Attribute editor restore: ignored saved state: ${dropped.join('; ')}.`);
  if (!state) {
    panel.dispose(); // nothing says which account it showed
    return;
  }
  const { tenantId, accountId } = state.target;
  const tenant = await deps.resolve(tenantId);
  if (!tenant) {
    log.warn(`Attribute editor restore: tenant ${tenantId} is no longer configured; closing the editor for account ${accountId}.`);
    panel.dispose();
    void vscode.window.showWarningMessage(
      `The attribute editor for account ${accountId} was closed: its tenant "${state.target.tenantLabel}" is no longer configured.`,
    );
    return;
  }
  if (openEditors.has(editorKey(tenantId, accountId))) {
    panel.dispose(); // already opened by a command before the restore ran
    return;
  }
  panel.webview.options = editorWebviewOptions(deps.extensionUri);
  const session: EditorSession = {
    extensionUri: deps.extensionUri,
    client: tenant.client,
    tenantId,
    tenantLabel: tenant.tenantLabel,
    accountId,
    log,
    onApplied: deps.onApplied,
  };
  await adopt(panel, session, { base: state.base, draft: state.draft });
}

/** For tests in the real VS Code: the open editor of an account, and a way to feed it raw messages. */
export interface AttributeEditorHandle {
  readonly panel: vscode.WebviewPanel;
  readonly loaded: LoadedAccount | undefined;
  receive(message: unknown): Promise<'handled' | 'refused'>;
  pendingChangeCount(): number;
}

export function findAttributeEditor(tenantId: string, accountId: string): AttributeEditorHandle | undefined {
  return openEditors.get(editorKey(tenantId, accountId));
}
