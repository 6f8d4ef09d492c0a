// A tenant's entries, when more than one tenant has some: the group row names the tenant (or
// says it was removed, when its entries were kept) and counts them.
import * as vscode from 'vscode';
import type { ActivityNode } from './activity-node';
import type { EntryNode } from './entry-node';

export class TenantGroupNode implements ActivityNode {
  readonly parent = undefined;
  readonly id: string;
  entries: EntryNode[] = [];

  constructor(
    readonly tenantId: string,
    private readonly label: () => string,
  ) {
    this.id = `activity/${tenantId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const row = new vscode.TreeItem(this.label(), vscode.TreeItemCollapsibleState.Expanded);
    row.id = this.id;
    row.contextValue = 'activity:tenant';
    row.description = `${this.entries.length} ${this.entries.length === 1 ? 'entry' : 'entries'}`;
    row.iconPath = new vscode.ThemeIcon('cloud');
    row.tooltip = `Activity of tenant ${this.label()}`;
    return row;
  }

  getChildren(): ActivityNode[] {
    return this.entries;
  }
}
