// npm start's first look. VS Code has no setting for the side bar's width, and its default
// (300 px) cuts the source rows; so the first time a profile is handed npm start's tenant, the
// explorer is shown and widened as a person would drag it. A user's own setup never gets here.
import * as vscode from 'vscode';

const WIDENED_KEY = 'iscAccounts.firstLook.widened';
/** VS Code moves the edge 60 px a step: 300 px becomes 480 px. */
const STEPS = 3;

export async function widenExplorerOnFirstLook(state: vscode.Memento, viewId: string): Promise<void> {
  if (state.get<boolean>(WIDENED_KEY)) return;
  await state.update(WIDENED_KEY, true);
  // Shown without taking the focus: set-up finishes after activation, by when the person may
  // already have the palette or a quick pick open, and moving the focus would close it.
  await vscode.commands.executeCommand(`${viewId}.open`, { preserveFocus: true });
  // Narrowing the editor part widens the side bar beside it, whatever has the focus.
  for (let step = 0; step < STEPS; step++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
}
