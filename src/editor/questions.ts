// The editor's questions to the user, as modal dialogs. They go through the extension's one
// `Ui`, so tests in the real VS Code answer them like any command's (a modal cannot be
// clicked there) and find them in its transcript.
import type { Ui } from '../ui/prompts';

export type StaleAnswer = 'apply-anyway' | 'reload' | 'cancel';
export type ClosedWithEditsAnswer = 'reopen' | 'discard';

export async function confirmApply(ui: Ui, accountName: string, summary: string, mode: 'patch' | 'put'): Promise<boolean> {
  const detail =
    mode === 'put'
      ? 'Replace all (PUT) states every attribute: attributes not in the body are removed from the account.'
      : 'Only the operations shown in the preview are sent.';
  return ui.confirm({ message: `Apply ${summary} to "${accountName}"?`, detail, confirm: 'Apply' });
}

export async function accountChangedOnServer(ui: Ui, accountName: string, loaded: string | null, current: string | null): Promise<StaleAnswer> {
  const applyAnyway = 'Apply Anyway';
  const reload = 'Reload';
  const answer = await ui.choose({
    message: `"${accountName}" changed on the server since it was loaded.`,
    detail:
      `Loaded version: ${loaded ?? 'unknown'}\nServer version now: ${current ?? 'unknown'}\n\n` +
      'Apply Anyway sends your edits over the newer version. Reload shows the newer version and discards your edits.',
    choices: [applyAnyway, reload],
  });
  return answer === applyAnyway ? 'apply-anyway' : answer === reload ? 'reload' : 'cancel';
}

export async function confirmDiscardEdits(ui: Ui, accountName: string): Promise<boolean> {
  return ui.confirm({
    message: `Discard your unapplied edits to "${accountName}"?`,
    detail: 'The account is fetched again from ISC and the form starts over.',
    confirm: 'Discard and Reload',
  });
}

export async function closedWithEdits(ui: Ui, accountName: string, changeCount: number): Promise<ClosedWithEditsAnswer> {
  const discard = 'Discard Edits';
  const edits = changeCount === 1 ? '1 unapplied change' : `${changeCount} unapplied changes`;
  const answer = await ui.choose({
    message: `The attribute editor for "${accountName}" was closed with ${edits}.`,
    detail: 'Reopen it to keep working on them, or discard them. Cancel reopens too: nothing is lost by accident.',
    choices: ['Reopen with My Edits', discard],
  });
  return answer === discard ? 'discard' : 'reopen';
}
