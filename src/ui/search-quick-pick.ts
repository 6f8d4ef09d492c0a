// The quick pick behind `Ui.search`: it searches the server as the user types, and shows the
// server's matches as they are (VS Code's own filter would hide some).
import * as vscode from 'vscode';
import type { PickItem, SearchRequest } from './prompt-types';

export function searchInQuickPick<T>(request: SearchRequest<T>): Promise<PickItem<T> | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    quickPick.title = request.title;
    quickPick.placeholder = request.placeHolder;
    quickPick.ignoreFocusOut = true;
    let timer: NodeJS.Timeout | undefined;
    let running: AbortController | undefined;
    let settled = false;
    const finish = (item: PickItem<T> | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running?.abort();
      resolve(item);
      quickPick.dispose();
    };
    const run = (text: string) => {
      running?.abort();
      const controller = new AbortController();
      running = controller;
      quickPick.busy = true;
      request.search(text, controller.signal).then(
        (items) => {
          if (controller.signal.aborted) return;
          // The server already matched; VS Code's own filter must not hide its answers.
          quickPick.items = items.map((item) => ({ ...item, alwaysShow: true }));
          quickPick.busy = false;
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          quickPick.busy = false;
          const message = error instanceof Error ? error.message : String(error);
          quickPick.items = [{ label: '$(error) Search failed', detail: message, value: undefined as T, alwaysShow: true }];
        },
      );
    };
    quickPick.onDidChangeValue((text) => {
      clearTimeout(timer);
      timer = setTimeout(() => run(text), request.debounceMs ?? 300);
    });
    quickPick.onDidAccept(() => {
      const chosen = quickPick.selectedItems[0];
      if (chosen && chosen.value !== undefined) finish(chosen);
    });
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
    run('');
  });
}
