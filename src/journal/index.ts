// The journal's public surface, for the Activity view and the commands: write an entry before
// sending, send through it, settle what may have been applied, resume, send again, undo,
// export. No vscode here.
export { isStaleOutcome, staleReason, type AttributeGuard } from './attribute-guard';
export { actionOf, bodySent, pastOf, type BeforeState, type ChangeSpec, type CreateAttributes } from './change-spec';
export { countStates, entryState, isSettled, targetOfAccount, withoutEmpty, type EntryOrigin, type EntryState, type ItemState, type JournalEntry, type JournalItem, type JournalTarget, type StateCounts } from './entry';
export { JournalStore, type ItemRef, type JournalListener, type JournalStoreOptions, type NewEntry } from './journal-store';
export { isNotJournaled, JournaledRun, notJournaled, sendJournaled, type JournaledChangeRun, type SendOptions } from './journaled-run';
export { sendIdnBulkJournaled, type IdnBulkEntry, type JournaledIdnBulk } from './journaled-idn-bulk';
export { evidenceFor, settleEntry, settleItem, unknownItems } from './settle';
export { resumableItems, resumeRun } from './resume';
export { sendAgainEntry, sendAgainRisk, whyNotSendAgain } from './send-again';
export { describeStale, planUndo, staleValues, undoEntry, type Restored, type StaleValue, type UndoPlan } from './undo';
export { entriesToCsv, entriesToJsonLines } from './journal-export';
export { changeFromSpec } from './spec-change';
