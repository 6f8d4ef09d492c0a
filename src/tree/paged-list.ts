// A list fetched a page at a time: the first page asks for the total (one request), later
// pages do not. Shared by a source's accounts and an account's entitlements; no vscode here.

export interface FetchedPage<T> {
  items: T[];
  totalCount?: number;
}

export interface PageRequest {
  offset: number;
  limit: number;
  /** Ask for the total (X-Total-Count): the first page only. */
  count: boolean;
}

export type PageFetcher<T> = (request: PageRequest) => Promise<FetchedPage<T>>;

export class PagedList<T> {
  private loadedItems: T[] = [];
  private knownTotal: number | undefined;
  private lastPageFull = false;
  private started = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly pageSize: () => number,
  ) {}

  get items(): readonly T[] {
    return this.loadedItems;
  }

  /** From X-Total-Count; undefined when the server did not say. */
  get total(): number | undefined {
    return this.knownTotal;
  }

  get isLoaded(): boolean {
    return this.started && this.inFlight === undefined;
  }

  get hasMore(): boolean {
    if (!this.started) return false;
    if (this.knownTotal !== undefined) return this.loadedItems.length < this.knownTotal;
    return this.lastPageFull;
  }

  /** Loads the first page unless it is loaded or loading. */
  ensureLoaded(): Promise<void> {
    if (this.started && !this.inFlight) return Promise.resolve();
    return this.inFlight ?? this.track(this.loadFirst());
  }

  /** Appends the next page; a second call while one is loading joins it. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.started) return this.ensureLoaded();
    return this.track(this.appendPage());
  }

  /** Fetches again as many items as are loaded (after a bulk change), keeping the user's place. */
  reloadLoaded(): Promise<void> {
    const wanted = Math.max(this.loadedItems.length, 1);
    return this.track(this.refetch(wanted));
  }

  /** Forgets everything; the next `ensureLoaded` starts over. */
  reset(): void {
    this.loadedItems = [];
    this.knownTotal = undefined;
    this.lastPageFull = false;
    this.started = false;
    this.inFlight = undefined;
  }

  /** Drops one item locally (it was deleted) without a request. */
  removeWhere(predicate: (item: T) => boolean): void {
    const before = this.loadedItems.length;
    this.loadedItems = this.loadedItems.filter((item) => !predicate(item));
    const removed = before - this.loadedItems.length;
    if (this.knownTotal !== undefined) this.knownTotal = Math.max(0, this.knownTotal - removed);
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.finally(() => {
      if (this.inFlight === tracked) this.inFlight = undefined;
    });
    this.inFlight = tracked;
    return tracked;
  }

  private async loadFirst(): Promise<void> {
    this.started = true;
    try {
      const limit = this.pageSize();
      const page = await this.fetchPage({ offset: 0, limit, count: true });
      this.loadedItems = page.items;
      this.knownTotal = page.totalCount;
      this.lastPageFull = page.items.length >= limit;
    } catch (error) {
      this.started = false;
      throw error;
    }
  }

  private async appendPage(): Promise<void> {
    const limit = this.pageSize();
    const page = await this.fetchPage({ offset: this.loadedItems.length, limit, count: false });
    this.loadedItems = [...this.loadedItems, ...page.items];
    this.lastPageFull = page.items.length >= limit;
    // Without a total, a short page is the end; with one, an empty page means the total shrank.
    if (this.knownTotal !== undefined && page.items.length === 0) this.knownTotal = this.loadedItems.length;
  }

  private async refetch(wanted: number): Promise<void> {
    const limit = this.pageSize();
    const items: T[] = [];
    let total: number | undefined;
    let full = false;
    for (let offset = 0; offset < wanted; offset += limit) {
      const page = await this.fetchPage({ offset, limit, count: offset === 0 });
      if (offset === 0) total = page.totalCount;
      items.push(...page.items);
      full = page.items.length >= limit;
      if (!full) break;
    }
    this.started = true;
    this.loadedItems = items;
    this.knownTotal = total;
    this.lastPageFull = full;
  }
}
