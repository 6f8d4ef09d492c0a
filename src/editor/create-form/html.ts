// The Create Account form's one HTML document: a static skeleton with a fresh nonce and the
// editor's strict CSP. The schema and the values arrive by message and reach the DOM through
// `textContent`/`value` only.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { contentSecurityPolicy } from '../html';

export function renderCreateFormHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomUUID();
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" nonce="${nonce}" href="${uri('media', 'codicons', 'codicon.css')}">
  <link rel="stylesheet" nonce="${nonce}" href="${uri('media', 'editor', 'editor.css')}">
  <link rel="stylesheet" nonce="${nonce}" href="${uri('media', 'create-form', 'create-form.css')}">
  <title>Create account</title>
</head>
<body>
  <header class="toolbar">
    <h1 id="title" class="title">Loading the account schema…</h1>
    <div class="toolbar-actions">
      <button type="button" id="cancel" class="secondary">Cancel</button>
      <button type="button" id="create"><span class="codicon codicon-add" aria-hidden="true"></span> Create</button>
    </div>
  </header>
  <p class="hint">Built from the source's account schema. <span aria-hidden="true">*</span> marks a required attribute; empty attributes are not sent.</p>
  <div id="notice" role="alert"></div>
  <form id="form" class="form" novalidate aria-label="Attributes of the new account"></form>
  <script nonce="${nonce}" src="${uri('dist', 'create-form.js')}"></script>
</body>
</html>`;
}
