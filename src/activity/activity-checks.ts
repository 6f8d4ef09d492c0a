// Reading back what may have been applied: Check Again on an entry or an item, and, after a
// reload or a host crash, the background settling of what the journal marks as interrupted.
// Both go through here so an item is never read back twice at once, and the view can show
// which items are being checked. Nothing is ever sent. No vscode here.
import type { ChangeOutcome } from '../isc/change-outcome';
import type { IscApi } from '../isc/api';
import type { ReadBackWindow } from '../isc/read-back';
import { loadActivityParts } from './activity-loader';
import type { JournalEntry, JournalItem } from '../journal/entry';
import type { ItemRef, JournalStore } from '../journal/journal-store';

export interface ChecksServices {
  client(tenantId: string): Promise<IscApi>;
  window(): ReadBackWindow;
  info(message: string): void;
  warn(message: string): void;
}

type ChecksListener = (tenantId: string, entryId: string) => void;

const keyOf = (ref: ItemRef) => `${ref.tenantId}/${ref.entryId}/${ref.index}`;

export class ActivityChecks {
  private readonly running = new Map<string, Promise<ChangeOutcome | undefined>>();
  /** Interrupted items already settled (or tried) in this session: never tried twice on their own. */
  private readonly triedAfterRestart = new Set<string>();
  private readonly listeners = new Set<ChecksListener>();
  private readonly stopped = new AbortController();

  constructor(
    private readonly store: JournalStore,
    private readonly services: ChecksServices,
  ) {}

  isChecking(ref: ItemRef): boolean {
    return this.running.has(keyOf(ref));
  }

  /** Told when an item starts or stops being checked (the journal tells about the outcome). */
  subscribe(listener: ChecksListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Check Again: reads back the entry's given unknown items, a few at a time. An item already
   * being checked is waited for, not read twice. Returns how each ended (undefined: no answer).
   */
  async check(entry: JournalEntry, items: readonly JournalItem[], signal?: AbortSignal): Promise<Map<number, ChangeOutcome | undefined>> {
    const refs = items.map((item) => ({ tenantId: entry.tenantId, entryId: entry.id, index: item.index }));
    const fresh = refs.filter((ref) => !this.isChecking(ref));
    if (fresh.length > 0) void this.track(fresh, this.settleMany(entry, fresh, signal)).catch(() => undefined);
    // Taken now: an item's promise leaves `running` as soon as it ends.
    const waits = refs.map((ref) => this.running.get(keyOf(ref)));
    const outcomes = await Promise.all(waits);
    return new Map(refs.map((ref, i) => [ref.index, outcomes[i]]));
  }

  /**
   * After a restart: settles in the background the items of these entries that the journal
   * marked as interrupted while in flight. Not awaited by anyone; failures are logged.
   */
  settleInterrupted(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      const refs = entry.items
        .filter((item) => item.interrupted && item.state === 'unknown')
        .map((item) => ({ tenantId: entry.tenantId, entryId: entry.id, index: item.index }))
        .filter((ref) => !this.triedAfterRestart.has(keyOf(ref)) && !this.isChecking(ref));
      if (refs.length === 0) continue;
      for (const ref of refs) this.triedAfterRestart.add(keyOf(ref));
      this.services.info(`Activity: settling ${refs.length} change(s) of "${entry.title}" that a reload or crash cut off`);
      this.track(refs, this.settleMany(entry, refs, this.stopped.signal)).then(
        (results) => this.services.info(`Activity: "${entry.title}": ${[...results.values()].map((outcome) => outcome.outcome).join(', ')}`),
        (error: unknown) => this.services.warn(`Activity: settling "${entry.title}" failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  dispose(): void {
    this.stopped.abort();
    this.listeners.clear();
  }

  private async settleMany(entry: JournalEntry, refs: readonly ItemRef[], signal?: AbortSignal): Promise<Map<number, ChangeOutcome>> {
    const client = await this.services.client(entry.tenantId);
    const indexes = new Set(refs.map((ref) => ref.index));
    // settleEntry settles the unknown items it is given: only these.
    const only = { ...entry, items: entry.items.filter((item) => indexes.has(item.index)) };
    return loadActivityParts().settleEntry(this.store, only, client, this.services.window(), { signal });
  }

  /** Marks the items as being checked until `work` ends; returns `work` (a failure reaches whoever awaits it). */
  private track(refs: readonly ItemRef[], work: Promise<Map<number, ChangeOutcome>>): Promise<Map<number, ChangeOutcome>> {
    const { tenantId, entryId } = refs[0];
    for (const ref of refs) {
      const one = work.then((results) => results.get(ref.index));
      // Handled here so that an item nobody awaits never reports an unhandled rejection.
      one.catch(() => undefined);
      this.running.set(keyOf(ref), one);
    }
    this.tell(tenantId, entryId);
    void work
      .catch(() => undefined)
      .then(() => {
        for (const ref of refs) this.running.delete(keyOf(ref));
        this.tell(tenantId, entryId);
      });
    return work;
  }

  private tell(tenantId: string, entryId: string): void {
    for (const listener of this.listeners) listener(tenantId, entryId);
  }
}
