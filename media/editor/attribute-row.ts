// One attribute of the form: its name, its value (a text field, a list of items, or JSON
// text) and the buttons that change it. Keyboard: Enter in an item adds the next one,
// Alt+Up/Down moves an item, Escape on an unnamed new attribute drops it.
import type { AttributeDraft, EditorDraft, SingleValueType } from '../../src/editor/shared/protocol';
import { h, iconButton, textInput } from './dom';
import * as edits from './edits';

/** Where each field's problem message goes, filled while the form is built. */
export type ProblemSlots = Map<string, { message: HTMLElement; field: HTMLElement }>;

export interface FormContext {
  draft: EditorDraft;
  readOnly: boolean;
  slots: ProblemSlots;
  /** A text changed: problems and preview refresh, the form stays as it is. */
  edited(): void;
  /** Rows or items were added, removed or moved: the form is rebuilt, then the first focusable of `focusKeys` focused. */
  restructured(...focusKeys: string[]): void;
}

let problemIds = 0;

/** An empty message element tied to `field` by aria-describedby, so a screen reader reads the problem with the field. */
export function problemSlot(context: FormContext, key: string, field: HTMLElement): HTMLElement {
  const message = h('p', { id: `problem-${++problemIds}`, className: 'problem', attrs: { hidden: '' } });
  const describedBy = [field.getAttribute('aria-describedby'), message.id].filter(Boolean).join(' ');
  field.setAttribute('aria-describedby', describedBy);
  context.slots.set(key, { message, field });
  return message;
}

const TYPE_LABELS: Record<SingleValueType, string> = { string: 'Text', number: 'Number', boolean: 'True/false', null: 'Null' };

export function renderAttribute(context: FormContext, row: AttributeDraft): HTMLElement {
  const { draft, readOnly } = context;
  const section = h('section', { className: 'attr', attrs: { 'aria-label': `Attribute ${row.name}`, 'data-row': row.rowId } });
  const nameInput = textInput(row.name, `name:${row.rowId}`, { id: `name-${row.rowId}`, 'aria-label': 'Attribute name', class: 'attr-name' });
  nameInput.readOnly = readOnly;
  nameInput.addEventListener('input', () => {
    edits.setName(draft, row.rowId, nameInput.value);
    section.setAttribute('aria-label', `Attribute ${nameInput.value}`);
    context.edited();
  });
  nameInput.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && nameInput.value === '' && !readOnly) {
      edits.removeAttribute(draft, row.rowId);
      context.restructured('add:single');
    }
  });
  const head = h('div', { className: 'attr-head' }, [
    nameInput,
    kindControl(context, row),
    readOnly
      ? null
      : iconButton({
          icon: 'trash',
          label: `Remove attribute ${row.name || '(unnamed)'}`,
          focusKey: `remove:${row.rowId}`,
          onClick: () => {
            edits.removeAttribute(draft, row.rowId);
            context.restructured('add:single');
          },
        }),
  ]);
  const nameProblem = problemSlot(context, `name:${row.rowId}`, nameInput);
  section.append(head, nameProblem, ...valueEditor(context, row, nameInput.id));
  return section;
}

function kindControl(context: FormContext, row: AttributeDraft): HTMLElement {
  const value = row.value;
  if (value.kind === 'multi') return h('span', { className: 'tag', text: 'multi-valued' });
  if (value.kind === 'json') return h('span', { className: 'tag', text: 'JSON' });
  const select = h('select', { attrs: { 'aria-label': 'Value type', 'data-focus': `type:${row.rowId}` } });
  for (const type of Object.keys(TYPE_LABELS) as SingleValueType[]) {
    const option = h('option', { text: TYPE_LABELS[type], attrs: { value: type } });
    option.selected = type === value.type;
    select.append(option);
  }
  select.disabled = context.readOnly;
  select.addEventListener('change', () => {
    edits.setSingleType(context.draft, row.rowId, select.value as SingleValueType);
    context.restructured(`type:${row.rowId}`);
  });
  return select;
}

function valueEditor(context: FormContext, row: AttributeDraft, nameId: string): HTMLElement[] {
  const value = row.value;
  if (value.kind === 'multi') return [itemList(context, row, value.items, nameId)];
  let field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (value.kind === 'json') {
    field = h('textarea', { className: 'json', attrs: { rows: String(Math.min(12, value.text.split('\n').length + 1)), spellcheck: 'false' } });
    field.value = value.text;
  } else if (value.type === 'boolean') {
    field = h('select', {}, [h('option', { text: 'true', attrs: { value: 'true' } }), h('option', { text: 'false', attrs: { value: 'false' } })]);
    field.value = value.text === 'true' ? 'true' : 'false';
  } else {
    field = textInput(value.text, '', { placeholder: value.type === 'null' ? 'null' : '' });
    field.disabled = value.type === 'null';
  }
  field.setAttribute('data-focus', `value:${row.rowId}`);
  field.setAttribute('aria-labelledby', nameId);
  field.classList.add('attr-value');
  if (field instanceof HTMLSelectElement) field.disabled = context.readOnly;
  else field.readOnly = context.readOnly;
  field.addEventListener(field instanceof HTMLSelectElement ? 'change' : 'input', () => {
    edits.setText(context.draft, row.rowId, field.value);
    context.edited();
  });
  return [field, problemSlot(context, `value:${row.rowId}`, field)];
}

function itemList(context: FormContext, row: AttributeDraft, items: string[], nameId: string): HTMLElement {
  const { draft, readOnly } = context;
  const list = h('ol', { className: 'items', attrs: { 'aria-labelledby': nameId } });
  items.forEach((item, index) => {
    const positionId = `pos-${row.rowId}-${index}`;
    const input = textInput(item, `item:${row.rowId}:${index}`, {
      'aria-labelledby': `${nameId} ${positionId}`,
      class: 'item-value',
    });
    input.readOnly = readOnly;
    input.addEventListener('input', () => {
      edits.setItem(draft, row.rowId, index, input.value);
      context.edited();
    });
    input.addEventListener('keydown', (event) => {
      if (readOnly) return;
      if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        edits.insertItem(draft, row.rowId, index + 1);
        context.restructured(`item:${row.rowId}:${index + 1}`);
      } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        const moved = edits.moveItem(draft, row.rowId, index, event.key === 'ArrowUp' ? -1 : 1);
        context.restructured(`item:${row.rowId}:${moved}`);
      }
    });
    const label = `item ${index + 1} of ${row.name || 'this attribute'}`;
    const buttons = readOnly
      ? []
      : [
          iconButton({ icon: 'arrow-up', label: `Move ${label} up`, focusKey: `up:${row.rowId}:${index}`, disabled: index === 0, onClick: () => move(-1) }),
          iconButton({ icon: 'arrow-down', label: `Move ${label} down`, focusKey: `down:${row.rowId}:${index}`, disabled: index === items.length - 1, onClick: () => move(1) }),
          iconButton({
            icon: 'close',
            label: `Remove ${label}`,
            focusKey: `remove-item:${row.rowId}:${index}`,
            onClick: () => {
              edits.removeItem(draft, row.rowId, index);
              context.restructured(items.length > 0 ? `item:${row.rowId}:${Math.min(index, items.length - 1)}` : `add-item:${row.rowId}`);
            },
          }),
        ];
    // Focus follows the item to its new place: the same button, or the other one once it hits an end.
    function move(delta: -1 | 1): void {
      const moved = edits.moveItem(draft, row.rowId, index, delta);
      const [same, other] = delta < 0 ? ['up', 'down'] : ['down', 'up'];
      context.restructured(`${same}:${row.rowId}:${moved}`, `${other}:${row.rowId}:${moved}`, `item:${row.rowId}:${moved}`);
    }
    list.append(
      h('li', { className: 'item' }, [
        h('span', { id: positionId, className: 'visually-hidden', text: `item ${index + 1}` }),
        input,
        ...buttons,
        problemSlot(context, `item:${row.rowId}:${index}`, input),
      ]),
    );
  });
  const wrapper = h('div', { className: 'multi' }, [list]);
  if (!readOnly) {
    const add = h('button', {
      className: 'text-button',
      text: 'Add item',
      attrs: { type: 'button', 'data-focus': `add-item:${row.rowId}`, 'aria-label': `Add an item to ${row.name || 'this attribute'}` },
    });
    add.prepend(h('span', { className: 'codicon codicon-add', attrs: { 'aria-hidden': 'true' } }));
    add.addEventListener('click', () => {
      edits.insertItem(draft, row.rowId, items.length);
      context.restructured(`item:${row.rowId}:${items.length - 1}`);
    });
    wrapper.append(add);
  }
  return wrapper;
}
