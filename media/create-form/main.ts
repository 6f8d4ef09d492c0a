// The Create Account form webview. It never talks to the network: the extension sends the
// form built from the source's account schema, this script renders one field per attribute,
// reports every change, and asks the extension to Create. The same reading of values as the
// extension's marks problems while typing; the extension checks again on Create.
import { readCreateValues } from '../../src/core/create-form';
import type { CreateField, CreateFormToWebview, FieldProblem, FormValues, ShowCreateForm, WebviewToCreateForm } from '../../src/editor/shared/create-form-protocol';
import { h, icon } from '../editor/dom';

interface VsCodeApi {
  postMessage(message: WebviewToCreateForm): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  title: byId<HTMLHeadingElement>('title'),
  create: byId<HTMLButtonElement>('create'),
  cancel: byId<HTMLButtonElement>('cancel'),
  notice: byId<HTMLDivElement>('notice'),
  form: byId<HTMLFormElement>('form'),
};

let state: ShowCreateForm | undefined;
/** Fields the user has left: their problems show while typing; all show after Create. */
const touched = new Set<string>();

function post(message: WebviewToCreateForm): void {
  vscode.postMessage(message);
}

function values(): FormValues {
  return state ? state.values : {};
}

function changed(): void {
  post({ type: 'changed', values: values() });
  renderProblems(localProblems());
}

function localProblems(): FieldProblem[] {
  if (!state) return [];
  const read = readCreateValues(state.form, values());
  return read.ok ? [] : read.problems;
}

const TYPE_HINTS: Record<CreateField['type'], string> = {
  STRING: 'text',
  INT: 'whole number',
  LONG: 'whole number',
  BOOLEAN: 'true or false',
  DATE: 'date, YYYY-MM-DD',
};

function fieldId(field: CreateField, index?: number): string {
  return `field-${encodeURIComponent(field.name)}${index === undefined ? '' : `-${index}`}`;
}

function singleInput(field: CreateField, value: string, onInput: (text: string) => void, label: string, id: string, className = 'attr-value'): HTMLElement {
  if (field.type === 'BOOLEAN') {
    const select = h('select', { id, className, attrs: { 'aria-label': label } }, [
      h('option', { text: '(not set)', attrs: { value: '' } }),
      h('option', { text: 'true', attrs: { value: 'true' } }),
      h('option', { text: 'false', attrs: { value: 'false' } }),
    ]);
    // A value the choice does not have (from a script or an older form) is kept, not dropped.
    if (value !== '' && value !== 'true' && value !== 'false') select.append(h('option', { text: value, attrs: { value } }));
    select.value = value;
    select.addEventListener('change', () => onInput(select.value));
    return select;
  }
  const numeric = field.type === 'INT' || field.type === 'LONG';
  const input = h('input', {
    id,
    className,
    attrs: {
      type: 'text',
      'aria-label': label,
      inputmode: numeric ? 'numeric' : undefined,
      placeholder: field.type === 'DATE' ? 'YYYY-MM-DD' : numeric ? 'e.g. 40' : undefined,
      'aria-required': field.required ? 'true' : undefined,
    },
  });
  input.value = value;
  input.addEventListener('input', () => onInput(input.value));
  input.addEventListener('blur', () => {
    touched.add(field.name);
    renderProblems(localProblems());
  });
  return input;
}

function multiInput(field: CreateField): HTMLElement {
  const items = (() => {
    const current = values()[field.name];
    return Array.isArray(current) ? current : current ? [current] : [];
  })();
  const list = h('ol', { className: 'items', attrs: { 'aria-label': `${field.name} items` } });
  const rerender = () => {
    state!.values = { ...values(), [field.name]: [...items] };
    changed();
    renderForm();
  };
  items.forEach((item, index) => {
    const input = singleInput(field, item, (text) => {
      items[index] = text;
      state!.values = { ...values(), [field.name]: [...items] };
      changed();
    }, `${field.name}, item ${index + 1}`, fieldId(field, index), 'item-value');
    const remove = h('button', { className: 'icon-button', attrs: { type: 'button', 'aria-label': `Remove item ${index + 1} of ${field.name}`, title: 'Remove item' } }, [icon('close')]);
    remove.addEventListener('click', () => {
      items.splice(index, 1);
      rerender();
    });
    list.append(h('li', { className: 'item' }, [input, remove]));
  });
  const add = h('button', { className: 'text-button', attrs: { type: 'button', 'data-add': field.name } }, [icon('add'), document.createTextNode(` Add ${field.name} item`)]);
  add.addEventListener('click', () => {
    items.push('');
    rerender();
    document.getElementById(fieldId(field, items.length - 1))?.focus();
  });
  return h('div', { className: 'multi' }, [list, add]);
}

function fieldRow(field: CreateField): HTMLElement {
  const tags: HTMLElement[] = [];
  if (field.role === 'identity') tags.push(h('span', { className: 'tag', text: 'identity attribute' }));
  if (field.role === 'display') tags.push(h('span', { className: 'tag', text: 'display attribute' }));
  if (field.entitlement) tags.push(h('span', { className: 'tag', text: 'entitlement' }));
  tags.push(h('span', { className: 'tag type', text: `${field.type}${field.multi ? ', list' : ''}: ${TYPE_HINTS[field.type]}` }));
  const head = h('div', { className: 'attr-head' }, [
    h('label', { className: 'field-name', text: field.name, attrs: { for: field.multi ? undefined : fieldId(field) } }),
    field.required ? h('span', { className: 'required', text: '*', attrs: { title: 'Required', 'aria-label': 'required' } }) : null,
    ...tags,
  ]);
  const current = values()[field.name];
  const control = field.multi
    ? multiInput(field)
    : singleInput(field, typeof current === 'string' ? current : '', (text) => {
        state!.values = { ...values(), [field.name]: text };
        changed();
      }, field.name, fieldId(field));
  const description = field.description ? h('p', { className: 'description', text: field.description }) : null;
  const problem = h('p', { className: 'problem', attrs: { 'data-problem': field.name, role: 'alert', hidden: '' } });
  return h('div', { className: 'attr', attrs: { 'data-field': field.name } }, [head, description, control, problem]);
}

function renderProblems(problems: FieldProblem[], all = false): void {
  ui.form.querySelectorAll<HTMLElement>('[data-problem]').forEach((slot) => {
    const name = slot.dataset.problem ?? '';
    const found = problems.find((problem) => problem.attribute === name && (all || touched.has(name)));
    slot.textContent = found?.message ?? '';
    slot.hidden = !found;
    slot.parentElement?.querySelectorAll('input, select').forEach((input) => input.setAttribute('aria-invalid', found ? 'true' : 'false'));
  });
}

function renderNotice(): void {
  ui.notice.replaceChildren();
  if (!state?.notice) return;
  const error = state.problems.length > 0 || /did not|not created|Nothing was sent/.test(state.notice);
  ui.notice.append(h('div', { className: `banner${error ? ' error' : ''}` }, [icon(error ? 'error' : 'info'), h('span', { className: 'banner-text', text: state.notice })]));
}

function renderForm(): void {
  if (!state) return;
  const focused = document.activeElement?.id;
  ui.title.textContent = `New account on ${state.form.sourceName}`;
  ui.form.replaceChildren(...state.form.fields.map(fieldRow));
  ui.create.disabled = state.busy;
  ui.cancel.disabled = state.busy;
  renderNotice();
  renderProblems(state.problems.length > 0 ? state.problems : localProblems(), state.problems.length > 0);
  if (focused) document.getElementById(focused)?.focus();
}

window.addEventListener('message', (event: MessageEvent<CreateFormToWebview>) => {
  const message = event.data;
  if (message?.type !== 'show') return;
  state = { ...message, values: { ...message.values } };
  renderForm();
  const first = message.problems[0];
  if (first) ui.form.querySelector<HTMLElement>(`[data-field="${CSS.escape(first.attribute)}"] input, [data-field="${CSS.escape(first.attribute)}"] select`)?.focus();
});

ui.create.addEventListener('click', () => {
  if (!state || state.busy) return;
  for (const field of state.form.fields) touched.add(field.name);
  renderProblems(localProblems(), true);
  post({ type: 'submit', values: values() });
});
ui.cancel.addEventListener('click', () => post({ type: 'cancel' }));
ui.form.addEventListener('submit', (event) => event.preventDefault());

post({ type: 'ready' });
