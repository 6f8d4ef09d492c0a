// An identity pinned above its tenant's sources: all of its accounts, whatever their source,
// from one filtered request (`identityId eq "…"`) paged like a source's. Its rows are ordinary
// account rows (same menus, same actions) that name their source; the identity's own row
// offers the IDN toggle that fits its IDN account's state.
import * as vscode from 'vscode';
import type { ListAccountsOptions } from '../isc/api';
import { accountFilter } from '../isc/filters';
import type { Account, Source } from '../isc/models';
import { AccountListNode } from './account-list-node';
import type { AccountNode } from './account-node';
import { identityContextValue, identityDescription, type IdentityView } from './identity-presentation';
import type { ExplorerNode, TreeServices } from './node';

/** What an identity node needs from the tenant above it. */
export interface IdentityParent extends ExplorerNode {
  readonly tenantId: string;
  /** The tenant's sources (fetched once if the tenant was never expanded). */
  loadSources(): Promise<readonly Source[]>;
  sourceById(sourceId: string): Source | undefined;
}

export class IdentityNode extends AccountListNode {
  readonly id: string;
  private shownName: string;
  /** What the row showed last, to redraw it when loading its accounts changed that. */
  private shownRow: string | undefined;

  constructor(
    readonly parent: IdentityParent,
    readonly identityId: string,
    name: string | undefined,
    services: TreeServices,
  ) {
    super(services, 'accounts');
    this.id = `${parent.id}/identity/${identityId}`;
    this.shownName = name || identityId;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }
  get mixesSources(): boolean {
    return true;
  }
  get isLoaded(): boolean {
    return this.pages.isLoaded;
  }
  /** The identity's name: as opened, or as its accounts say once they are loaded. */
  get name(): string {
    return this.shownName;
  }

  sourceOf(account: Account): Source | undefined {
    return this.parent.sourceById(account.sourceId);
  }

  /** The identity's IDN account row, once its accounts are loaded. */
  idnAccount(): AccountNode | undefined {
    return this.loadedAccounts().find((node) => node.idn);
  }

  private view(): IdentityView {
    const idn = this.idnAccount();
    return {
      name: this.shownName,
      loaded: this.pages.isLoaded,
      accounts: this.pages.total ?? this.pages.items.length,
      sources: new Set(this.pages.items.map((account) => account.sourceId)).size,
      idn: idn && { disabled: idn.row.disabled, pending: idn.pending },
    };
  }

  private rowSignature(view: IdentityView): string {
    return [view.name, identityContextValue(view), identityDescription(view)].join('|');
  }

  getTreeItem(): vscode.TreeItem {
    const view = this.view();
    this.shownRow = this.rowSignature(view);
    // Expanded from the start: its accounts, and so the IDN toggle that fits, load at once.
    const item = new vscode.TreeItem(this.shownName, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.contextValue = identityContextValue(view);
    item.description = identityDescription(view);
    item.iconPath = new vscode.ThemeIcon('person');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**Identity:** ').appendText(this.shownName).appendMarkdown('  \n');
    tooltip.appendMarkdown('**Id:** ').appendText(this.identityId).appendMarkdown('  \n');
    tooltip.appendMarkdown('**Accounts:** ').appendText(view.loaded ? identityDescription(view) : 'not loaded yet');
    item.tooltip = tooltip;
    return item;
  }

  protected async pageQuery(): Promise<ListAccountsOptions> {
    // Rows take their flat-file-ness and IDN mark from their source, which the tenant lists.
    await this.parent.loadSources();
    return { filters: accountFilter.eq('identityId', this.identityId), sorters: 'source.displayableName,name' };
  }

  protected override afterLoad(): void {
    super.afterLoad();
    const named = this.pages.items.find((account) => account.identity?.name)?.identity?.name;
    if (named) this.shownName = named;
    // Its name, count and IDN state come with the accounts: redraw the row once when they change it.
    if (this.rowSignature(this.view()) !== this.shownRow) setTimeout(() => this.services.changed(this), 0);
  }

  protected emptyLabel(): string {
    return 'No accounts of this identity';
  }
}
