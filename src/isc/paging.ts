// Walking a collection page by page. The first page asks for the total; once it is known, the
// remaining pages are fetched a few at a time (bounded) but handed out strictly in order.
// Breaking out of the loop aborts whatever is still in flight.
import type { Page } from './api';

/** Fetches one page; `count` asks for X-Total-Count. */
export type PageFetcher<P> = (offset: number, limit: number, count: boolean, signal: AbortSignal) => Promise<P>;

/** What the walk reads of a page besides how many items it has. */
interface WalkedPage {
  limit: number;
  totalCount?: number;
}

export interface PageWalkOptions {
  startOffset: number;
  pageSize: number;
  concurrency: number;
  maxItems?: number;
  signal?: AbortSignal;
}

export function walkPages<T>(fetchPage: PageFetcher<Page<T>>, options: PageWalkOptions): AsyncGenerator<Page<T>> {
  return walkCountedPages(fetchPage, options, (page) => page.items.length);
}

/** walkPages for pages whose items are held in some other form: `countOf` says how many a page has. */
export async function* walkCountedPages<P extends WalkedPage>(fetchPage: PageFetcher<P>, options: PageWalkOptions, countOf: (page: P) => number): AsyncGenerator<P> {
  const { startOffset, pageSize } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const budget = options.maxItems ?? Number.POSITIVE_INFINITY;
  if (budget <= 0) return;
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const limitAt = (offset: number, end: number): number => Math.min(pageSize, end - offset);
  try {
    const first = await fetchPage(startOffset, limitAt(startOffset, startOffset + budget), true, controller.signal);
    const total = first.totalCount;
    let delivered = countOf(first);
    if (total === undefined || delivered >= budget) {
      yield first;
      if (delivered >= budget) return;
      // No total: one page after another until a short one.
      let last = first;
      for (let offset = startOffset + pageSize; countOf(last) >= last.limit && delivered < budget; offset += pageSize) {
        last = await fetchPage(offset, limitAt(offset, startOffset + budget), false, controller.signal);
        delivered += countOf(last);
        yield last;
      }
      return;
    }

    const end = Math.min(total, startOffset + budget);
    const offsets: number[] = [];
    for (let offset = startOffset + pageSize; offset < end; offset += pageSize) offsets.push(offset);
    const inFlight: Array<Promise<P>> = [];
    const launch = (): void => {
      const offset = offsets.shift();
      if (offset === undefined) return;
      const page = fetchPage(offset, limitAt(offset, end), false, controller.signal);
      // Awaited in order below; this only keeps a failure after a break from going unhandled.
      page.catch(() => undefined);
      inFlight.push(page);
    };
    // The next pages load while the consumer looks at the first.
    while (inFlight.length < concurrency && offsets.length > 0) launch();
    yield first;
    while (inFlight.length > 0) {
      const page = await (inFlight.shift() as Promise<P>);
      launch();
      yield { ...page, totalCount: total };
      // The collection shrank while we walked it: nothing more to find.
      if (countOf(page) === 0) return;
    }
  } finally {
    controller.abort();
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
