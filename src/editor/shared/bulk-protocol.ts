// The bulk attribute editor's data and messages: what an edit of many accounts is, the plan
// shown before it runs, and what the webview and the extension say to each other. Imported by
// the extension (src/editor, src/commands, src/core) and bundled into the bulk webview, so it
// never imports `vscode` and holds only types and constants.
import type { AttributeValue, JsonPatchOperation } from '../../patch';

export const BULK_EDITOR_VIEW_TYPE = 'iscAccounts.bulkAttributeEditor';

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

export type BulkWebviewToExtension =
  | { type: 'ready' }
  /** Make a plan for this edit (untrusted: the extension validates it). */
  | { type: 'plan'; edit: unknown }
  /** Run the plan last shown; the extension refuses a planId that is not its latest. */
  | { type: 'apply'; planId: string }
  | { type: 'cancel' }
  /** Open the report of the Apply that finished last (the extension knows its URI; the webview never names one). */
  | { type: 'open-report' };

export type BulkExtensionToWebview =
  | { type: 'overview'; title: string; targets: number; attributes: AttributeOverview[] }
  | { type: 'plan'; plan: BulkPlanView }
  | { type: 'plan-error'; message: string }
  | { type: 'progress'; message: string; done: number; total: number }
  | { type: 'applied'; result: BulkApplySummary }
  /** Apply stopped before it sent anything (the confirmation was declined): the plan stays shown. */
  | { type: 'apply-cancelled' }
  | { type: 'error'; message: string };
