// The bulk attribute editor's tab. Placeholder until the panel is built: the command layer
// opens it through this one function.
import type * as vscode from 'vscode';
import type { BulkEditSession } from './bulk-session';

export interface BulkPanelHost {
  extensionUri: vscode.Uri;
}

/** Opens a tab showing the session; resolves once the tab is shown. */
export async function openBulkEditPanel(_host: BulkPanelHost, _session: BulkEditSession): Promise<void> {
  throw new Error('The bulk attribute editor is not built yet.');
}
