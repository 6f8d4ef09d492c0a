// An account: its look comes from account-presentation.ts; its children are its
// entitlements, paged like a source's accounts (paged-node.ts).
import * as vscode from 'vscode';
import type { Account, Entitlement, Source } from '../isc/models';
import {
  accountContextValue,
  accountDescription,
  accountIcon,
  accountLabel,
  accountTooltipRows,
  type AccountView,
} from './account-presentation';
import { EntitlementNode } from './entitlement-node';
import type { ExplorerNode, TreeServices } from './node';
import type { FetchedPage, PageRequest } from './paged-list';
import { PagedNode } from './paged-node';

/**
 * What an account node, and the commands acting on it, need from the source above it
 * (a SourceNode; an interface, so that source-node.ts and this file do not import each other).
 */
export interface AccountParent extends ExplorerNode {
  readonly tenantId: string;
  readonly flatFile: boolean;
  readonly source: Source;
  /** Re-fetches the source's loaded pages (after an account was added or removed). */
  reloadInPlace(): Promise<void>;
}

/** A change in flight on an account: what it is ("Disable") and when it started. */
export interface PendingAction {
  label: string;
  started: Date;
}

export class AccountNode extends PagedNode<Entitlement> {
  readonly id: string;
  private pendingActions: PendingAction[] = [];
  private unconfirmed: string | undefined;
  private wrongAnswer: string | undefined;

  constructor(
    readonly parent: AccountParent,
    private current: Account,
    services: TreeServices,
  ) {
    super(services, 'entitlements');
    this.id = `${parent.id}/account/${current.id}`;
  }

  get account(): Account {
    return this.current;
  }
  get accountId(): string {
    return this.current.id ?? '';
  }
  get tenantId(): string {
    return this.parent.tenantId;
  }
  get flatFile(): boolean {
    return this.parent.flatFile;
  }
  get pending(): boolean {
    return this.pendingActions.length > 0;
  }
  /** The changes in flight on this account, oldest first. */
  get inFlight(): readonly PendingAction[] {
    return this.pendingActions;
  }
  get label(): string {
    return accountLabel(this.current);
  }

  /** New data from the server; redraws this row only (unless its parent is redrawing anyway). */
  update(account: Account, redraw = true): void {
    this.current = account;
    this.unconfirmed = undefined;
    this.wrongAnswer = undefined;
    if (redraw) this.services.changed(this);
  }

  /** Says on the row that the last change may have been applied (until the row is read again). */
  markUnconfirmed(text: string): void {
    this.unconfirmed = text;
    this.services.changed(this);
  }

  /** ISC answered this row's GET with another account: the row keeps its data and says so until read again. */
  markWrongAnswer(whatCame: string): void {
    this.wrongAnswer = whatCame;
    this.services.changed(this);
  }

  /** Marks an action in flight (icon and contextValue say pending) until `done` is called. */
  beginPending(label = 'A change'): () => void {
    const action: PendingAction = { label, started: new Date() };
    this.pendingActions = [...this.pendingActions, action];
    this.services.changed(this);
    return () => {
      if (!this.pendingActions.includes(action)) return;
      this.pendingActions = this.pendingActions.filter((other) => other !== action);
      this.services.changed(this);
    };
  }

  private view(): AccountView {
    return { account: this.current, flatFile: this.flatFile, pending: this.pending, unconfirmed: this.unconfirmed, wrongAnswer: this.wrongAnswer };
  }

  getTreeItem(): vscode.TreeItem {
    const view = this.view();
    const item = new vscode.TreeItem(
      this.label,
      this.current.hasEntitlements ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.contextValue = accountContextValue(view);
    item.description = accountDescription(view);
    const icon = accountIcon(view);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    const tooltip = new vscode.MarkdownString();
    for (const [label, value] of accountTooltipRows(view)) {
      tooltip.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
    }
    item.tooltip = tooltip;
    if (view.wrongAnswer) item.command = { command: 'iscAccounts.refresh', title: 'Refresh', arguments: [this] };
    item.accessibilityInformation = { label: `${this.label}, account, ${item.description}` };
    return item;
  }

  protected async fetchPage({ offset, limit, count }: PageRequest): Promise<FetchedPage<Entitlement>> {
    const client = await this.services.client(this.tenantId);
    return client.listAccountEntitlements(this.accountId, { offset, limit, count });
  }

  protected childFor(entitlement: Entitlement, index: number): ExplorerNode {
    return new EntitlementNode(this, entitlement, index);
  }

  protected emptyLabel(): string {
    return 'No entitlements';
  }

  /** The entitlements loaded so far (Show Entitlements lists them without another request). */
  async loadedEntitlements(): Promise<readonly Entitlement[]> {
    await this.pages.ensureLoaded();
    return this.pages.items;
  }
}
