// Accounts with the indexes listing needs: by id, per source and overall in id order (the
// default listing order, so a plain `sourceId eq "…"` page is a slice, not a sort), and by
// identity. Every change bumps a version per source, which list caches compare against.
import type { SandboxAccount } from './records';

export class AccountStore {
  private readonly byId = new Map<string, SandboxAccount>();
  private readonly bySource = new Map<string, SandboxAccount[]>();
  private readonly byIdentity = new Map<string, Set<SandboxAccount>>();
  private sorted: SandboxAccount[] = [];
  private readonly sourceVersions = new Map<string, number>();
  private globalVersion = 0;

  constructor(accounts: readonly SandboxAccount[]) {
    for (const account of accounts) {
      this.byId.set(account.id, account);
      let list = this.bySource.get(account.sourceId);
      if (!list) this.bySource.set(account.sourceId, (list = []));
      list.push(account);
      this.indexIdentity(account);
    }
    for (const list of this.bySource.values()) list.sort(byId);
    this.sorted = [...this.byId.values()].sort(byId);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SandboxAccount | undefined {
    return this.byId.get(id);
  }

  /** Every account, in id order. Do not mutate. */
  all(): readonly SandboxAccount[] {
    return this.sorted;
  }

  /** The accounts of one source, in id order. Do not mutate. */
  ofSource(sourceId: string): readonly SandboxAccount[] {
    return this.bySource.get(sourceId) ?? [];
  }

  ofIdentity(identityId: string): SandboxAccount[] {
    return [...(this.byIdentity.get(identityId) ?? [])].sort(byId);
  }

  /** A key that changes whenever any account of these sources (or of any source) changes. */
  versionKey(sourceIds: readonly string[] | null): string {
    if (sourceIds === null) return `all:${this.globalVersion}`;
    return sourceIds.map((id) => `${id}:${this.sourceVersions.get(id) ?? 0}`).join(',');
  }

  add(account: SandboxAccount): void {
    if (this.byId.has(account.id)) throw new Error(`account ${account.id} already exists`);
    this.byId.set(account.id, account);
    let list = this.bySource.get(account.sourceId);
    if (!list) this.bySource.set(account.sourceId, (list = []));
    insertSorted(list, account);
    insertSorted(this.sorted, account);
    this.indexIdentity(account);
    this.touch(account.sourceId);
  }

  /** Applies `change` to the account and keeps the indexes right; false if it is gone. */
  update(id: string, change: (account: SandboxAccount) => void): boolean {
    const account = this.byId.get(id);
    if (!account) return false;
    const identityBefore = account.identityId;
    change(account);
    if (account.identityId !== identityBefore) {
      if (identityBefore) this.byIdentity.get(identityBefore)?.delete(account);
      this.indexIdentity(account);
    }
    this.touch(account.sourceId);
    return true;
  }

  remove(id: string): SandboxAccount | undefined {
    const account = this.byId.get(id);
    if (!account) return undefined;
    this.byId.delete(id);
    removeSorted(this.bySource.get(account.sourceId) ?? [], account);
    removeSorted(this.sorted, account);
    if (account.identityId) this.byIdentity.get(account.identityId)?.delete(account);
    this.touch(account.sourceId);
    return account;
  }

  removeAllOfSource(sourceId: string): number {
    const removed = this.bySource.get(sourceId) ?? [];
    if (removed.length === 0) return 0;
    for (const account of removed) {
      this.byId.delete(account.id);
      if (account.identityId) this.byIdentity.get(account.identityId)?.delete(account);
    }
    this.bySource.set(sourceId, []);
    this.sorted = this.sorted.filter((account) => account.sourceId !== sourceId);
    this.touch(sourceId);
    return removed.length;
  }

  private indexIdentity(account: SandboxAccount): void {
    if (!account.identityId) return;
    let set = this.byIdentity.get(account.identityId);
    if (!set) this.byIdentity.set(account.identityId, (set = new Set()));
    set.add(account);
  }

  /** Marks the source's accounts changed for list caches; the store calls it on every change,
   * the tenant also when a source or an identity its accounts join changes. */
  touch(sourceId: string): void {
    this.sourceVersions.set(sourceId, (this.sourceVersions.get(sourceId) ?? 0) + 1);
    this.globalVersion++;
  }
}

function byId(a: SandboxAccount, b: SandboxAccount): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function lowerBound(list: readonly SandboxAccount[], id: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid].id < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertSorted(list: SandboxAccount[], account: SandboxAccount): void {
  list.splice(lowerBound(list, account.id), 0, account);
}

function removeSorted(list: SandboxAccount[], account: SandboxAccount): void {
  const index = lowerBound(list, account.id);
  if (list[index] === account) list.splice(index, 1);
}
