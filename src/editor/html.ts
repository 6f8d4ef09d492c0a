// The webviews' HTML documents (the attribute editor's, the Create Account form's): static
// skeletons with a fresh nonce and a strict CSP. No account data is ever written into this
// HTML; it all arrives by message and is put into the DOM with `textContent`/`value`, so there
// is nothing here to escape.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';

/** Only these folders may be loaded by the webview. */
export function editorResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')];
}

export function editorWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: editorResourceRoots(extensionUri) };
}

export function editorPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    ...editorWebviewOptions(extensionUri),
    // Hidden tabs are torn down and rebuilt from their saved state: cheaper than keeping a
    // hidden page alive, and it runs the same restore path as a window reload, so that path
    // is exercised every day rather than only after a reload.
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

/** A webview page of this extension: its own document, with what every page shares around it. */
export interface WebviewPage {
  title: string;
  /** Under media/, after the codicons: e.g. `['editor', 'editor.css']`. */
  stylesheets: string[][];
  /** The static markup of the body (no data: that arrives by message). */
  body: string;
  /** Under dist/: e.g. `'editor.js'`. */
  script: string;
}

/** The page with a fresh nonce, the strict CSP, the codicons, its stylesheets and its one script. */
export function renderWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomUUID();
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const stylesheets = [['codicons', 'codicon.css'], ...page.stylesheets]
    .map((path) => `  <link rel="stylesheet" nonce="${nonce}" href="${uri('media', ...path)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${stylesheets}
  <title>${page.title}</title>
</head>
<body>
${page.body}
  <script nonce="${nonce}" src="${uri('dist', page.script)}"></script>
</body>
</html>`;
}

export function renderEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return renderWebviewPage(webview, extensionUri, { title: 'Edit account attributes', stylesheets: [['editor', 'editor.css']], script: 'editor.js', body: `  <header class="toolbar" aria-label="Editor actions">
    <h1 id="title" class="title">Loading account…</h1>
    <div class="toolbar-actions">
      <label class="mode-toggle"><input type="checkbox" id="put-mode"> Replace all (PUT)</label>
      <button type="button" id="reload" data-focus="reload" class="secondary" aria-label="Reload the account from ISC, discarding edits"><span class="codicon codicon-refresh" aria-hidden="true"></span> Reload</button>
      <button type="button" id="apply" data-focus="apply" aria-describedby="apply-hint"><span class="codicon codicon-check" aria-hidden="true"></span> Apply</button>
    </div>
  </header>
  <p id="apply-hint" class="hint"></p>
  <div id="banners"></div>
  <div role="status" aria-live="polite" id="live" class="visually-hidden"></div>
  <main class="layout">
    <form id="form" class="form" novalidate aria-label="Account attributes"></form>
    <aside class="preview" aria-label="What Apply will send">
      <h2 id="diff-heading">Changes</h2>
      <ul id="diff" class="diff" aria-labelledby="diff-heading"></ul>
      <h2 id="payload-heading">Request body</h2>
      <div id="payload" class="payload" aria-labelledby="payload-heading"></div>
    </aside>
  </main>` });
}
