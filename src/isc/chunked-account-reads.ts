// Reading many accounts just before they are changed, a chunk at a time: one list request
// `id in ("…","…")` per chunk instead of one GET per account. The chunk is read when its first
// account is asked for, so each account's "before" is as fresh as its turn. An account the
// answer leaves out (deleted since), or whose chunk could not be read, gets no before: its
// change reads it itself. No vscode here.
import type { IscApi } from './api';
import { accountFilter } from './filters';
import type { Account } from './models';

/** Ids per list request: a page holds 250, but 50 ids keep the filter (the URL) near 2 KB. */
export const READ_CHUNK = 50;

export class ChunkedAccountReads {
  private readonly chunks = new Map<number, Promise<Map<string, Account>>>();
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly client: Pick<IscApi, 'listAccounts'>,
    private readonly ids: readonly string[],
    private readonly chunkSize = READ_CHUNK,
  ) {
    ids.forEach((id, position) => this.positions.set(id, position));
  }

  /** The account as read with its chunk; undefined when the answer did not include it. */
  async before(accountId: string, signal?: AbortSignal): Promise<Account | undefined> {
    const position = this.positions.get(accountId);
    if (position === undefined) return undefined;
    try {
      return (await this.chunk(Math.floor(position / this.chunkSize), signal)).get(accountId);
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined; // the change reads the account itself
    }
  }

  private chunk(index: number, signal?: AbortSignal): Promise<Map<string, Account>> {
    let chunk = this.chunks.get(index);
    if (!chunk) {
      const ids = this.ids.slice(index * this.chunkSize, (index + 1) * this.chunkSize);
      chunk = this.client
        .listAccounts({ filters: accountFilter.in('id', ids), limit: ids.length, signal })
        .then((page) => new Map(page.items.filter((account) => account.id !== undefined).map((account) => [account.id as string, account])));
      // A failed or cancelled read is not kept: the next account of the chunk tries again.
      chunk.catch(() => this.chunks.delete(index));
      this.chunks.set(index, chunk);
    }
    return chunk;
  }
}
