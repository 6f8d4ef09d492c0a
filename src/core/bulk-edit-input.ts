// Checks a bulk edit that came from the panel or a script (untrusted): the kind, the attribute
// name and the value go through the attribute editor's own row validation, so a name or value
// the editor refuses is refused here with the same words. No vscode here.
import { validateAttributeEdits } from '../patch';
import type { BulkEdit, BulkEditKind } from './bulk-edit-model';

const KINDS: readonly BulkEditKind[] = ['set', 'remove', 'add-item', 'remove-item'];
const EXAMPLE = '{"kind": "set", "attribute": "department", "value": "Finance"}';

/** The edit, or an Error whose message says what is wrong and how to write it. */
export function validateBulkEdit(input: unknown): BulkEdit {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error(`The edit must be an object such as ${EXAMPLE}.`);
  const edit = input as Record<string, unknown>;
  const kind = edit.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as BulkEditKind)) {
    throw new Error(`The edit's "kind" must be one of ${KINDS.map((k) => `"${k}"`).join(', ')}; got ${JSON.stringify(kind) ?? 'nothing'}.`);
  }
  const attribute = edit.attribute;
  // The value is checked only for "set"; the name alone otherwise (null passes the value check).
  const value = kind === 'set' ? edit.value : kind === 'add-item' || kind === 'remove-item' ? itemValue(edit.item) : null;
  const errors = validateAttributeEdits([{ name: attribute, value }]).messages.filter((message) => message.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((message) => capitalized(message.message.replace(/^Row 1: /, ''))).join(' '));
  const name = attribute as string;
  switch (kind as BulkEditKind) {
    case 'set':
      return { kind: 'set', attribute: name, value: edit.value as Extract<BulkEdit, { kind: 'set' }>['value'] };
    case 'remove':
      return { kind: 'remove', attribute: name };
    case 'add-item':
    case 'remove-item':
      return { kind: kind as 'add-item' | 'remove-item', attribute: name, item: edit.item as string };
  }
}

/** An item of a multi-valued attribute is non-empty text; checked as a one-item list. */
function itemValue(item: unknown): unknown {
  if (typeof item !== 'string') throw new Error(`The item to add or remove must be text; got ${item === undefined ? 'nothing' : JSON.stringify(item)}.`);
  if (item.trim() === '') throw new Error('The item to add or remove is empty; give the text of the item.');
  return [item];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
