// The quick pick behind `Ui.completingInput`: VS Code's InputBox offers no completions, so the
// text is typed in a quick pick whose items are the offers for that text. Taking an offer puts
// its text in the box; Enter on the first row accepts the typed text, only when it is valid.
import * as vscode from 'vscode';
import type { CompletingInputRequest } from './prompt-types';

interface Row extends vscode.QuickPickItem {
  /** The text an offer puts in the box; none on the first row, which accepts what is typed. */
  text?: string;
}

/** The first row: accept what is typed, or why that cannot be done (a quick pick has no validation message). */
function acceptRow(text: string, problem: string | undefined): Row {
  if (problem) return { label: `$(error) ${problem}`, detail: 'Fix the text to apply it, or take a suggestion below.', alwaysShow: true };
  return { label: '$(check) Apply', description: text.trim() || '(empty: no filter)', alwaysShow: true };
}

export function completeInQuickPick(request: CompletingInputRequest): Promise<string | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<Row>();
    quickPick.title = request.title;
    quickPick.placeholder = request.placeHolder;
    quickPick.ignoreFocusOut = true;
    quickPick.value = request.value ?? '';
    let settled = false;
    const finish = (text: string | undefined) => {
      if (settled) return;
      settled = true;
      resolve(text);
      quickPick.dispose();
    };
    const refresh = () => {
      const text = quickPick.value;
      const offers = request.complete(text).map((offer): Row => ({ label: offer.label, description: offer.description, text: offer.text, alwaysShow: true }));
      quickPick.items = [acceptRow(text, request.validate(text)), ...offers];
    };
    quickPick.onDidChangeValue(refresh);
    quickPick.onDidAccept(() => {
      const chosen = quickPick.activeItems[0];
      if (chosen?.text !== undefined) {
        quickPick.value = chosen.text;
        refresh();
        return;
      }
      if (!request.validate(quickPick.value)) finish(quickPick.value);
    });
    quickPick.onDidHide(() => finish(undefined));
    refresh();
    quickPick.show();
  });
}
