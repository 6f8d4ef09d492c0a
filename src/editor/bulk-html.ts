// The bulk attribute editor's HTML: a static skeleton (no account data, which arrives by
// message) under the same nonce and CSP as the single-account editor.
import type * as vscode from 'vscode';
import { editorWebviewOptions, renderWebviewPage } from './html';

export function bulkEditorPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    ...editorWebviewOptions(extensionUri),
    // No serializer brings this tab back after a reload (its targets live in the session), so
    // a hidden tab keeps its page rather than be rebuilt from what the extension replays.
    retainContextWhenHidden: true,
    enableFindWidget: true,
  };
}

export function renderBulkEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return renderWebviewPage(webview, extensionUri, {
    title: 'Edit attributes of many accounts',
    stylesheets: [
      ['editor', 'editor.css'],
      ['bulk-editor', 'bulk-editor.css'],
    ],
    script: 'bulk-editor.js',
    body: `  <header class="toolbar bulk-toolbar" aria-label="Bulk edit">
    <div>
      <h1 id="title">Loading accounts…</h1>
      <p id="targets" class="hint"></p>
    </div>
  </header>
  <div id="banners"></div>
  <div role="status" aria-live="polite" id="live" class="visually-hidden"></div>
  <main class="bulk-layout">
    <form id="edit-form" class="bulk-form" novalidate aria-labelledby="edit-heading">
      <h2 id="edit-heading">Edit</h2>
    </form>
    <section id="plan" class="bulk-plan" aria-labelledby="plan-heading">
      <div class="plan-header">
        <h2 id="plan-heading">Plan</h2>
        <button type="button" id="apply" disabled aria-describedby="apply-hint"><span class="codicon codicon-check" aria-hidden="true"></span> <span id="apply-label">Apply</span></button>
      </div>
      <p id="apply-hint" class="hint">Choose an edit and press Show Plan to see what Apply would send.</p>
      <div id="outcome"></div>
      <div id="plan-body"></div>
    </section>
  </main>`,
  });
}
