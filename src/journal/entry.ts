// One journal entry: a change the extension made (one item) or a bulk run (many items), each
// item with its spec, target, state and evidence. A bulk run is one entry so that it can be
// counted, resumed and exported as the one thing the user asked for. No vscode here.
import type { ChangeOutcome, Outcome } from '../isc/change-outcome';
import type { Account } from '../isc/models';
import type { BeforeState, ChangeSpec } from './change-spec';

/**
 * queued: journaled, never handed to the client (it can be sent; resume sends it).
 * in-progress: written and flushed, then handed to the client: it may have reached ISC.
 * Then one of the outcomes of the model.
 */
export type ItemState = 'queued' | 'in-progress' | Outcome;

/** What the change is about, as far as the caller knew it. */
export interface JournalTarget {
  accountId?: string;
  accountName?: string;
  sourceId?: string;
  sourceName?: string;
  identityId?: string;
  identityName?: string;
  /** What the user calls it: "ann.lee", "Roster" (the commands' labels). */
  label?: string;
}

/** What an account says about itself: its id and name, its source's, its owner's. */
export function targetOfAccount(account: Pick<Account, 'id' | 'name' | 'sourceId' | 'sourceName' | 'identityId' | 'identity'>): JournalTarget {
  const found: JournalTarget = {
    accountId: account.id,
    accountName: account.name,
    sourceId: account.sourceId,
    sourceName: account.sourceName ?? undefined,
    identityId: account.identityId ?? account.identity?.id,
    identityName: account.identity?.name,
  };
  return withoutEmpty(found);
}

/** The target with the parts nobody knew left out, so that merging never blanks a known one. */
export function withoutEmpty(target: JournalTarget): JournalTarget {
  return Object.fromEntries(Object.entries(target).filter(([, value]) => typeof value === 'string' && value !== '')) as JournalTarget;
}

export interface JournalItem {
  /** Its place in the entry, from 0; how records and commands address it. */
  index: number;
  spec: ChangeSpec;
  target: JournalTarget;
  state: ItemState;
  /** What the proof rests on, written before sending. */
  before?: BeforeState;
  /** When it was handed to the client (ISO); set only after that was written and flushed. */
  sentAt?: string;
  /** The task ISC's answer named, written as soon as the answer came. */
  taskId?: string;
  /** The last outcome, with its evidence; redacted. */
  outcome?: ChangeOutcome;
  /** The run stopped (window reload, extension host ended) while this item was queued or in progress. */
  interrupted?: true;
  /** Redaction changed the spec or the before-state: shown, but never sent again from the journal. */
  redacted?: true;
  updated: string;
}

/** Why an entry was made from another one. */
export interface EntryOrigin {
  entryId: string;
  why: 'send-again' | 'resume' | 'undo';
}

export interface JournalEntry {
  id: string;
  tenantId: string;
  /** "disable", "patch", … (the commands' report action). */
  action: string;
  /** What the user asked for: "Disable accounts (800)", "Disabling ann.lee". */
  title: string;
  created: string;
  updated: string;
  /** Shown as a parent with its items as children, even with one item. */
  bulk: boolean;
  origin?: EntryOrigin;
  items: JournalItem[];
}

export type EntryState = ItemState | 'mixed';

export type StateCounts = Record<ItemState, number>;

export function countStates(entry: Pick<JournalEntry, 'items'>): StateCounts {
  const counts: StateCounts = { queued: 0, 'in-progress': 0, applied: 0, 'not-applied': 0, unknown: 0, 'not-sent': 0 };
  for (const item of entry.items) counts[item.state]++;
  return counts;
}

/** In progress while any item is; otherwise the items' one outcome, or mixed. */
export function entryState(entry: Pick<JournalEntry, 'items'>): EntryState {
  const counts = countStates(entry);
  if (counts.queued + counts['in-progress'] > 0) return 'in-progress';
  const present = (Object.keys(counts) as ItemState[]).filter((state) => counts[state] > 0);
  return present.length === 1 ? present[0] : 'mixed';
}

export function isSettled(state: ItemState): state is Outcome {
  return state !== 'queued' && state !== 'in-progress';
}
