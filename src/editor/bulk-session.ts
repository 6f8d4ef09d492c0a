// What the bulk attribute editor's panel needs from the rest of the extension: the targets'
// attributes, a plan for an edit, and running a plan. The commands make a session (loading the
// targets, planning, applying through the journal); the panel only shows it and relays clicks.
import type { AttributeOverview, BulkApplySummary, BulkEdit, BulkPlanView } from './shared/bulk-protocol';

export interface BulkEditSession {
  /** "Edit attributes of 340 accounts in Roster" */
  title: string;
  /** How many accounts the session targets. */
  targets: number;
  /** The targets' attributes, each with its value distribution. */
  overview(): AttributeOverview[];
  /** A plan for the edit. Throws an Error whose message says what is wrong with the edit. */
  plan(edit: BulkEdit, signal?: AbortSignal): Promise<BulkPlanView>;
  /**
   * Runs the plan with this planId (asks first, journals, paces, checks staleness per account).
   * `progress` mirrors the progress notification; the notification's Cancel stops it.
   */
  apply(planId: string, progress: (message: string, done: number, total: number) => void): Promise<BulkApplySummary | 'cancelled'>;
}
