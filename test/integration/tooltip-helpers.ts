// An account row's tooltip is resolved on hover (resolveTreeItem): tests ask the extension's own
// tree provider for it, as VS Code does, and read its text.
import type * as vscode from 'vscode';
import type { IscAccountsApi } from '../../src/extension';
import { item, type ExplorerNode } from './explorer-helpers';

export async function resolvedTooltip(api: IscAccountsApi, node: ExplorerNode): Promise<string> {
  const resolved = await api.explorer.resolveTreeItem(item(node), node);
  const tooltip = resolved.tooltip as vscode.MarkdownString | string | undefined;
  return (typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '')).replace(/&nbsp;/g, ' ');
}
