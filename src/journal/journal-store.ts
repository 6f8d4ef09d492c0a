// The durable journal of every change, kept per tenant under one folder of its own (the
// extension passes a `journal` folder inside its global storage). An entry and its items are written and flushed before anything is
// sent, and updated with what became of each item; what a crash cut off shows as interrupted
// when the tenant's journal is next opened. Every write passes redaction. No vscode here.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Redactor } from '../isc/redact';
import type { ChangeSpec } from './change-spec';
import type { EntryOrigin, JournalEntry, JournalItem, JournalTarget } from './entry';
import { DEFAULT_RETENTION, type RetentionLimits } from './retention';
import { ItemScrubber, scrubJson } from './scrub';
import { endSession, newSessionId, sessionLives, type SessionLiveness } from './sessions';
import { TenantJournal } from './tenant-journal';

export interface JournalStoreOptions extends Partial<RetentionLimits> {
  /** Masks secrets in everything written; the extension adds each tenant's client secret. */
  redactor?: Redactor;
  /** A segment file past this size is folded into the tenant's base file. Default 4 MiB. */
  maxSegmentBytes?: number;
  /** Whether another session's writer still runs (default: its process runs). Tests stand in for a crash with it. */
  sessionLives?: SessionLiveness;
  now?: () => number;
}

export interface NewEntry {
  tenantId: string;
  action: string;
  title: string;
  bulk?: boolean;
  origin?: EntryOrigin;
  items: Array<{ spec: ChangeSpec; target?: JournalTarget }>;
}

export interface ItemRef {
  tenantId: string;
  entryId: string;
  index: number;
}

export type JournalListener = (tenantId: string, entryId: string) => void;

export class JournalStore {
  readonly session = newSessionId();
  readonly redactor: Redactor;
  private readonly scrubber: ItemScrubber;
  private readonly tenants = new Map<string, Promise<TenantJournal>>();
  private readonly listeners = new Set<JournalListener>();
  private readonly options: Required<Omit<JournalStoreOptions, 'redactor'>>;

  constructor(
    readonly folder: string,
    options: JournalStoreOptions = {},
  ) {
    this.redactor = options.redactor ?? new Redactor();
    this.scrubber = new ItemScrubber(this.redactor);
    this.options = {
      maxDays: options.maxDays ?? DEFAULT_RETENTION.maxDays,
      maxEntries: options.maxEntries ?? DEFAULT_RETENTION.maxEntries,
      maxSegmentBytes: options.maxSegmentBytes ?? 4 * 1024 * 1024,
      sessionLives: options.sessionLives ?? sessionLives,
      now: options.now ?? Date.now,
    };
  }

  /** Opens (once) a tenant's journal: compacts it and marks what a crash cut off. */
  tenant(tenantId: string): Promise<TenantJournal> {
    let journal = this.tenants.get(tenantId);
    if (!journal) {
      const { maxDays, maxEntries, maxSegmentBytes, sessionLives: lives, now } = this.options;
      journal = TenantJournal.open(this.tenantFolder(tenantId), { session: this.session, lives, limits: { maxDays, maxEntries }, maxSegmentBytes, now });
      this.tenants.set(tenantId, journal);
      journal.catch(() => this.tenants.delete(tenantId));
    }
    return journal;
  }

  /** Tenants that have a journal folder. */
  async tenantIds(): Promise<string[]> {
    const found = await fs.readdir(this.folder, { withFileTypes: true }).catch(() => []);
    return found.filter((entry) => entry.isDirectory()).map((entry) => decodeURIComponent(entry.name));
  }

  /** Reads the tenant's files again, so runs of other windows show as they are now. */
  async refresh(tenantId: string): Promise<void> {
    await (await this.tenant(tenantId)).reload();
    this.changed(tenantId, '');
  }

  async entries(tenantId: string): Promise<JournalEntry[]> {
    return (await this.tenant(tenantId)).entries();
  }

  async entry(tenantId: string, entryId: string): Promise<JournalEntry | undefined> {
    return (await this.tenant(tenantId)).entry(entryId);
  }

  async item(ref: ItemRef): Promise<JournalItem | undefined> {
    return (await this.tenant(ref.tenantId)).item(ref.entryId, ref.index);
  }

  /** Writes a new entry with its items queued, and resolves once that is on the disk. */
  async begin(entry: NewEntry): Promise<JournalEntry> {
    const journal = await this.tenant(entry.tenantId);
    const now = new Date(this.options.now()).toISOString();
    const header = scrubJson(
      { id: randomUUID(), tenantId: entry.tenantId, action: entry.action, title: entry.title, created: now, updated: now, bulk: entry.bulk ?? entry.items.length > 1, ...(entry.origin ? { origin: entry.origin } : {}) },
      this.redactor,
    ).value;
    const items = entry.items.map((item, index): JournalItem => this.scrubber.item({ index, spec: item.spec, target: item.target ?? {}, state: 'queued', updated: now }));
    await journal.write([{ entry: header }, ...items.map((item) => ({ item, entryId: header.id }))]);
    this.changed(entry.tenantId, header.id);
    return journal.entry(header.id)!;
  }

  /** Changes one item and resolves once the change is on the disk. */
  async updateItem(ref: ItemRef, change: Partial<Omit<JournalItem, 'index' | 'spec'>>): Promise<JournalItem> {
    const journal = await this.tenant(ref.tenantId);
    const current = journal.item(ref.entryId, ref.index);
    if (!current) throw new Error(`The journal has no item ${ref.index} in entry ${ref.entryId} of tenant ${ref.tenantId}.`);
    const item = this.scrubber.item({ ...current, ...change, updated: new Date(this.options.now()).toISOString() });
    await journal.write([{ item, entryId: ref.entryId }]);
    this.changed(ref.tenantId, ref.entryId);
    return item;
  }

  /** Removes a tenant's entries (those still running stay until they end) and, when nothing is left, its folder. */
  async removeTenant(tenantId: string): Promise<void> {
    const journal = await this.tenant(tenantId);
    await journal.clear();
    if (journal.entries().length === 0) {
      await journal.close();
      // Removed before it leaves the map: a reader meanwhile (the Activity view redrawing) gets
      // this closed, empty journal, not a new one opened in the folder being removed.
      await fs.rm(journal.folder, { recursive: true, force: true });
      this.tenants.delete(tenantId);
    }
    this.changed(tenantId, '');
  }

  async clearAll(): Promise<void> {
    for (const tenantId of await this.tenantIds()) await this.removeTenant(tenantId);
  }

  /** Called after every write, for the view. Returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const journal of this.tenants.values()) await (await journal.catch(() => undefined))?.close();
    this.tenants.clear();
    endSession(this.session);
  }

  private tenantFolder(tenantId: string): string {
    // Reversible and safe as a file name on every platform; "." and ".." cannot occur.
    const name = encodeURIComponent(tenantId).replace(/[.*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return path.join(this.folder, name);
  }

  private changed(tenantId: string, entryId: string): void {
    for (const listener of this.listeners) listener(tenantId, entryId);
  }
}
