// What can be done with an Activity entry or item, decided once for both the menus (the
// contextValue says it) and the commands (which check again: the palette and scripts can pass
// anything). No vscode here.
import { entryState, type JournalEntry, type JournalItem } from '../journal/entry';
import { resumableItems } from '../journal/resume';
import { whyNotSendAgain } from '../journal/send-again';
import { planUndo, type UndoPlan } from '../journal/undo';

/** An unknown outcome can be read back ("may have been applied" → settled by evidence). */
export function canCheckAgain(item: JournalItem): boolean {
  return item.state === 'unknown';
}

export function canSendAgain(item: JournalItem): boolean {
  return whyNotSendAgain(item) === undefined;
}

export function canUndo(item: JournalItem): boolean {
  return 'spec' in planUndo(item);
}

export type InvertiblePlan = Extract<UndoPlan, { spec: unknown }>;

export function trackingIdOf(item: JournalItem): string | undefined {
  return item.outcome?.trackingId;
}

/** Distinct tracking ids of the items, in item order. */
export function trackingIds(items: readonly JournalItem[]): string[] {
  return [...new Set(items.map(trackingIdOf).filter((id): id is string => !!id))];
}

/** Items never sent of a run that is no longer running: what Resume sends. */
export function resumable(entry: JournalEntry): JournalItem[] {
  return entryState(entry) === 'in-progress' ? [] : resumableItems(entry);
}

export interface Capabilities {
  checkable: boolean;
  resendable: boolean;
  undoable: boolean;
  resumable: boolean;
  tracked: boolean;
}

/**
 * What the entry's own row offers. A running bulk entry offers nothing for all its items at
 * once (they are still changing); its item rows do.
 */
export function entryCapabilities(entry: JournalEntry, checking: (item: JournalItem) => boolean): Capabilities {
  if (entryState(entry) === 'in-progress') return { checkable: false, resendable: false, undoable: false, resumable: false, tracked: trackingIds(entry.items).length > 0 };
  return {
    checkable: entry.items.some((item) => canCheckAgain(item) && !checking(item)),
    resendable: entry.items.some(canSendAgain),
    undoable: entry.items.some(canUndo),
    resumable: resumable(entry).length > 0,
    tracked: trackingIds(entry.items).length > 0,
  };
}

export function itemCapabilities(item: JournalItem, checking: boolean): Capabilities {
  return {
    checkable: canCheckAgain(item) && !checking,
    resendable: canSendAgain(item),
    undoable: canUndo(item),
    resumable: false,
    tracked: trackingIdOf(item) !== undefined,
  };
}

/**
 * `activity:entry:<state>[:bulk][:checking][:checkable][:resendable][:undoable][:resumable][:tracked]`,
 * `activity:item:<state>…` likewise; menus match the capabilities with regular expressions.
 */
export function activityContextValue(kind: 'entry' | 'item', state: string, capabilities: Capabilities, flags: { bulk?: boolean; checking?: boolean } = {}): string {
  const parts = ['activity', kind, state];
  if (flags.bulk) parts.push('bulk');
  if (flags.checking) parts.push('checking');
  for (const name of ['checkable', 'resendable', 'undoable', 'resumable', 'tracked'] as const) if (capabilities[name]) parts.push(name);
  return parts.join(':');
}
