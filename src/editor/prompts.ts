// The editor's questions to the user, as modal dialogs. Kept behind one replaceable object
// so integration tests in the real VS Code can answer them (a modal cannot be clicked there).
import * as vscode from 'vscode';

export type StaleAnswer = 'apply-anyway' | 'reload' | 'cancel';
export type ClosedWithEditsAnswer = 'reopen' | 'discard';

export interface EditorPrompts {
  confirmApply(accountName: string, summary: string, mode: 'patch' | 'put'): Promise<boolean>;
  accountChangedOnServer(accountName: string, loaded: string | null, current: string | null): Promise<StaleAnswer>;
  confirmDiscardEdits(accountName: string): Promise<boolean>;
  closedWithEdits(accountName: string, changeCount: number): Promise<ClosedWithEditsAnswer>;
}

const vscodePrompts: EditorPrompts = {
  async confirmApply(accountName, summary, mode) {
    const detail =
      mode === 'put'
        ? 'Replace all (PUT) states every attribute: attributes not in the body are removed from the account.'
        : 'Only the operations shown in the preview are sent.';
    const apply = 'Apply';
    const answer = await vscode.window.showWarningMessage(`Apply ${summary} to "${accountName}"?`, { modal: true, detail }, apply);
    return answer === apply;
  },

  async accountChangedOnServer(accountName, loaded, current) {
    const applyAnyway = 'Apply Anyway';
    const reload = 'Reload';
    const answer = await vscode.window.showWarningMessage(
      `"${accountName}" changed on the server since it was loaded.`,
      {
        modal: true,
        detail:
          `Loaded version: ${loaded ?? 'unknown'}\nServer version now: ${current ?? 'unknown'}\n\n` +
          'Apply Anyway sends your edits over the newer version. Reload shows the newer version and discards your edits.',
      },
      applyAnyway,
      reload,
    );
    return answer === applyAnyway ? 'apply-anyway' : answer === reload ? 'reload' : 'cancel';
  },

  async confirmDiscardEdits(accountName) {
    const discard = 'Discard and Reload';
    const answer = await vscode.window.showWarningMessage(
      `Discard your unapplied edits to "${accountName}"?`,
      { modal: true, detail: 'The account is fetched again from ISC and the form starts over.' },
      discard,
    );
    return answer === discard;
  },

  async closedWithEdits(accountName, changeCount) {
    const reopen = 'Reopen with My Edits';
    const discard = 'Discard Edits';
    const edits = changeCount === 1 ? '1 unapplied change' : `${changeCount} unapplied changes`;
    const answer = await vscode.window.showWarningMessage(
      `The attribute editor for "${accountName}" was closed with ${edits}.`,
      { modal: true, detail: 'Reopen it to keep working on them, or discard them. Cancel reopens too: nothing is lost by accident.' },
      reopen,
      discard,
    );
    return answer === discard ? 'discard' : 'reopen';
  },
};

/** The prompts in use; `answerEditorPromptsWith` swaps them for a test and gives back a restore. */
export const editorPrompts: { current: EditorPrompts } = { current: vscodePrompts };

export function answerEditorPromptsWith(prompts: EditorPrompts): () => void {
  const previous = editorPrompts.current;
  editorPrompts.current = prompts;
  return () => {
    editorPrompts.current = previous;
  };
}
