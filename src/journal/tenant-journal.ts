// One tenant's journal folder: a compacted `journal.jsonl`, and the append-only segment files
// of the sessions writing now (`<session>.<n>.jsonl`). This session appends to its own newest
// segment only; compaction (on open, and when a segment grows past its size) folds the base
// and every segment no live writer still appends to into a new base, written to a temporary
// file and renamed over the old one. No vscode here.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AppendLog, readTextIfAny, writeFileDurably } from './durable-file';
import type { JournalEntry, JournalItem } from './entry';
import { interruptOrphans } from './interruption';
import { applyRecord, entryOf, foldRecords, parseRecords, recordLine, recordsOf, type Folded, type JournalRecord } from './journal-records';
import { applyRetention, type RetentionLimits } from './retention';
import { tryLock, type SessionLiveness } from './sessions';

const BASE = 'journal.jsonl';
const LOCK = 'compaction.lock';
const SEGMENT = /^(.+)\.(\d+)\.jsonl$/;

export interface TenantJournalOptions {
  session: string;
  lives: SessionLiveness;
  limits: RetentionLimits;
  /** A segment past this size is closed and folded into the base. */
  maxSegmentBytes: number;
  now: () => number;
}

interface Segment {
  file: string;
  session: string;
  number: number;
}

export class TenantJournal {
  private folded: Folded = { entries: new Map() };
  private log: Promise<AppendLog> | undefined;
  private segment = 0;
  private lastAt = 0;
  private rotating: Promise<void> | undefined;
  /** Lines that did not parse since the journal was opened (a torn line after a crash). */
  skippedLines = 0;

  private constructor(
    readonly folder: string,
    private readonly options: TenantJournalOptions,
  ) {}

  static async open(folder: string, options: TenantJournalOptions): Promise<TenantJournal> {
    const journal = new TenantJournal(folder, options);
    await fs.mkdir(folder, { recursive: true });
    await journal.compact();
    await journal.reload();
    return journal;
  }

  entries(): JournalEntry[] {
    return [...this.folded.entries.values()].map(entryOf).sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  }

  entry(id: string): JournalEntry | undefined {
    const folded = this.folded.entries.get(id);
    return folded && entryOf(folded);
  }

  /** One item, without building its whole entry (a bulk run updates each of its items several times). */
  item(entryId: string, index: number): JournalItem | undefined {
    return this.folded.entries.get(entryId)?.items.get(index)?.item;
  }

  /** Appends records (stamped now) and resolves once they are on the disk. */
  async write(parts: Array<Omit<JournalRecord, 'at' | 'session'>>): Promise<void> {
    // Monotonic within the session, so the fold keeps this session's order even if the clock steps back.
    const at = (this.lastAt = Math.max(this.options.now(), this.lastAt));
    const records = parts.map((part) => ({ ...part, at, session: this.options.session }) as JournalRecord);
    const log = await this.currentLog();
    try {
      await log.append(records.map(recordLine).join(''));
    } catch (error) {
      // A failed write may leave half a line: what follows goes to a new segment, so a later
      // record is never glued to the torn one (the old segment is folded like any other).
      if (this.log && (await this.log) === log) {
        this.segment++;
        this.log = undefined;
        void log.close().catch(() => undefined);
      }
      throw error;
    }
    for (const record of records) applyRecord(this.folded, record);
    if (log.size > this.options.maxSegmentBytes && !this.rotating) {
      this.rotating = this.rotate().finally(() => (this.rotating = undefined));
    }
  }

  /** Reads every file again: another window's changes show. */
  async reload(): Promise<void> {
    const records: JournalRecord[] = [];
    for (const file of [path.join(this.folder, BASE), ...(await this.segments()).map((s) => s.file)]) {
      const parsed = parseRecords(await readTextIfAny(file));
      records.push(...parsed.records);
      this.skippedLines += parsed.skipped;
    }
    this.folded = foldRecords(records);
    applyRetention(this.folded, this.options.limits, this.options.now());
    interruptOrphans(this.folded, this.options.lives, new Date(this.options.now()));
  }

  /** Clear: settled entries go; one still running stays. */
  async clear(): Promise<void> {
    await this.write([{ cleared: true }]);
    await this.compact();
  }

  async close(): Promise<void> {
    await this.rotating;
    const log = this.log;
    this.log = undefined;
    await (await log)?.close();
  }

  private currentLog(): Promise<AppendLog> {
    // The promise is kept, not the log: writes that arrive together must share one file handle.
    this.log ??= AppendLog.open(this.segmentFile(this.segment));
    return this.log;
  }

  private segmentFile(number: number): string {
    return path.join(this.folder, `${this.options.session}.${number}.jsonl`);
  }

  private async rotate(): Promise<void> {
    const old = this.log;
    this.segment++;
    this.log = AppendLog.open(this.segmentFile(this.segment));
    await this.log;
    await (await old)?.close();
    await this.compact();
    applyRetention(this.folded, this.options.limits, this.options.now());
  }

  private async segments(): Promise<Segment[]> {
    const names = await fs.readdir(this.folder).catch(() => [] as string[]);
    return names.flatMap((name) => {
      const match = SEGMENT.exec(name);
      return match ? [{ file: path.join(this.folder, name), session: match[1], number: Number(match[2]) }] : [];
    });
  }

  /** Segments nobody appends to any more: all of a dead session's, all but the newest of a live one's. */
  private async foldable(): Promise<Segment[]> {
    const all = await this.segments();
    const newest = new Map<string, number>();
    for (const s of all) newest.set(s.session, Math.max(newest.get(s.session) ?? -1, s.number));
    return all.filter((s) => {
      if (s.session === this.options.session) return s.number < this.segment;
      return !this.options.lives(s.session) || s.number < newest.get(s.session)!;
    });
  }

  /** Folds what can be folded into a new base; skipped while another process compacts. */
  async compact(): Promise<void> {
    const release = await tryLock(path.join(this.folder, LOCK));
    if (!release) return;
    try {
      const base = path.join(this.folder, BASE);
      const segments = await this.foldable();
      const records: JournalRecord[] = [];
      for (const file of [base, ...segments.map((s) => s.file)]) {
        const parsed = parseRecords(await readTextIfAny(file));
        records.push(...parsed.records);
        this.skippedLines += parsed.skipped;
      }
      const folded = foldRecords(records);
      applyRetention(folded, this.options.limits, this.options.now());
      interruptOrphans(folded, this.options.lives, new Date(this.options.now()));
      await writeFileDurably(base, recordsOf(folded).map(recordLine).join(''));
      // Only once the new base is on the disk may what it holds be deleted.
      for (const segment of segments) await fs.rm(segment.file, { force: true });
    } finally {
      await release();
    }
  }
}
