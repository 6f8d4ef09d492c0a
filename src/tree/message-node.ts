// A row that says something instead of listing data: a failed level (click to retry), or an
// empty one. It keeps the tree from ever being a silent empty list.
import * as vscode from 'vscode';
import { errorMessage, errorSummary } from '../ui/error-text';
import type { ExplorerNode } from './node';

export type MessageKind = 'error' | 'empty';

export class MessageNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly parent: ExplorerNode,
    readonly kind: MessageKind,
    readonly label: string,
    private readonly options: { tooltip?: string; retry?: vscode.Command; slot?: string } = {},
  ) {
    this.id = `${parent.id}/${options.slot ?? kind}`;
  }

  /** "Could not load accounts: <server message> — click to retry", retrying through `retry`. */
  static error(parent: ExplorerNode, what: string, error: unknown, retry: vscode.Command, slot?: string): MessageNode {
    return new MessageNode(parent, 'error', `Could not load ${what}: ${errorSummary(error)} — click to retry`, {
      tooltip: errorMessage(error),
      retry,
      slot,
    });
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = this.kind;
    item.tooltip = this.options.tooltip ?? this.label;
    item.iconPath =
      this.kind === 'error'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
        : new vscode.ThemeIcon('info');
    item.command = this.options.retry;
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
