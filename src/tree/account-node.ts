// An account: its look comes from account-presentation.ts; its children are its
// entitlements, paged like a source's accounts (paged-node.ts). The row keeps only what it
// shows (account-row.ts); the full account is read once, when something needs it.
import * as vscode from 'vscode';
import type { Account, Entitlement, Source } from '../isc/models';
import { isFlatFileSource, isIdentityNowSource } from '../isc/source-kind';
import {
  accountAttributeRows,
  accountContextValue,
  accountDescription,
  accountIcon,
  accountLabel,
  accountTooltipRows,
  type AccountView,
} from './account-presentation';
import { accountRow, type AccountRow } from './account-row';
import { EntitlementNode } from './entitlement-node';
import { FullAccount, readFullAccount, tooltipDetail } from './full-account';
import type { ExplorerNode, TreeServices } from './node';
import type { FetchedPage, PageRequest } from './paged-list';
import { PagedNode } from './paged-node';

/**
 * What an account node, and the commands acting on it, need from the list above it: a
 * SourceNode, or an IdentityNode listing one identity's accounts across sources (an interface,
 * so that those files and this one do not import each other).
 */
export interface AccountParent extends ExplorerNode {
  readonly tenantId: string;
  /** The source of an account in this list (a source node's own; an identity's, as the tenant lists it). */
  sourceOf(account: AccountRow): Source | undefined;
  /** The list mixes sources, so each row names its own. */
  readonly mixesSources: boolean;
  /** Re-fetches the list's loaded pages (after an account was added or removed). */
  reloadInPlace(): Promise<void>;
}

/** A change in flight on an account: what it is ("Disable") and when it started. */
export interface PendingAction {
  label: string;
  started: Date;
}

/** Shared by every row with nothing in flight (the list is replaced, never changed in place). */
const NONE_PENDING: readonly PendingAction[] = [];

export class AccountNode extends PagedNode<Entitlement> {
  private pendingActions: readonly PendingAction[] = NONE_PENDING;
  private unconfirmed: string | undefined;
  private wrongAnswer: string | undefined;
  /** The full account, made when something first asks for it; dropped when the row gets new data. */
  private full: FullAccount | undefined;

  constructor(
    readonly parent: AccountParent,
    private current: AccountRow,
    services: TreeServices,
  ) {
    super(services, 'entitlements');
  }

  /** Made when asked, not kept: a kept id string would cost about 100 bytes on each of thousands of rows. */
  get id(): string {
    return `${this.parent.id}/account/${this.current.id}`;
  }

  /** What the row shows (no attributes: see fullAccount). */
  get row(): AccountRow {
    return this.current;
  }
  get accountId(): string {
    return this.current.id ?? '';
  }
  get tenantId(): string {
    return this.parent.tenantId;
  }
  /** The account's own source, as the tree knows it. */
  get source(): Source | undefined {
    return this.parent.sourceOf(this.current);
  }
  get flatFile(): boolean {
    const source = this.source;
    return source !== undefined && isFlatFileSource(source);
  }
  /** The account is an identity's IDN account (it belongs to the IdentityNow source). */
  get idn(): boolean {
    const source = this.source;
    return source !== undefined && isIdentityNowSource(source);
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

  /** New data from a listing; redraws this row only (unless its parent is redrawing anyway). */
  update(row: AccountRow, redraw = true): void {
    this.current = row;
    this.full = undefined;
    this.unconfirmed = undefined;
    this.wrongAnswer = undefined;
    if (redraw) this.services.changed(this);
  }

  /** The account as just read by id: the row shows it and keeps it as the full account. */
  updateRead(account: Account): void {
    this.update(accountRow(account));
    this.fullReader().took(account);
  }

  /**
   * The full account, read once (GET /accounts/{id}) when the tooltip or an action needs
   * attributes; `fresh` reads it again. A failed read is not kept: the next ask
   * reads again.
   */
  fullAccount(fresh = false): Promise<Account> {
    return this.fullReader().get(fresh);
  }

  private fullReader(): FullAccount {
    this.full ??= new FullAccount(async () => readFullAccount(await this.services.client(this.tenantId), this.accountId));
    return this.full;
  }

  /** The tooltip, resolved on hover: what the row knows plus the full account, or why it could not be read. */
  async resolveTooltip(): Promise<vscode.MarkdownString> {
    const detail = await tooltipDetail(this.fullReader());
    const tooltip = new vscode.MarkdownString();
    for (const [label, value] of accountTooltipRows(this.view(), detail)) {
      tooltip.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
    }
    if (detail.full) {
      const { rows, total } = accountAttributeRows(detail.full);
      tooltip.appendMarkdown(`\n**Attributes** (${total}${total > rows.length ? `, the first ${rows.length}` : ''}):  \n`);
      for (const [name, value] of rows) tooltip.appendText(`${name}: `).appendText(value).appendMarkdown('  \n');
    }
    return tooltip;
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
    const sourceLabel = this.parent.mixesSources ? this.source?.name ?? this.current.sourceName ?? this.current.sourceId : undefined;
    return { account: this.current, flatFile: this.flatFile, idn: this.idn, sourceLabel, pending: this.pending, unconfirmed: this.unconfirmed, wrongAnswer: this.wrongAnswer };
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
    // The tooltip comes from resolveTooltip on hover: kept on every item, it would cost memory per row.
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
