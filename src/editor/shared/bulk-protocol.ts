// The bulk attribute editor's messages, both ways, and its view type. The data they carry
// (the edit, the plan) is core's (src/core/bulk-edit-model.ts), re-exported for the webview.
// Bundled into the bulk webview, so it never imports `vscode` and holds only types and constants.
import type { AttributeOverview, BulkApplySummary, BulkPlanView } from '../../core/bulk-edit-model';

export type { BulkEdit, BulkEditKind, ValueCount, AttributeOverview, PlannedAccount, PlannedPatch, PatchShape, BulkPlanView, BulkApplySummary } from '../../core/bulk-edit-model';

export const BULK_EDITOR_VIEW_TYPE = 'iscAccounts.bulkAttributeEditor';

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
