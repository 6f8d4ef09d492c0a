// What a bulk attribute edit is, and the plan shown before it runs: plain data, decided in
// core (the planner) and shown by the bulk editor's webview (src/editor/shared/bulk-protocol.ts
// re-exports it). Types only; no vscode.
import type { AttributeValue, JsonPatchOperation } from '../patch';

/** One edit, the same for every target account. */
export type BulkEdit =
  /** Set the attribute to this value, adding it where it is missing, replacing it elsewhere. */
  | { kind: 'set'; attribute: string; value: AttributeValue }
  /** Remove the attribute where it is present. */
  | { kind: 'remove'; attribute: string }
  /** Add one item to a multi-valued attribute where it is not already there. */
  | { kind: 'add-item'; attribute: string; item: string }
  /** Remove one item from a multi-valued attribute wherever it appears. */
  | { kind: 'remove-item'; attribute: string; item: string };

export type BulkEditKind = BulkEdit['kind'];

/** One value and how many target accounts hold it. `value` is as shown: JSON text, or "(none)" when absent. */
export interface ValueCount {
  value: string;
  count: number;
}

/** What the targets hold for one attribute: the value → count distribution, most common first. */
export interface AttributeOverview {
  name: string;
  /** Some target holds a list for it. */
  multiValued: boolean;
  /** Most common first, at most a few dozen; the rest are counted in `otherValues`. */
  distribution: ValueCount[];
  /** Accounts whose value is not in `distribution`. */
  otherValues: number;
}

export interface PlannedAccount {
  accountId: string;
  accountName: string;
}

export interface PlannedPatch extends PlannedAccount {
  /** Exactly the body the PATCH for this account sends. */
  operations: JsonPatchOperation[];
}

/** Changed accounts counted by the shape of their patch: `replace /attributes/department`. */
export interface PatchShape {
  shape: string;
  count: number;
}

/** What Apply will do, shown before it runs. Apply sends exactly this plan (by `planId`). */
export interface BulkPlanView {
  planId: string;
  edit: BulkEdit;
  /** How many accounts were considered. */
  targets: number;
  /** How many accounts get a PATCH. */
  changed: number;
  /** The first few changed accounts, their patches in full. */
  examples: PlannedPatch[];
  /** Every changed account, counted by patch shape. */
  shapes: PatchShape[];
  /** Accounts the edit does not change: listed, not sent. */
  unchanged: PlannedAccount[];
  /** Accounts not sent for another reason (not flat-file, …): listed with why. */
  skipped: Array<PlannedAccount & { reason: string }>;
  /** Every request Apply makes, reads included. */
  requests: number;
  /** What the rate limit implies for those requests, in seconds. */
  estimatedSeconds: number;
}

/** How a finished (or stopped) Apply ended, counted in the outcome model's four sections. */
export interface BulkApplySummary {
  summary: string;
  applied: number;
  notApplied: number;
  unknown: number;
  notSent: number;
  /** The per-account report document's URI, when one was written. */
  report?: string;
}
