// Tiny DOM builders for the editor webview. Text goes in through `textContent` and `value`
// only, never markup, so an attribute value like `<img src=x onerror=…>` stays characters.

export interface ElementProps {
  id?: string;
  className?: string;
  text?: string;
  /** Plain attributes (aria-*, type, for…). Never event handlers: those are added with addEventListener. */
  attrs?: Record<string, string | undefined>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Array<Node | null | undefined> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.id) element.id = props.id;
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined) continue;
    if (/^on/i.test(name)) throw new Error(`Refusing inline event handler attribute ${name}`);
    element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** A codicon, hidden from screen readers (the button's aria-label speaks for it). */
export function icon(name: string): HTMLSpanElement {
  return h('span', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

export interface IconButtonOptions {
  icon: string;
  label: string;
  /** Lets focus come back to "the same" button after the form is rebuilt. */
  focusKey: string;
  disabled?: boolean;
  onClick: () => void;
}

export function iconButton(options: IconButtonOptions): HTMLButtonElement {
  const button = h('button', {
    className: 'icon-button',
    attrs: { type: 'button', 'aria-label': options.label, title: options.label, 'data-focus': options.focusKey },
  }, [icon(options.icon)]);
  button.disabled = options.disabled ?? false;
  button.addEventListener('click', options.onClick);
  return button;
}

export function textInput(value: string, focusKey: string, attrs: Record<string, string | undefined> = {}): HTMLInputElement {
  const input = h('input', { attrs: { type: 'text', spellcheck: 'false', 'data-focus': focusKey, ...attrs } });
  input.value = value;
  return input;
}
