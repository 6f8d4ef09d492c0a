// Every dialog a page tried to open. Webviews are sandboxed iframes without allow-modals, so
// an alert() there never becomes a dialog: Chromium ignores it and says so on the console.
// Watching only the page's 'dialog' event would therefore see nothing, whatever ran.
import type { VsCodeInBrowser } from './vscode-browser';

export interface DialogWatch {
  /** Dialogs shown (and dismissed), then calls the webview sandbox ignored. */
  attempts(): string[];
}

export function watchDialogs(vscode: VsCodeInBrowser): DialogWatch {
  const shown: string[] = [];
  vscode.page.on('dialog', (dialog) => {
    shown.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    attempts: () => [
      ...shown,
      ...vscode
        .logs()
        .filter((entry) => /Ignored call to '(alert|confirm|prompt|print)\(\)'/.test(entry.text))
        .map((entry) => entry.text),
    ],
  };
}
