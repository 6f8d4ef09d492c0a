// The whole form: the attributes, the buttons that add one, and the correlation section.
// Rebuilt only when its structure changes; typing updates the draft in place.
import type { DraftProblems } from '../../src/editor/shared/draft';
import { type FormContext, problemSlot, renderAttribute } from './attribute-row';
import { h, icon, textInput } from './dom';
import * as edits from './edits';

export function renderForm(form: HTMLElement, context: FormContext): void {
  context.slots.clear();
  const { draft, readOnly } = context;
  const attributes = h('section', { className: 'group', attrs: { 'aria-labelledby': 'attributes-heading' } }, [
    h('h2', { id: 'attributes-heading', text: `Attributes (${draft.attributes.length})` }),
  ]);
  if (draft.attributes.length === 0) attributes.append(h('p', { className: 'hint', text: 'This account has no attributes.' }));
  for (const row of draft.attributes) attributes.append(renderAttribute(context, row));
  if (!readOnly) {
    attributes.append(
      h('div', { className: 'add-row' }, [
        addButton('Add attribute', 'add:single', () => context.restructured(`name:${edits.addAttribute(draft, 'single')}`)),
        addButton('Add multi-valued attribute', 'add:multi', () =>
          context.restructured(`name:${edits.addAttribute(draft, 'multi')}`),
        ),
      ]),
    );
  }
  form.replaceChildren(attributes, correlationSection(context));
}

function addButton(label: string, focusKey: string, onClick: () => void): HTMLButtonElement {
  const button = h('button', { className: 'secondary', text: label, attrs: { type: 'button', 'data-focus': focusKey } });
  button.prepend(icon('add'));
  button.addEventListener('click', onClick);
  return button;
}

/** ISC takes correlation patches on any account, so this section stays editable when attributes are read-only. */
function correlationSection(context: FormContext): HTMLElement {
  const { correlation } = context.draft;
  const identity = textInput(correlation.identityId, 'identityId', { id: 'identity-id', placeholder: 'not correlated' });
  identity.addEventListener('input', () => {
    correlation.identityId = identity.value;
    context.edited();
  });
  const manual = h('input', { id: 'manually-correlated', attrs: { type: 'checkbox', 'data-focus': 'manuallyCorrelated' } });
  manual.checked = correlation.manuallyCorrelated;
  manual.addEventListener('change', () => {
    correlation.manuallyCorrelated = manual.checked;
    context.edited();
  });
  const identityHint = h('p', { id: 'identity-hint', className: 'hint', text: 'Empty means no identity: Apply uncorrelates the account.' });
  identity.setAttribute('aria-describedby', identityHint.id);
  return h('fieldset', { className: 'group correlation' }, [
    h('legend', { text: 'Identity correlation' }),
    h('label', { text: 'Identity id', attrs: { for: identity.id } }),
    identity,
    identityHint,
    problemSlot(context, 'identityId', identity),
    h('div', { className: 'checkbox-row' }, [manual, h('label', { text: 'Manually correlated', attrs: { for: manual.id } })]),
  ]);
}

/** Fills or clears each field's message and marks the field invalid for assistive tech. */
export function showProblems(slots: FormContext['slots'], problems: DraftProblems): void {
  for (const [key, { message, field }] of slots) {
    const found = lookup(problems, key);
    message.textContent = found?.message ?? '';
    message.hidden = !found;
    message.classList.toggle('warning', found?.severity === 'warning');
    if (found?.severity === 'error') field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }
}

function lookup(problems: DraftProblems, key: string): { message: string; severity: 'error' | 'warning' } | undefined {
  if (key === 'identityId') return problems.identityId ? { message: problems.identityId, severity: 'error' } : undefined;
  const [field, rowId, index] = key.split(':');
  const row = problems.rows[rowId];
  if (!row) return undefined;
  if (field === 'item') {
    const message = row.items?.[Number(index)];
    return message ? { message, severity: 'error' } : undefined;
  }
  return field === 'name' ? row.name : field === 'value' ? row.value : undefined;
}
