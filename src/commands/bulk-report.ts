// The per-item report of a bulk action, as Markdown for a read-only document. No vscode.
import { errorSummary } from '../ui/error-text';
import { summarize, type BulkOutcome } from './bulk-run';

export interface ReportOptions<T> {
  title: string;
  /** "disabled", "enabled", … */
  donePastTense: string;
  /** One line naming the item: name, source, id. */
  describe: (item: T) => string;
  context?: string[];
  at?: Date;
}

const SECTIONS = [
  ['failed', 'Failed'],
  ['stopped', 'Stopped when cancelled (started; ISC may still finish them)'],
  ['not-attempted', 'Not attempted (cancelled before they started)'],
  ['succeeded', 'Succeeded'],
] as const;

export function bulkReportMarkdown<T, R>(outcomes: ReadonlyArray<BulkOutcome<T, R>>, options: ReportOptions<T>): string {
  const lines = [`# ${options.title}`, '', `${(options.at ?? new Date()).toISOString()}`, ''];
  for (const line of options.context ?? []) lines.push(line, '');
  lines.push(`**${summarize(outcomes, options.donePastTense)}** (${outcomes.length} in all)`, '');
  for (const [status, heading] of SECTIONS) {
    const matching = outcomes.filter((outcome) => outcome.status === status);
    if (matching.length === 0) continue;
    lines.push(`## ${heading}: ${matching.length}`, '');
    for (const outcome of matching) {
      const reason = 'error' in outcome ? ` — ${errorSummary(outcome.error)}` : '';
      lines.push(`- ${options.describe(outcome.item)}${reason}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
