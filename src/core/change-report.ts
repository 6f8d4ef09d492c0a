// What every change command resolves to when run through vscode.commands.executeCommand: a
// plain JSON report, one result per account or identity. No vscode here.
import { warnedText, type ChangeOutcome, type Outcome } from '../isc/change-outcome';

export interface ChangeSubject {
  tenantId: string;
  accountId?: string;
  identityId?: string;
  sourceId?: string;
  /** The account's, identity's or source's name as the user sees it. */
  label: string;
}

export interface ChangeResult extends ChangeSubject, ChangeOutcome {
  /** "disable", "create", "patch", … */
  action: string;
}

export interface ChangeReport {
  results: ChangeResult[];
  /** Bulk actions: "28 disabled, 1 not disabled, 1 may have been disabled". */
  summary?: string;
  /** Bulk actions: the report document's URI, as a string. */
  report?: string;
}

export function changeResult(action: string, subject: ChangeSubject, outcome: ChangeOutcome): ChangeResult {
  const result: ChangeResult = { action, ...subject, outcome: outcome.outcome, evidence: outcome.evidence };
  if (outcome.reason) result.reason = outcome.reason;
  if (outcome.trackingId) result.trackingId = outcome.trackingId;
  if (outcome.taskId) result.taskId = outcome.taskId;
  if (outcome.warnings?.length) result.warnings = outcome.warnings;
  return result;
}

export interface OutcomeCounts {
  applied: number;
  notApplied: number;
  unknown: number;
  notSent: number;
}

export function countOutcomes(results: readonly ChangeResult[]): OutcomeCounts {
  const counts: OutcomeCounts = { applied: 0, notApplied: 0, unknown: 0, notSent: 0 };
  for (const { outcome } of results) {
    if (outcome === 'applied') counts.applied++;
    else if (outcome === 'not-applied') counts.notApplied++;
    else if (outcome === 'unknown') counts.unknown++;
    else counts.notSent++;
  }
  return counts;
}

/** "28 disabled, 1 not disabled, 1 may have been disabled, 2 not sent" (zero counts left out, but the first). */
export function summarizeOutcomes(results: readonly ChangeResult[], past: string): string {
  const counts = countOutcomes(results);
  const parts = [`${counts.applied} ${past}`];
  if (counts.notApplied) parts.push(`${counts.notApplied} not ${past}`);
  if (counts.unknown) parts.push(`${counts.unknown} may have been ${past}`);
  if (counts.notSent) parts.push(`${counts.notSent} not sent`);
  return parts.join(', ');
}

/**
 * What ISC warned about in tasks that ended WARNING, for the one notification of a run of several:
 * each text once, with how many results it came with; "" when none warned.
 */
export function summarizeWarnings(results: ReadonlyArray<{ warnings?: readonly string[] }>, shown = 3): string {
  const counts = new Map<string, number>();
  for (const result of results) for (const text of new Set(result.warnings ?? [])) counts.set(text, (counts.get(text) ?? 0) + 1);
  if (counts.size === 0) return '';
  const texts = [...counts].slice(0, shown).map(([text, count]) => (count > 1 ? `${text} (${count} times)` : text));
  const more = counts.size > shown ? `; and ${counts.size - shown} other warning${counts.size - shown === 1 ? '' : 's'} (see the report)` : '';
  return `${warnedText(texts)}${more}`;
}

const SECTIONS: Array<[Outcome, string]> = [
  ['unknown', 'May have been applied (not confirmed: check these before trying again)'],
  ['not-applied', 'Not applied'],
  ['not-sent', 'Not sent'],
  ['applied', 'Applied'],
];

export interface ReportOptions {
  title: string;
  past: string;
  /** One line naming the subject: name, source, id. */
  describe: (result: ChangeResult) => string;
  context?: string[];
  at?: Date;
}

/** The per-item report of a bulk action, as Markdown, in the four sections of the outcome model. */
export function bulkReportMarkdown(results: readonly ChangeResult[], options: ReportOptions): string {
  const lines = [`# ${options.title}`, '', `${(options.at ?? new Date()).toISOString()}`, ''];
  for (const line of options.context ?? []) lines.push(line, '');
  lines.push(`**${summarizeOutcomes(results, options.past)}** (${results.length} in all)`, '');
  for (const [outcome, heading] of SECTIONS) {
    const matching = results.filter((result) => result.outcome === outcome);
    if (matching.length === 0) continue;
    lines.push(`## ${heading}: ${matching.length}`, '');
    for (const result of matching) {
      const why = result.reason ? ` — ${result.reason}` : result.warnings?.length ? ` —${warnedText(result.warnings)}` : '';
      const tracking = result.trackingId && !result.reason?.includes(result.trackingId) ? ` (tracking id ${result.trackingId})` : '';
      const task = result.taskId ? ` [task ${result.taskId}]` : '';
      lines.push(`- ${options.describe(result)}${why}${tracking}${task}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
