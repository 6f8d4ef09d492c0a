// A bulk attribute edit of loaded targets: the overview, plans (the latest is the one Apply may
// send), and Apply: one question naming the counts, then the changed accounts through the
// explorer's bulk run (one journal entry per tenant, paced, cancellable, a report per account),
// each account read with its chunk just before its patch, and its patch sent only if the
// account still holds what the plan saw (the guard, checked by the journal).
import type { BulkEditSession } from '../editor/bulk-session';
import type { AttributeOverview, BulkApplySummary, BulkEdit, BulkPlanView } from '../editor/shared/bulk-protocol';
import { ChunkedAccountReads, READ_CHUNK } from '../isc/chunked-account-reads';
import { planBulkEdit, type BulkEditPlan } from '../core/bulk-edit-plan';
import { validateBulkEdit } from '../core/bulk-edit-input';
import { countOutcomes, type ChangeReport } from '../core/change-report';
import type { CommandContext } from './context';
import { accountCount, runAccountBulk } from './account-bulk';
import type { LoadedTargets } from './bulk-edit-loading';
import type { AccountTarget } from './targets';

export class AccountsBulkEditSession implements BulkEditSession {
  private latest: BulkEditPlan | undefined;

  constructor(
    private readonly ctx: CommandContext,
    private readonly loaded: LoadedTargets,
  ) {}

  get title(): string {
    return this.loaded.title;
  }

  get targets(): number {
    return this.loaded.collected.count;
  }

  overview(): AttributeOverview[] {
    return this.loaded.collected.tally.overview();
  }

  async plan(edit: BulkEdit): Promise<BulkPlanView> {
    const valid = validateBulkEdit(edit);
    this.latest = planBulkEdit(this.loaded.collected.targets, valid, { requestsPer10Seconds: this.ctx.clients.settings().requestsPer10Seconds, readChunk: READ_CHUNK });
    return this.latest.view;
  }

  async apply(planId: string, progress: (message: string, done: number, total: number) => void): Promise<BulkApplySummary | 'cancelled'> {
    const report = await this.applyPlan(planId, progress);
    if (report === 'cancelled') return report;
    const counts = countOutcomes(report.results);
    return { summary: report.summary ?? '', applied: counts.applied, notApplied: counts.notApplied, unknown: counts.unknown, notSent: counts.notSent, report: report.report };
  }

  /** Asks once, then sends the plan; the usual report of a bulk command, or 'cancelled' when declined. */
  async applyPlan(planId: string, progress?: (message: string, done: number, total: number) => void): Promise<ChangeReport | 'cancelled'> {
    const plan = this.latest;
    if (!plan || plan.view.planId !== planId) throw new Error('That plan is not the latest one made for these accounts; make the plan again, then apply it.');
    const { view, changes } = plan;
    const leftOut = `${view.unchanged.length} unchanged and ${view.skipped.length} skipped ${view.unchanged.length + view.skipped.length === 1 ? 'is' : 'are'} not sent`;
    if (changes.length === 0) {
      void this.ctx.ui.notify('info', `${this.title}: nothing to send; the edit changes none of the ${accountCount(view.targets)} (${leftOut}).`);
      return { summary: 'nothing to change', results: [] };
    }
    const confirmed = await this.ctx.ui.confirm({
      message: `Apply ${changes.length} ${changes.length === 1 ? 'change' : 'changes'} to accounts of ${this.loaded.scope}?`,
      detail:
        `${describeEdit(view.edit)}: ${accountCount(changes.length)} changed; ${leftOut}. ${view.requests} requests, about ${Math.ceil(view.estimatedSeconds)} s at the tenant's pace. ` +
        'Each account is read just before its change: one changed since this plan is skipped and reported, never overwritten.',
      confirm: 'Apply',
    });
    if (!confirmed) return 'cancelled';
    const byId = new Map(this.loaded.collected.accounts.map((account) => [account.id, account]));
    const patches = new Map(changes.map((change) => [change.accountId, change]));
    const targets: AccountTarget[] = changes.map((change) => ({ tenantId: this.loaded.tenantId, accountId: change.accountId, account: byId.get(change.accountId) }));
    const client = await this.ctx.clients.forTenant(this.loaded.tenantId);
    const reads = new ChunkedAccountReads(client, changes.map((change) => change.accountId));
    return runAccountBulk(this.ctx, targets, {
      title: `Edit ${view.edit.attribute} (${describeEdit(view.edit)})`,
      progressVerb: 'Editing',
      past: 'changed',
      pending: `Edit ${view.edit.attribute}`,
      spec: (target) => {
        const { operations, guard } = patches.get(target.accountId)!;
        return { kind: 'patch', accountId: target.accountId, operations, guard };
      },
      before: (target, signal) => reads.before(target.accountId, signal),
      onProgress: progress,
      reportContext: planContext(view),
    });
  }
}

/** "set department to "Finance"", "remove the item "Project-Beta" from groups" */
export function describeEdit(edit: BulkEdit): string {
  switch (edit.kind) {
    case 'set':
      return `set ${edit.attribute} to ${JSON.stringify(edit.value)}`;
    case 'remove':
      return `remove ${edit.attribute}`;
    case 'add-item':
      return `add "${edit.item}" to ${edit.attribute}`;
    case 'remove-item':
      return `remove "${edit.item}" from ${edit.attribute}`;
  }
}

const LISTED = 500;

/** The report's lines for the accounts the plan left out, with why (the first few hundred of each). */
function planContext(view: BulkPlanView): string[] {
  const lines = [`Plan: ${describeEdit(view.edit)} on ${accountCount(view.targets)}: ${view.changed} changed, ${view.unchanged.length} unchanged, ${view.skipped.length} skipped.`];
  const more = (count: number) => (count > LISTED ? [`- … and ${count - LISTED} more`] : []);
  if (view.unchanged.length > 0) {
    lines.push(`Unchanged, not sent: ${view.unchanged.length}`, [...view.unchanged.slice(0, LISTED).map((account) => `- ${account.accountName} (${account.accountId})`), ...more(view.unchanged.length)].join('\n'));
  }
  if (view.skipped.length > 0) {
    lines.push(`Skipped, not sent: ${view.skipped.length}`, [...view.skipped.slice(0, LISTED).map((account) => `- ${account.accountName} (${account.accountId}) — ${account.reason}`), ...more(view.skipped.length)].join('\n'));
  }
  return lines;
}
