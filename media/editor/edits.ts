// Changes the form makes to the draft. They mutate the draft in place: the webview holds one
// draft, re-renders from it, and sends it whole to the extension after every change.
import { nextRowId, valueToDraft } from '../../src/editor/shared/draft';
import type { AttributeDraft, EditorDraft, MultiValueDraft } from '../../src/editor/shared/protocol';
import type { AttributeValue } from '../../src/isc/models';

function row(draft: EditorDraft, rowId: string): AttributeDraft | undefined {
  return draft.attributes.find((candidate) => candidate.rowId === rowId);
}

function multi(draft: EditorDraft, rowId: string): MultiValueDraft | undefined {
  const found = row(draft, rowId);
  return found?.value.kind === 'multi' ? found.value : undefined;
}

/** Returns the new row's id so the form can focus its name. */
export function addAttribute(draft: EditorDraft, kind: 'single' | 'multi'): string {
  const rowId = nextRowId(draft);
  const value = kind === 'multi' ? { kind, items: [''] } : { kind, type: 'string' as const, text: '' };
  draft.attributes.push({ rowId, name: '', value });
  return rowId;
}

export function removeAttribute(draft: EditorDraft, rowId: string): void {
  draft.attributes = draft.attributes.filter((candidate) => candidate.rowId !== rowId);
}

/** Brings back a removed attribute with the value it was loaded with. */
export function restoreAttribute(draft: EditorDraft, name: string, value: AttributeValue): string {
  const rowId = nextRowId(draft);
  draft.attributes.push({ rowId, name, value: valueToDraft(value) });
  return rowId;
}

export function setName(draft: EditorDraft, rowId: string, name: string): void {
  const found = row(draft, rowId);
  if (found) found.name = name;
}

/** The text of a single or JSON value. */
export function setText(draft: EditorDraft, rowId: string, text: string): void {
  const found = row(draft, rowId);
  if (found && found.value.kind !== 'multi') found.value.text = text;
}

export function setSingleType(draft: EditorDraft, rowId: string, type: 'string' | 'number' | 'boolean' | 'null'): void {
  const found = row(draft, rowId);
  if (found?.value.kind !== 'single') return;
  // Carry the text over where it still makes sense, so switching back and forth loses nothing typed.
  const text = type === 'null' ? '' : type === 'boolean' && !['true', 'false'].includes(found.value.text) ? 'false' : found.value.text;
  found.value = { kind: 'single', type, text };
}

export function setItem(draft: EditorDraft, rowId: string, index: number, text: string): void {
  const items = multi(draft, rowId)?.items;
  if (items && index < items.length) items[index] = text;
}

export function insertItem(draft: EditorDraft, rowId: string, index: number, text = ''): void {
  multi(draft, rowId)?.items.splice(index, 0, text);
}

export function removeItem(draft: EditorDraft, rowId: string, index: number): void {
  multi(draft, rowId)?.items.splice(index, 1);
}

/** Swaps an item with its neighbour; returns its new index (unchanged at either end). */
export function moveItem(draft: EditorDraft, rowId: string, index: number, delta: -1 | 1): number {
  const items = multi(draft, rowId)?.items;
  const target = index + delta;
  if (!items || target < 0 || target >= items.length) return index;
  [items[index], items[target]] = [items[target], items[index]];
  return target;
}
