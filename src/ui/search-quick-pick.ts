// The quick pick behind `Ui.search`: it searches the server as the user types (timing in
// typed-search.ts), and shows the server's matches as they are (VS Code's own filter would
// hide some). A row's action buttons choose it with that action's value.
import * as vscode from 'vscode';
import type { PickItem, SearchItem, SearchRequest } from './prompt-types';
import { TypedSearch } from './typed-search';

type ShownItem<T> = SearchItem<T> & vscode.QuickPickItem;

export function searchInQuickPick<T>(request: SearchRequest<T>): Promise<PickItem<T> | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<ShownItem<T>>();
    quickPick.title = request.title;
    quickPick.placeholder = request.placeHolder;
    quickPick.ignoreFocusOut = true;
    const search = new TypedSearch<SearchItem<T>[]>(
      request.search,
      {
        busy: (on) => (quickPick.busy = on),
        show: (items) => {
          // The server already matched; VS Code's own filter must not hide its answers.
          quickPick.items = items.map((item) => ({
            ...item,
            alwaysShow: true,
            buttons: item.actions?.map((action) => ({ iconPath: new vscode.ThemeIcon(action.icon), tooltip: action.tooltip })),
          }));
        },
        fail: (error) => {
          const message = error instanceof Error ? error.message : String(error);
          quickPick.items = [{ label: '$(error) Search failed', detail: message, value: undefined as T, alwaysShow: true }];
        },
      },
      request.debounceMs ?? 300,
    );
    let settled = false;
    const finish = (item: PickItem<T> | undefined) => {
      if (settled) return;
      settled = true;
      search.stop();
      resolve(item);
      quickPick.dispose();
    };
    quickPick.onDidChangeValue((text) => search.typed(text));
    quickPick.onDidAccept(() => {
      // Rows answering older text are still shown while the newer search runs: Enter then
      // would choose what the person no longer asks for.
      if (!search.settled) return;
      const chosen = quickPick.selectedItems[0];
      if (chosen && chosen.value !== undefined) finish(chosen);
    });
    quickPick.onDidTriggerItemButton(({ item, button }) => {
      const action = item.actions?.find((candidate) => candidate.tooltip === button.tooltip);
      if (action) finish({ ...item, value: action.value });
    });
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
    search.now('');
  });
}
