// A node whose children come a page at a time (a source's accounts, an account's
// entitlements). The paging itself is PagedList's (no vscode); this base turns it into rows:
// the loaded items, a row saying the list is empty, a "Load more" row, and a failed page as
// an inline error row whose click retries it. Subclasses say how a page is fetched and what
// a row is.
import type * as vscode from 'vscode';
import { LoadMoreNode } from './load-more-node';
import { MessageNode } from './message-node';
import type { ExplorerNode, TreeServices } from './node';
import { PagedList, type FetchedPage, type PageRequest } from './paged-list';

export abstract class PagedNode<T = unknown> implements ExplorerNode {
  abstract readonly id: string;
  abstract readonly parent: ExplorerNode;
  /** Made when first needed: thousands of account rows are never expanded. */
  private list: PagedList<T> | undefined;
  /** Why the last Load More failed; shown as a row in place of "Load more" until retried. */
  private moreError: unknown;

  constructor(
    protected readonly services: TreeServices,
    /** "accounts", "entitlements": as in "Could not load accounts". */
    private readonly itemsName: string,
  ) {}

  protected get pages(): PagedList<T> {
    this.list ??= new PagedList((request) => this.fetchPage(request), this.services.pageSize);
    return this.list;
  }

  abstract getTreeItem(): vscode.TreeItem;

  protected abstract fetchPage(request: PageRequest): Promise<FetchedPage<T>>;

  /** The row of one loaded item. */
  protected abstract childFor(item: T, index: number): ExplorerNode;

  /** What the row of an empty list says. */
  protected abstract emptyLabel(): string;

  /** Called whenever the children are listed after the first page loaded. */
  protected afterLoad(): void {}

  async getChildren(): Promise<ExplorerNode[]> {
    try {
      await this.pages.ensureLoaded();
    } catch (error) {
      return [MessageNode.error(this, this.itemsName, error, { command: 'iscAccounts.refresh', title: 'Retry', arguments: [this] })];
    }
    this.afterLoad();
    const nodes = this.pages.items.map((item, index) => this.childFor(item, index));
    if (nodes.length === 0) nodes.push(new MessageNode(this, 'empty', this.emptyLabel()));
    if (this.moreError !== undefined) {
      const retry = { command: 'iscAccounts.loadMore', title: 'Retry', arguments: [this] };
      nodes.push(MessageNode.error(this, `more ${this.itemsName}`, this.moreError, retry, 'more-error'));
    } else if (this.pages.hasMore) {
      nodes.push(new LoadMoreNode(this, this.pages.items.length, this.pages.total, this.services.pageSize()));
    }
    return nodes;
  }

  /** Appends the next page and redraws; a failure becomes the error row, not a popup. */
  async loadMore(): Promise<void> {
    this.moreError = undefined;
    try {
      await this.pages.loadMore();
    } catch (error) {
      this.moreError = error;
    }
    this.services.changed(this);
  }

  /** Fetches again the pages already shown, keeping the user's place. */
  protected reloadPages(): Promise<void> {
    this.moreError = undefined;
    return this.pages.reloadLoaded();
  }

  reset(): void {
    this.moreError = undefined;
    this.list?.reset();
  }
}
