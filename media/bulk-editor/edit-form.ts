// The bulk edit's form: which attribute, what to do to it, and the value or item. It reads
// back as a BulkEdit or as the one problem that stops it being one; the chosen attribute's
// current values are shown beside it as a distribution.
import { parseValue } from '../../src/editor/shared/draft';
import type { AttributeOverview, BulkEdit, BulkEditKind } from '../../src/editor/shared/bulk-protocol';
import type { SingleValueType, ValueDraft } from '../../src/editor/shared/protocol';
import { h } from '../editor/dom';
import { renderDistribution } from './distribution';

export type ValueType = SingleValueType | 'list';

/** What the user has entered, saved with setState so a rebuilt page keeps it. */
export interface FormState {
  attribute: string;
  kind: BulkEditKind;
  valueType: ValueType;
  valueText: string;
  item: string;
}

export const EMPTY_FORM: FormState = { attribute: '', kind: 'set', valueType: 'string', valueText: '', item: '' };

export type FormReading = { ok: true; edit: BulkEdit } | { ok: false; problem: string };

const KIND_LABELS: Record<BulkEditKind, string> = {
  set: 'Set or replace the value',
  remove: 'Remove the attribute',
  'add-item': 'Add an item',
  'remove-item': 'Remove an item',
};

/** The same type names the single-account editor offers, plus a list for multi-valued attributes. */
const TYPE_LABELS: Record<ValueType, string> = { string: 'Text', number: 'Number', boolean: 'True/false', null: 'Null', list: 'List of text' };

export function readForm(state: FormState): FormReading {
  const attribute = state.attribute;
  if (attribute.trim() === '') return { ok: false, problem: 'Choose an attribute, or type the name of a new one.' };
  switch (state.kind) {
    case 'remove':
      return { ok: true, edit: { kind: 'remove', attribute } };
    case 'add-item':
    case 'remove-item':
      if (state.item === '') return { ok: false, problem: 'Type the item.' };
      return { ok: true, edit: { kind: state.kind, attribute, item: state.item } };
    case 'set': {
      const draft: ValueDraft =
        state.valueType === 'list'
          ? { kind: 'multi', items: state.valueText.split('\n').filter((line) => line !== '') }
          : { kind: 'single', type: state.valueType, text: state.valueText };
      const parsed = parseValue(draft);
      return parsed.ok ? { ok: true, edit: { kind: 'set', attribute, value: parsed.value } } : { ok: false, problem: parsed.message };
    }
  }
}

export interface EditForm {
  state(): FormState;
  restore(state: FormState): void;
  setAttributes(attributes: AttributeOverview[]): void;
  /** The plan request's refusal, or the form's own problem; '' clears it. */
  setProblem(text: string): void;
  setDisabled(disabled: boolean): void;
  /** The Show Plan button, enabled by the caller. */
  readonly showPlan: HTMLButtonElement;
  readonly cancel: HTMLButtonElement;
}

let fieldIds = 0;

function field(label: string, control: HTMLElement, hint?: HTMLElement): { wrapper: HTMLElement; control: HTMLElement } {
  const id = control.id || `field-${++fieldIds}`;
  control.id = id;
  const wrapper = h('div', { className: 'field' }, [h('label', { text: label, attrs: { for: id } }), control, hint]);
  return { wrapper, control };
}

/** Builds the form's controls once into `form`; `changed` runs after every user change. */
export function createEditForm(form: HTMLFormElement, changed: () => void): EditForm {
  let attributes: AttributeOverview[] = [];
  const names = h('datalist', { id: 'attribute-names' });
  const attribute = h('input', {
    id: 'attribute',
    attrs: { type: 'text', list: 'attribute-names', spellcheck: 'false', autocomplete: 'off', placeholder: 'department, groups, …' },
  });
  const kind = h('select', { id: 'operation' });
  for (const [value, label] of Object.entries(KIND_LABELS)) kind.append(h('option', { text: label, attrs: { value } }));
  const kindHint = h('p', { id: 'operation-hint', className: 'hint' });
  kind.setAttribute('aria-describedby', kindHint.id);
  const valueType = h('select', { id: 'value-type' });
  for (const [value, label] of Object.entries(TYPE_LABELS)) valueType.append(h('option', { text: label, attrs: { value } }));
  const valueText = h('input', { id: 'value', attrs: { type: 'text', spellcheck: 'false' } });
  const valueBoolean = h('select', { id: 'value-boolean' }, [
    h('option', { text: 'true', attrs: { value: 'true' } }),
    h('option', { text: 'false', attrs: { value: 'false' } }),
  ]);
  const valueList = h('textarea', { id: 'value-list', className: 'json', attrs: { rows: '4', spellcheck: 'false', placeholder: 'One item per line' } });
  const item = h('input', { id: 'item', attrs: { type: 'text', spellcheck: 'false' } });
  const problem = h('p', { id: 'edit-problem', className: 'problem', attrs: { hidden: '', role: 'alert' } });
  const showPlan = h('button', { id: 'show-plan', attrs: { type: 'submit' } }, [h('span', { className: 'codicon codicon-checklist', attrs: { 'aria-hidden': 'true' } }), document.createTextNode(' Show Plan')]);
  const cancel = h('button', { id: 'cancel-plan', className: 'secondary', text: 'Cancel', attrs: { type: 'button', hidden: '' } });
  const distribution = h('div', { id: 'distribution', className: 'distribution', attrs: { 'aria-live': 'polite' } });

  const valueLabel = h('label', { text: 'New value', attrs: { for: valueText.id } });
  const valueRow = h('div', { className: 'field' }, [
    valueLabel,
    h('div', { className: 'value-row' }, [valueType, valueText, valueBoolean]),
    valueList,
  ]);
  valueType.setAttribute('aria-label', 'Value type');
  const itemRow = field('Item', item).wrapper;
  form.append(
    names,
    field('Attribute', attribute).wrapper,
    distribution,
    field('Operation', kind, kindHint).wrapper,
    valueRow,
    itemRow,
    h('div', { className: 'form-actions' }, [showPlan, cancel]),
    problem,
  );

  const known = () => attributes.find((candidate) => candidate.name === attribute.value);

  /** Shows the controls the operation needs and what the chosen attribute holds. */
  function sync(): void {
    const found = known();
    const itemsAllowed = !found || found.multiValued;
    for (const option of Array.from(kind.options)) {
      if (option.value === 'add-item' || option.value === 'remove-item') option.disabled = !itemsAllowed;
    }
    if (!itemsAllowed && (kind.value === 'add-item' || kind.value === 'remove-item')) kind.value = 'set';
    kindHint.textContent = itemsAllowed
      ? ''
      : `${found?.name} holds single values on these accounts: set or remove it; item operations are for multi-valued attributes.`;
    const isSet = kind.value === 'set';
    valueRow.hidden = !isSet;
    itemRow.hidden = kind.value !== 'add-item' && kind.value !== 'remove-item';
    const type = valueType.value as ValueType;
    valueText.hidden = type === 'boolean' || type === 'list';
    valueText.disabled = type === 'null';
    valueText.placeholder = type === 'null' ? 'null' : type === 'number' ? '42' : '';
    valueBoolean.hidden = type !== 'boolean';
    valueList.hidden = type !== 'list';
    // The label names whichever control holds the value for this type.
    valueLabel.htmlFor = type === 'boolean' ? valueBoolean.id : type === 'list' ? valueList.id : valueText.id;
    renderDistribution(distribution, attribute.value, found);
  }

  const state = (): FormState => ({
    attribute: attribute.value,
    kind: kind.value as BulkEditKind,
    valueType: valueType.value as ValueType,
    valueText: valueType.value === 'boolean' ? valueBoolean.value : valueType.value === 'list' ? valueList.value : valueText.value,
    item: item.value,
  });

  attribute.addEventListener('input', () => {
    // A multi-valued attribute is set with a list unless the user already chose otherwise.
    const found = known();
    if (found?.multiValued && valueType.value === 'string' && valueText.value === '') valueType.value = 'list';
    sync();
    changed();
  });
  for (const control of [kind, valueType, valueBoolean]) control.addEventListener('change', () => (sync(), changed()));
  for (const control of [valueText, valueList, item]) control.addEventListener('input', () => changed());

  sync();
  return {
    state,
    restore(saved) {
      attribute.value = saved.attribute;
      kind.value = saved.kind;
      valueType.value = saved.valueType;
      if (saved.valueType === 'boolean') valueBoolean.value = saved.valueText === 'true' ? 'true' : 'false';
      else if (saved.valueType === 'list') valueList.value = saved.valueText;
      else valueText.value = saved.valueText;
      item.value = saved.item;
      sync();
    },
    setAttributes(next) {
      attributes = next;
      names.replaceChildren(...next.map((found) => h('option', { attrs: { value: found.name } })));
      sync();
    },
    setProblem(text) {
      problem.textContent = text;
      problem.hidden = text === '';
    },
    setDisabled(disabled) {
      for (const control of [attribute, kind, valueType, valueText, valueBoolean, valueList, item]) control.toggleAttribute('readonly', disabled);
      form.inert = disabled;
    },
    showPlan,
    cancel,
  };
}
