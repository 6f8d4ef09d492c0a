// A source: its accounts a page at a time (the first page is one request that also asks for
// the total), with the user's filter and sort, and a "Load more" row (paged-node.ts).
import * as vscode from 'vscode';
import type { ListAccountsOptions } from '../isc/api';
import type { Source } from '../isc/models';
import type { AccountRow } from './account-row';
import { isFlatFileSource } from '../isc/source-kind';
import { AccountListNode } from './account-list-node';
import type { ExplorerNode, TreeServices } from './node';
import type { FetchedPage, PageRequest } from './paged-list';
import {
  sourceAccountsFilter,
  sourceContextValue,
  sourceDescription,
  sourceIcon,
} from './source-presentation';

/** What a source node needs from the tenant above it. */
export interface SourceParent extends ExplorerNode {
  readonly tenantId: string;
  readonly tenantLabel: string;
}

export class SourceNode extends AccountListNode {
  readonly id: string;
  private filterText: string | undefined;
  private sortText: string | undefined;
  /** All accounts of the source, from the background count or an unfiltered first page. */
  private totalAll: number | undefined;
  private counting = false;
  private shownDescription: string | undefined;

  constructor(
    readonly parent: SourceParent,
    private current: Source,
    services: TreeServices,
  ) {
    super(services, 'accounts');
    this.id = `${parent.id}/source/${current.id}`;
  }

  get source(): Source {
    return this.current;
  }
  get sourceId(): string {
    return this.current.id ?? '';
  }
  get tenantId(): string {
    return this.parent.tenantId;
  }
  get tenantLabel(): string {
    return this.parent.tenantLabel;
  }
  get flatFile(): boolean {
    return isFlatFileSource(this.current);
  }
  /** Every account listed here is this source's. */
  sourceOf(): Source {
    return this.current;
  }
  get mixesSources(): boolean {
    return false;
  }
  get filter(): string | undefined {
    return this.filterText;
  }
  get sorters(): string | undefined {
    return this.sortText;
  }
  get totalCount(): number | undefined {
    return this.totalAll;
  }

  update(source: Source): void {
    this.current = source;
  }

  /** The background count's answer (or that it is under way). */
  setCount(total: number | undefined, counting: boolean): void {
    if (total !== undefined) this.totalAll = total;
    this.counting = counting;
    this.services.changed(this);
  }

  /** The tenant is refreshed: the next count is asked again. */
  forgetCount(): void {
    this.totalAll = undefined;
    this.counting = false;
  }

  setFilter(filter: string | undefined): void {
    this.filterText = filter?.trim() || undefined;
    this.reset();
    this.services.changed(this);
  }

  setSorters(sorters: string | undefined): void {
    this.sortText = sorters || undefined;
    this.reset();
    this.services.changed(this);
  }

  private describe(): string {
    const matching = this.filterText && this.pages.isLoaded ? this.pages.total : undefined;
    return sourceDescription(this.current, this.filterText, { total: this.totalAll, matching, counting: this.counting });
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.current.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = sourceContextValue(this.current, this.filterText !== undefined);
    item.description = this.describe();
    this.shownDescription = item.description;
    const tooltip = new vscode.MarkdownString();
    const rows: Array<[string, string | undefined]> = [
      ['Source', this.current.name],
      ['Connector', this.current.connectorName ?? this.current.type ?? this.current.connector],
      ['Authoritative', this.current.authoritative ? 'yes' : undefined],
      ['Filter', this.filterText],
      ['Sort', this.sortText],
      ['Id', this.current.id],
    ];
    for (const [label, value] of rows) {
      if (value) tooltip.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
    }
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(sourceIcon(this.current));
    return item;
  }

  protected pageQuery(): ListAccountsOptions {
    return { filters: sourceAccountsFilter(this.sourceId, this.filterText), sorters: this.sortText };
  }

  protected override listed({ count }: PageRequest, page: FetchedPage<AccountRow>): void {
    if (count && page.totalCount !== undefined && !this.filterText) this.totalAll = page.totalCount;
  }

  protected override afterLoad(): void {
    super.afterLoad();
    // The first page's count can change this row's description: redraw the row once.
    if (this.describe() !== this.shownDescription) setTimeout(() => this.services.changed(this), 0);
  }

  protected emptyLabel(): string {
    return this.filterText ? `No accounts match filter ${this.filterText}` : 'No accounts in this source';
  }
}
