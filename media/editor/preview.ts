// Beside the form: what changed per attribute against what was loaded, and the exact
// request bodies Apply will send.
import { previewParts, type EditPlan } from '../../src/editor/shared/plan';
import type { LoadedAccount } from '../../src/editor/shared/protocol';
import type { AttributeValue } from '../../src/isc/models';
import { h, icon } from './dom';

export interface PreviewActions {
  restore(name: string, value: AttributeValue): void;
}

function shown(value: AttributeValue | null | undefined): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

function change(kind: 'added' | 'changed' | 'removed', name: string, details: Node[]): HTMLLIElement {
  const iconName = kind === 'added' ? 'diff-added' : kind === 'removed' ? 'diff-removed' : 'diff-modified';
  return h('li', { className: `change ${kind}` }, [
    icon(iconName),
    h('span', { className: 'change-name', text: name }),
    h('span', { className: 'change-kind', text: kind }),
    ...details,
  ]);
}

function code(value: AttributeValue | null | undefined, className = ''): HTMLElement {
  return h('code', { className, text: shown(value) });
}

export function renderChanges(list: HTMLElement, plan: EditPlan, base: LoadedAccount, actions: PreviewActions): void {
  list.replaceChildren();
  if (plan.blocked) {
    list.append(h('li', { className: 'hint', text: `Fix ${plan.problems.errors.length === 1 ? 'the problem' : `the ${plan.problems.errors.length} problems`} in the form first:` }));
    for (const error of plan.problems.errors) list.append(h('li', { className: 'problem-line', text: error }));
    return;
  }
  for (const entry of plan.changes) {
    if (entry.kind === 'added') list.append(change('added', entry.name, [code(entry.after, 'new')]));
    else if (entry.kind === 'changed') {
      list.append(change('changed', entry.name, [code(entry.before, 'old'), h('span', { text: '→', attrs: { 'aria-label': 'becomes' } }), code(entry.after, 'new')]));
    } else {
      const restore = h('button', {
        className: 'text-button',
        text: 'Restore',
        attrs: { type: 'button', 'aria-label': `Restore attribute ${entry.name}`, 'data-focus': `restore:${entry.name}` },
      });
      restore.addEventListener('click', () => actions.restore(entry.name, entry.before));
      list.append(change('removed', entry.name, [code(entry.before, 'old'), restore]));
    }
  }
  for (const operation of plan.operations) {
    if (operation.path === '/identityId' && operation.op === 'remove') {
      list.append(change('removed', 'identity (uncorrelate)', [code(base.identityId, 'old')]));
    } else if (operation.path === '/identityId' && operation.op === 'replace') {
      list.append(change('changed', 'identity', [code(base.identityId, 'old'), h('span', { text: '→' }), code(operation.value as string, 'new')]));
    } else if (operation.path === '/manuallyCorrelated' && operation.op === 'replace' && operation.value !== base.manuallyCorrelated) {
      list.append(change('changed', 'manually correlated', [code(base.manuallyCorrelated, 'old'), h('span', { text: '→' }), code(operation.value as boolean, 'new')]));
    }
  }
  if (list.childElementCount === 0) list.append(h('li', { className: 'hint', text: 'No changes yet.' }));
}

export function renderPayload(container: HTMLElement, plan: EditPlan, accountId: string): void {
  const parts = previewParts(plan, accountId);
  container.replaceChildren(
    ...parts.map((part, index) =>
      h('div', { className: 'request' }, [
        h('p', { className: 'request-line', text: index > 0 ? `then ${part.request}` : part.request }),
        h('pre', { className: 'payload-body', text: part.body, attrs: { tabindex: '0', 'aria-label': `Body of ${part.request}` } }),
      ]),
    ),
  );
  if (parts.length === 0) container.append(h('p', { className: 'hint', text: 'Nothing can be sent until the form is valid.' }));
}
