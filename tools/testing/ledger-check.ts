// Lost, doubled and unexpected changes, counted from the sandbox's change ledger (what the
// tenant really did), never from what the client believes it did. The fault suite and the
// bench's bulk scenario both judge a run this way.
import type { ChangeKind, LedgerEntry, LedgerQuery, LedgerView } from '../../src/sandbox';

/** One change a run meant to make. */
export interface MeantChange {
  kind: ChangeKind;
  /** The account changed; for a create the native identity asked for; for remove-all the
   *  source; for identity-enable/disable the identity. */
  target: string;
  /** How many times the tenant may have applied it: [1] for a change that must happen once,
   *  [0, 1] for one the client could not settle, [0] for one it reports not made. */
  allowed: readonly number[];
  /** What the client reported about it, named in the problems. */
  reported?: string;
}

export interface Mismatch {
  change: MeantChange;
  applied: number;
}

export interface LedgerCheck {
  /** Applied fewer times than allowed. */
  lost: Mismatch[];
  /** Applied more times than allowed. */
  duplicated: Mismatch[];
  /** Taken on more than once: sent again after it may have reached the tenant. */
  resent: Mismatch[];
  /** Applied, but no meant change names it (e.g. a retry that hit the wrong account). */
  unexpected: Readonly<LedgerEntry>[];
}

/** Compares the ledger's entries received after `since` (`ledger.mark()`) with what was meant;
 *  each change is meant once. */
export function checkLedger(meant: readonly MeantChange[], ledger: LedgerView, since: number): LedgerCheck {
  const check: LedgerCheck = { lost: [], duplicated: [], resent: [], unexpected: [] };
  for (const change of meant) {
    const query = { ...queryFor(change.kind, change.target), since };
    const applied = ledger.applied(query).length;
    const takenOn = ledger.entries(query).filter((entry) => entry.state !== 'rejected').length;
    if (applied < Math.min(...change.allowed)) check.lost.push({ change, applied });
    if (applied > Math.max(...change.allowed)) check.duplicated.push({ change, applied });
    if (takenOn > 1) check.resent.push({ change, applied: takenOn });
  }
  const keys = new Set(meant.map((change) => keyOf(change.kind, change.target)));
  check.unexpected = ledger.applied({ since }).filter((entry) => !keys.has(keyOf(entry.kind, targetOf(entry))));
  return check;
}

/** One line per finding: empty when the run did exactly what it meant. */
export function ledgerProblems(check: LedgerCheck): string[] {
  const named = ({ change }: Mismatch): string => `${change.kind} ${change.target}: ${change.reported ?? 'meant'}`;
  return [
    ...[...check.lost, ...check.duplicated].map((m) => `${named(m)} but applied ${m.applied}×`),
    ...check.resent.map((m) => `${m.change.kind} ${m.change.target}: sent again after it may have reached ISC (${m.applied} taken on)`),
    ...check.unexpected.map((entry) => `unexpected ${entry.kind} ${targetOf(entry)}`),
  ];
}

/** Applications beyond the allowed ones, one per extra application. */
export function extraApplications(check: LedgerCheck): number {
  return check.duplicated.reduce((sum, { change, applied }) => sum + applied - Math.max(...change.allowed), 0);
}

function queryFor(kind: ChangeKind, target: string): LedgerQuery {
  if (kind === 'create') return { kind, nativeIdentity: target };
  if (kind === 'remove-all') return { kind, sourceId: target };
  if (kind === 'identity-enable' || kind === 'identity-disable') return { kind, identityId: target };
  return { kind, accountId: target };
}

function targetOf(entry: Readonly<LedgerEntry>): string {
  if (entry.kind === 'create') return entry.nativeIdentity ?? '';
  if (entry.kind === 'remove-all') return entry.sourceId ?? '';
  if (entry.kind === 'identity-enable' || entry.kind === 'identity-disable') return entry.identityId ?? '';
  return entry.accountId ?? '';
}

const keyOf = (kind: ChangeKind, target: string): string => `${kind}\u0000${target}`;
