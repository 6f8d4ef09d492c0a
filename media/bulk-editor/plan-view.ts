// The plan as the user checks it before Apply: the counts, the requests and the time the
// rate limit implies, the first patches in full, every patch counted by shape, and the
// unchanged and skipped accounts listed. Every value goes in as text.
import type { BulkPlanView, PlannedAccount } from '../../src/editor/shared/bulk-protocol';
import type { JsonPatchOperation } from '../../src/patch';
import { h, icon } from '../editor/dom';

/** Longer lists are cut here: thousands of rows help nobody, the per-account report has them all. */
const LISTED = 500;

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** "about 2 min 5 s" for the time the rate limit implies. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  const whole = Math.ceil(seconds);
  if (whole < 60) return `about ${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `about ${minutes} min${whole % 60 ? ` ${whole % 60} s` : ''}`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A patch as JSON text, one operation per line (a single one on the brackets' line), so several fit on a screen. */
export function patchText(operations: readonly JsonPatchOperation[]): string {
  const line = (operation: JsonPatchOperation) =>
    `{ ${Object.entries(operation).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')} }`;
  if (operations.length === 1) return `[${line(operations[0])}]`;
  return `[\n${operations.map((operation) => `  ${line(operation)}`).join(',\n')}\n]`;
}

function count(value: number, label: string, className: string, iconName: string): HTMLElement {
  return h('div', { className: `plan-count ${className}` }, [
    icon(iconName),
    h('span', { className: 'plan-count-number', text: value.toLocaleString('en-US') }),
    h('span', { className: 'plan-count-label', text: label }),
  ]);
}

function accountLabel(account: PlannedAccount): HTMLElement[] {
  return [h('span', { className: 'account-name', text: account.accountName }), h('span', { className: 'account-id', text: account.accountId })];
}

function accountList(title: string, id: string, rows: HTMLElement[], total: number): HTMLElement {
  const details = h('details', { id, className: 'plan-list' }, [
    h('summary', { text: `${title} (${total.toLocaleString('en-US')})` }),
    h('ul', {}, rows.slice(0, LISTED)),
  ]);
  if (total > LISTED) details.append(h('p', { className: 'hint', text: `…and ${plural(total - LISTED, 'more account')}; the report after Apply lists every one.` }));
  // Short lists are open: they are what the user came to check.
  details.open = total > 0 && total <= 12;
  return details;
}

export function renderPlan(container: HTMLElement, plan: BulkPlanView): void {
  const notShown = plan.changed - plan.examples.length;
  const patches = plan.examples.map((example) =>
    h('li', { className: 'patch' }, [
      h('div', { className: 'patch-head' }, accountLabel(example)),
      h('pre', { className: 'payload-body', text: patchText(example.operations) }),
    ]),
  );
  const shapes = plan.shapes.map((shape) =>
    h('li', {}, [h('code', { text: shape.shape }), h('span', { className: 'hint', text: ` × ${shape.count.toLocaleString('en-US')}` })]),
  );
  container.replaceChildren(
    h('div', { className: 'plan-counts', attrs: { role: 'group', 'aria-label': 'Plan counts' } }, [
      count(plan.changed, 'will change', 'changed', 'edit'),
      count(plan.unchanged.length, 'unchanged', 'unchanged', 'check'),
      count(plan.skipped.length, 'skipped', 'skipped', 'circle-slash'),
    ]),
    h('p', {
      id: 'plan-cost',
      className: 'plan-cost',
      text: `${plural(plan.requests, 'request')} to ${plural(plan.targets, 'target account')}: ${formatDuration(plan.estimatedSeconds)} at the rate limit.`,
    }),
    h('h3', { text: plan.changed === 0 ? 'No account changes' : `Patches (${plan.examples.length} of ${plan.changed.toLocaleString('en-US')} in full)` }),
    h('ol', { id: 'patches', className: 'patches' }, patches),
    ...(plan.changed > 0
      ? [
          h('h3', { text: notShown > 0 ? `All ${plural(plan.changed, 'changed account')} by patch shape (${notShown.toLocaleString('en-US')} not shown above)` : 'By patch shape' }),
          h('ul', { id: 'shapes', className: 'shapes' }, shapes),
        ]
      : []),
    accountList('Unchanged: not sent', 'unchanged', plan.unchanged.map((account) => h('li', {}, accountLabel(account))), plan.unchanged.length),
    // The list's heading already says skipped: a reason is shown from its "why".
    accountList(
      'Skipped',
      'skipped',
      plan.skipped.map((account) => h('li', {}, [...accountLabel(account), h('span', { className: 'skip-reason', text: account.reason.replace(/^skipped: /, '') })])),
      plan.skipped.length,
    ),
  );
}
