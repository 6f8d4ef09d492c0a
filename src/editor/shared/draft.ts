// Translation between an account's attribute values and the form's editable text, and the
// checks on that text. Pure (no `vscode`, no DOM): the webview uses it for the live preview
// and the extension again on Apply, so both sides agree by construction.
import { jsonEqual, validateAttributeEdits, type AccountAttributeMap, type AttributeValue } from '../../patch';
import type {
  AttributeDraft,
  CorrelationDraft,
  EditorDraft,
  LoadedAccount,
  SingleValueType,
  ValueDraft,
} from './protocol';

/** A list of strings is a multi-valued attribute; any other list or object is shown as JSON. */
export function valueToDraft(value: AttributeValue): ValueDraft {
  if (Array.isArray(value)) {
    if (value.every((item): item is string => typeof item === 'string')) return { kind: 'multi', items: [...value] };
    return { kind: 'json', text: JSON.stringify(value, null, 2) };
  }
  if (value === null) return { kind: 'single', type: 'null', text: '' };
  switch (typeof value) {
    case 'string':
      return { kind: 'single', type: 'string', text: value };
    case 'number':
      return { kind: 'single', type: 'number', text: String(value) };
    case 'boolean':
      return { kind: 'single', type: 'boolean', text: String(value) };
    default:
      return { kind: 'json', text: JSON.stringify(value, null, 2) };
  }
}

export function correlationOf(account: Pick<LoadedAccount, 'identityId' | 'manuallyCorrelated'>): CorrelationDraft {
  return { identityId: account.identityId ?? '', manuallyCorrelated: account.manuallyCorrelated };
}

/** The form for a freshly loaded account: no edits yet. */
export function accountToDraft(base: LoadedAccount): EditorDraft {
  const attributes = Object.keys(base.attributes).map(
    (name, index): AttributeDraft => ({ rowId: `r${index + 1}`, name, value: valueToDraft(base.attributes[name]) }),
  );
  return { attributes, correlation: correlationOf(base), mode: 'patch' };
}

/** A row id no other row of the draft uses. */
export function nextRowId(draft: EditorDraft): string {
  const used = draft.attributes.map((row) => Number(row.rowId.slice(1))).filter(Number.isFinite);
  return `r${Math.max(0, ...used) + 1}`;
}

export type Parsed = { ok: true; value: AttributeValue } | { ok: false; message: string };

/** JSON's number grammar: `Number()` alone would also take `0x10`, `1_0`, `Infinity` and `""`. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export function parseSingle(type: SingleValueType, text: string): Parsed {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'null':
      return { ok: true, value: null };
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, message: 'Expected true or false.' };
    case 'number': {
      const trimmed = text.trim();
      const number = Number(trimmed);
      if (JSON_NUMBER.test(trimmed) && Number.isFinite(number)) return { ok: true, value: number };
      return { ok: false, message: 'Expected a number such as 42 or -3.5.' };
    }
  }
}

export function parseValue(draft: ValueDraft): Parsed {
  switch (draft.kind) {
    case 'single':
      return parseSingle(draft.type, draft.text);
    case 'multi':
      return { ok: true, value: [...draft.items] };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(draft.text) as AttributeValue };
      } catch (error) {
        return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
  }
}

export interface Problem {
  /** Errors disable Apply; warnings are shown and allowed. */
  severity: 'error' | 'warning';
  message: string;
}

/** Problems of one row, keyed by what the form shows them next to. */
export interface RowProblems {
  name?: Problem;
  value?: Problem;
  /** By item index, for multi-valued rows; no prototype. */
  items?: Record<number, string>;
}

export interface DraftProblems {
  /** By row id, which comes from the webview: a map without a prototype, so `__proto__` is just a key. */
  rows: Record<string, RowProblems>;
  identityId?: string;
  /** One line per error, for the live region and the Apply refusal. */
  errors: string[];
}

/**
 * Text the form cannot turn into a value (a bad number, broken JSON) is reported here; names
 * and value shapes are judged by the patch core's `validateAttributeEdits`, the same rules
 * the extension applies again on Apply. A loaded value the core would refuse (a nested object
 * some connector left behind) is not held against the user in PATCH mode while left untouched:
 * PATCH does not send it. The identity id is judged only when the user changed it: the id ISC
 * sent is not sent back, and an id the check dislikes must not block edits of other fields.
 */
export function validateDraft(draft: EditorDraft, base: AccountAttributeMap, loadedIdentityId: string | null = null): DraftProblems {
  const problems: DraftProblems = { rows: Object.create(null) as DraftProblems['rows'], errors: [] };
  const rowProblems = (rowId: string): RowProblems => (problems.rows[rowId] ??= {});
  const parsed = draft.attributes.map((row) => parseValue(row.value));
  const report = validateAttributeEdits(
    draft.attributes.map((row, index) => {
      const result = parsed[index];
      return { name: row.name, value: result.ok ? result.value : '' };
    }),
  );
  for (const found of report.messages) {
    const row = draft.attributes[found.row];
    if (found.field === 'value') {
      const result = parsed[found.row];
      const untouched = result.ok && hasOwn(base, row.name) && jsonEqual(base[row.name], result.value);
      if (untouched && draft.mode === 'patch') continue;
    }
    const target = rowProblems(row.rowId);
    if (!target[found.field]) target[found.field] = { severity: found.severity, message: found.message };
    if (found.severity === 'error') problems.errors.push(found.message);
  }
  draft.attributes.forEach((row, index) => {
    const label = row.name.trim() === '' ? `Attribute ${index + 1}` : `"${row.name}"`;
    const result = parsed[index];
    if (!result.ok) {
      rowProblems(row.rowId).value = { severity: 'error', message: result.message };
      problems.errors.push(`${label}: ${result.message}`);
    }
    if (row.value.kind === 'multi') {
      row.value.items.forEach((item, itemIndex) => {
        if (item !== '') return;
        const message = 'Empty item: give it a value or remove it.';
        (rowProblems(row.rowId).items ??= Object.create(null) as Record<number, string>)[itemIndex] = message;
        problems.errors.push(`${label}, item ${itemIndex + 1}: ${message}`);
      });
    }
  });
  const identityId = draft.correlation.identityId;
  if (identityId !== (loadedIdentityId ?? '') && /\s/.test(identityId)) {
    problems.identityId = `"${identityId}" has a space; an identity id has none. Leave it empty to uncorrelate.`;
    problems.errors.push(`Identity id: ${problems.identityId}`);
  }
  return problems;
}

function hasOwn(map: AccountAttributeMap, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, name);
}

/** The attribute map the form describes; call only when `validateDraft` found nothing. */
export function draftAttributes(draft: EditorDraft): AccountAttributeMap {
  // No prototype: names come from the webview, and `__proto__` or `constructor` are ordinary attribute names.
  const attributes = Object.create(null) as AccountAttributeMap;
  for (const row of draft.attributes) {
    const parsed = parseValue(row.value);
    if (!parsed.ok) throw new Error(`Attribute "${row.name}": ${parsed.message}`);
    attributes[row.name] = parsed.value;
  }
  return attributes;
}
