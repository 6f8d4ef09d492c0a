// The Create Account form's page: a static skeleton in the editor's page frame (fresh nonce,
// strict CSP). The schema and the values arrive by message and reach the DOM through
// `textContent`/`value` only.
import type * as vscode from 'vscode';
import { renderWebviewPage } from '../html';

export function renderCreateFormHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return renderWebviewPage(webview, extensionUri, {
    title: 'Create account',
    stylesheets: [['editor', 'editor.css'], ['create-form', 'create-form.css']],
    script: 'create-form.js',
    body: `  <header class="toolbar">
    <h1 id="title" class="title">Loading the account schema…</h1>
    <div class="toolbar-actions">
      <button type="button" id="cancel" class="secondary">Cancel</button>
      <button type="button" id="create"><span class="codicon codicon-add" aria-hidden="true"></span> Create</button>
    </div>
  </header>
  <p class="hint">Built from the source's account schema. <span aria-hidden="true">*</span> marks a required attribute; empty attributes are not sent.</p>
  <div id="notice" role="alert"></div>
  <form id="form" class="form" novalidate aria-label="Attributes of the new account"></form>`,
  });
}
