// What every row of the Activity view offers. Each node type knows its own TreeItem and
// children; the provider only delegates (as in src/tree/node.ts for the explorer).
import type * as vscode from 'vscode';
import type { ItemRef } from '../journal/journal-store';

export interface ActivityNode {
  /** `activity/<tenant>/<entry>[/<item>]`: stable, so expansion survives updates. */
  readonly id: string;
  readonly parent: ActivityNode | undefined;
  getTreeItem(): vscode.TreeItem;
  getChildren(): ActivityNode[];
}

/** What rows need to know beyond their own entry. */
export interface ActivityRowServices {
  isChecking(ref: ItemRef): boolean;
  tenantLabel(tenantId: string): string;
}
