// What every tree node offers. Each node type knows its own TreeItem and children; the
// provider only delegates (see provider.ts).
import type * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import type { IdentityPins } from './identity-pins';

export interface ExplorerNode {
  /** Built from the path (`tenant/<t>/source/<s>/account/<a>`) so state survives refreshes. */
  readonly id: string;
  readonly parent: ExplorerNode | undefined;
  getTreeItem(): vscode.TreeItem;
  getChildren(): Promise<ExplorerNode[]>;
  /** A tooltip too costly to keep on every item, built on hover (resolveTreeItem). */
  resolveTooltip?(): Promise<vscode.MarkdownString>;
  /** Forgets loaded children so the next expand fetches them again. */
  reset?(): void;
}

/** What nodes need from the extension, kept small so nodes stay easy to test and read. */
export interface TreeServices {
  client(tenantId: string): Promise<IscApi>;
  pageSize(): number;
  /** Redraws the node (and, if expanded, asks its children again). */
  changed(node: ExplorerNode): void;
  /** Where pinned identities are kept across window reloads (none: they last the session). */
  identityPins?: IdentityPins;
}
