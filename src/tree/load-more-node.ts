// "Loaded 250 of 25,000 — load 250 more": the last row of a paged list.
import * as vscode from 'vscode';
import type { ExplorerNode } from './node';
import { loadMoreLabel } from './source-presentation';

export class LoadMoreNode implements ExplorerNode {
  readonly id: string;

  constructor(
    /** The paged node whose list this row extends; Load More is called on it. */
    readonly parent: ExplorerNode,
    private readonly loaded: number,
    private readonly total: number | undefined,
    private readonly pageSize: number,
  ) {
    this.id = `${parent.id}/more`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(loadMoreLabel(this.loaded, this.total, this.pageSize));
    item.id = this.id;
    item.contextValue = 'loadMore';
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.command = { command: 'iscAccounts.loadMore', title: 'Load More', arguments: [this.parent] };
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
