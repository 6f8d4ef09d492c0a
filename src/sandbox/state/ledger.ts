// The change ledger: every change request the sandbox receives, in the order received, and
// what became of it (rejected, pending, applied, failed), with the answer the client got. A
// doubled change shows as two entries even when the second one changes nothing visible (a
// create onto an existing native identity, a disable of a disabled account), so a test can
// assert "applied exactly once" for any operation.
import type { AppliedAction, AppliedActionKind } from './records';
import type { Outcome } from '../http/traffic';

export type ChangeKind = AppliedActionKind;

/** rejected: answered (or cut off) before anything was taken on; nothing will change.
 * pending: taken on, its task has not completed. applied: the change happened.
 * failed: its task ended in ERROR; nothing changed. */
export type ChangeState = 'rejected' | 'pending' | 'applied' | 'failed';

export interface ChangeIds {
  accountId?: string | null;
  identityId?: string | null;
  sourceId?: string | null;
  nativeIdentity?: string | null;
}

export interface LedgerEntry {
  /** Order received (as the sandbox handled the requests), from 1. */
  seq: number;
  /** Entries made by one request share it (a bulk IDN request makes one per identity). */
  requestSeq: number;
  kind: ChangeKind;
  method: string;
  /** The request path, version included, e.g. `/v3/accounts/…/disable`. */
  path: string;
  /** The parsed JSON body; the text when it is not JSON; undefined when none was read. */
  body: unknown;
  /** The account changed: for create the one created (or updated, see `merged`) once
   * applied; for identity-* the identity's IdentityNow account once applied. */
  accountId: string | null;
  identityId: string | null;
  sourceId: string | null;
  /** create only: the native identity asked for. */
  nativeIdentity: string | null;
  taskId: string | null;
  state: ChangeState;
  /** What the client got: an HTTP status, or `dropped` / `hung`; null until answered. */
  answer: Outcome | null;
  /** The fault that hit this request (`server-error`, `drop-after-apply`, …), else null. */
  fault: string | null;
  /** Why it was rejected or failed (the error text sent, or the task's message). */
  message: string | null;
  receivedAt: number;
  appliedAt: number | null;
  /** Order applied, from 1 (tasks complete in their own order). */
  appliedSeq: number | null;
  /** create: true when the native identity already existed and that account was updated. */
  merged: boolean;
  /** remove-all: the accounts it removed. */
  removedAccountIds: string[];
}

export interface LedgerQuery {
  kind?: ChangeKind | readonly ChangeKind[];
  state?: ChangeState | readonly ChangeState[];
  accountId?: string;
  identityId?: string;
  sourceId?: string;
  nativeIdentity?: string;
  taskId?: string;
  method?: string;
  /** A string matches paths that contain it. */
  path?: string | RegExp;
  fault?: string;
  /** Only entries received after this mark (`ledger.mark()`). */
  since?: number;
}

/** The read side, as tests get it from the sandbox handle. */
export interface LedgerView {
  /** Matching entries in the order received (live: later states show). */
  entries(query?: LedgerQuery): ReadonlyArray<Readonly<LedgerEntry>>;
  /** Matching applied entries in the order applied. */
  applied(query?: LedgerQuery): ReadonlyArray<Readonly<LedgerEntry>>;
  count(query?: LedgerQuery): number;
  /** The last seq so far; pass it as `since` to look at what comes after. */
  mark(): number;
}

/** One received change request, while the server handles it. */
export interface LedgerRequest {
  readonly seq: number;
  readonly kind: ChangeKind;
  readonly method: string;
  readonly path: string;
  readonly receivedAt: number;
  /** What the URL names (the account, source or identity id), for a rejected entry. */
  readonly ids: ChangeIds;
  body: unknown;
  fault: string | null;
  readonly entries: LedgerEntry[];
}

export class ChangeLedger implements LedgerView {
  private readonly all: LedgerEntry[] = [];
  private readonly appliedInOrder: LedgerEntry[] = [];
  private readonly appliedActions: AppliedAction[] = [];
  private lastSeq = 0;
  private lastRequestSeq = 0;

  open(kind: ChangeKind, method: string, path: string, ids: ChangeIds): LedgerRequest {
    return { seq: ++this.lastRequestSeq, kind, method, path, receivedAt: Date.now(), ids, body: undefined, fault: null, entries: [] };
  }

  /** The request's change was taken on: pending until `markApplied` or `markFailed`. */
  take(request: LedgerRequest, ids: ChangeIds, kind: ChangeKind = request.kind): LedgerEntry {
    const entry: LedgerEntry = {
      seq: ++this.lastSeq,
      requestSeq: request.seq,
      kind,
      method: request.method,
      path: request.path,
      body: request.body,
      accountId: ids.accountId ?? null,
      identityId: ids.identityId ?? null,
      sourceId: ids.sourceId ?? null,
      nativeIdentity: ids.nativeIdentity ?? null,
      taskId: null,
      state: 'pending',
      answer: null,
      fault: request.fault,
      message: null,
      receivedAt: request.receivedAt,
      appliedAt: null,
      appliedSeq: null,
      merged: false,
      removedAccountIds: [],
    };
    request.entries.push(entry);
    this.all.push(entry);
    return entry;
  }

  /** Nothing was taken on: the request's one entry says so. */
  reject(request: LedgerRequest, answer: Outcome, message: string | null): void {
    if (request.entries.length > 0) throw new Error(`request ${request.seq} already took a change on`);
    const entry = this.take(request, request.ids);
    entry.state = 'rejected';
    entry.message = message;
    entry.answer = answer;
  }

  answered(request: LedgerRequest, answer: Outcome): void {
    for (const entry of request.entries) {
      entry.answer = answer;
      entry.fault = request.fault;
    }
  }

  markApplied(entry: LedgerEntry): void {
    if (entry.state !== 'pending') throw new Error(`ledger entry ${entry.seq} is ${entry.state}, not pending`);
    entry.state = 'applied';
    entry.appliedAt = Date.now();
    entry.appliedSeq = this.appliedInOrder.length + 1;
    this.appliedInOrder.push(entry);
    this.appliedActions.push({ action: entry.kind, targetId: legacyTarget(entry), taskId: entry.taskId, at: entry.appliedAt });
  }

  markFailed(entry: LedgerEntry, message: string): void {
    entry.state = 'failed';
    entry.message = message;
  }

  entries(query: LedgerQuery = {}): ReadonlyArray<Readonly<LedgerEntry>> {
    return this.all.filter((entry) => matches(entry, query));
  }

  applied(query: LedgerQuery = {}): ReadonlyArray<Readonly<LedgerEntry>> {
    return this.appliedInOrder.filter((entry) => matches(entry, query));
  }

  count(query: LedgerQuery = {}): number {
    return this.entries(query).length;
  }

  mark(): number {
    return this.lastSeq;
  }

  /** The applied changes in the older `{action, targetId, taskId, at}` form (tenant.ledger()). */
  appliedActionList(): readonly AppliedAction[] {
    return this.appliedActions;
  }
}

/** Account id; source id for remove-all; identity id for identity-*. */
function legacyTarget(entry: LedgerEntry): string {
  if (entry.kind === 'remove-all') return entry.sourceId ?? '';
  if (entry.kind === 'identity-enable' || entry.kind === 'identity-disable') return entry.identityId ?? '';
  return entry.accountId ?? '';
}

function oneOf<T>(value: T, wanted: T | readonly T[] | undefined): boolean {
  if (wanted === undefined) return true;
  return Array.isArray(wanted) ? (wanted as readonly T[]).includes(value) : value === wanted;
}

function matches(entry: LedgerEntry, query: LedgerQuery): boolean {
  return (
    oneOf(entry.kind, query.kind) &&
    oneOf(entry.state, query.state) &&
    (query.accountId === undefined || entry.accountId === query.accountId) &&
    (query.identityId === undefined || entry.identityId === query.identityId) &&
    (query.sourceId === undefined || entry.sourceId === query.sourceId) &&
    (query.nativeIdentity === undefined || entry.nativeIdentity === query.nativeIdentity) &&
    (query.taskId === undefined || entry.taskId === query.taskId) &&
    (query.method === undefined || entry.method === query.method.toUpperCase()) &&
    (query.path === undefined || (typeof query.path === 'string' ? entry.path.includes(query.path) : query.path.test(entry.path))) &&
    (query.fault === undefined || entry.fault === query.fault) &&
    (query.since === undefined || entry.seq > query.since)
  );
}
