// The Create Account form a source's account schema describes, and reading what was typed
// into it (or given by a script) as the attributes of the new account. No vscode and no
// network: the webview bundles this file too, so both sides refuse the same values with the
// same words, and the extension's check is the one that counts.
import type { AccountAttributeMap, AttributeValue, Schema } from '../isc/models';

/** The types ISC's AttributeDefinition names; any other is edited as text. */
export type FieldType = 'STRING' | 'LONG' | 'INT' | 'BOOLEAN' | 'DATE';

export interface CreateField {
  name: string;
  type: FieldType;
  /** A list of values (add and remove items). */
  multi: boolean;
  /** Only the identity attribute: ISC's schema has no required flag, and create needs the native identity. */
  required: boolean;
  role: 'identity' | 'display' | null;
  description: string | null;
  entitlement: boolean;
}

export interface CreateFormSpec {
  sourceId: string;
  sourceName: string;
  identityAttribute: string;
  displayAttribute: string | null;
  /** Identity attribute first, display attribute second, then the schema's order. */
  fields: CreateField[];
}

/** What the form holds: text per field, a list of texts per multi-valued one. */
export type FormValues = Record<string, string | string[]>;

export interface FieldProblem {
  attribute: string;
  message: string;
}

export interface NewAccount {
  /** The typed values, without empty ones. */
  attributes: AccountAttributeMap;
  nativeIdentity: string;
  name: string;
}

export type ReadResult = { ok: true; account: NewAccount } | { ok: false; problems: FieldProblem[] };

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const TYPES: readonly FieldType[] = ['STRING', 'LONG', 'INT', 'BOOLEAN', 'DATE'];
const INT_RANGE = 2 ** 31;

/** `YYYY-MM-DD`, or an ISO 8601 date-time with a zone (`2027-03-31T17:00:00Z`, `…+02:00`). */
export const DATE_FORMAT = 'YYYY-MM-DD or an ISO 8601 date-time with a zone, e.g. 2027-03-31T17:00:00Z';
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The form for a schema; undefined when the schema names no identity attribute to require. */
export function createFormOf(source: { id: string; name: string }, schema: Schema): CreateFormSpec | undefined {
  const identity = schema.identityAttribute;
  if (!identity || PROTOTYPE_KEYS.has(identity)) return undefined;
  const display = schema.displayAttribute && schema.displayAttribute !== identity ? schema.displayAttribute : null;
  const seen = new Set<string>();
  const fields: CreateField[] = [];
  for (const definition of schema.attributes) {
    // A name that reaches a prototype is no column of any file; never a key of the values.
    if (seen.has(definition.name) || PROTOTYPE_KEYS.has(definition.name)) continue;
    seen.add(definition.name);
    const type = TYPES.find((known) => known === definition.type) ?? 'STRING';
    const role = definition.name === identity ? 'identity' : definition.name === display ? 'display' : null;
    fields.push({
      name: definition.name,
      type,
      multi: definition.isMulti === true,
      required: role === 'identity',
      role,
      description: definition.description ?? null,
      entitlement: definition.isEntitlement === true,
    });
  }
  // ISC requires the identity attribute even where the schema forgets to list it.
  if (!seen.has(identity)) fields.push({ name: identity, type: 'STRING', multi: false, required: true, role: 'identity', description: null, entitlement: false });
  const rank = (field: CreateField) => (field.role === 'identity' ? 0 : field.role === 'display' ? 1 : 2);
  fields.sort((a, b) => rank(a) - rank(b));
  return { sourceId: source.id, sourceName: source.name, identityAttribute: identity, displayAttribute: display, fields };
}

/**
 * Reads values against the form: text from the webview, or JSON values from a script. Every
 * problem is named by its attribute; an empty value is left out, except the required one.
 */
export function readCreateValues(form: CreateFormSpec, values: Record<string, unknown>): ReadResult {
  const problems: FieldProblem[] = [];
  const byName = new Map(form.fields.map((field) => [field.name, field]));
  for (const name of Object.keys(values)) {
    if (!byName.has(name)) problems.push({ attribute: name, message: `"${name}" is not an attribute of the account schema of "${form.sourceName}".` });
  }
  const attributes: AccountAttributeMap = {};
  for (const field of form.fields) {
    const read = readField(field, values[field.name]);
    if (read && 'problem' in read) problems.push({ attribute: field.name, message: read.problem });
    else if (read) attributes[field.name] = read.value;
    else if (field.required) problems.push({ attribute: field.name, message: `${field.name} is required: it is the account's identity attribute (its native identity).` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const nativeIdentity = String(attributes[form.identityAttribute]);
  const display = form.displayAttribute === null ? undefined : attributes[form.displayAttribute];
  return { ok: true, account: { attributes, nativeIdentity, name: display === undefined ? nativeIdentity : String(display) } };
}

/** The value to send, a problem naming the attribute, or null when nothing was given. */
type FieldRead = { value: AttributeValue } | { problem: string } | null;

function readField(field: CreateField, raw: unknown): FieldRead {
  if (raw === undefined || raw === null) return null;
  if (!field.multi) return Array.isArray(raw) ? { problem: `${field.name} takes one value, not a list.` } : readOne(field, raw);
  const values: AttributeValue[] = [];
  for (const [index, item] of (Array.isArray(raw) ? raw : [raw]).entries()) {
    const read = readOne(field, item);
    if (read && 'problem' in read) return { problem: `Item ${index + 1} of ${read.problem}` };
    if (read) values.push(read.value);
  }
  return values.length > 0 ? { value: values } : null;
}

function readOne({ name, type }: CreateField, raw: unknown): FieldRead {
  if (typeof raw === 'string' && raw.trim() === '') return null;
  switch (type) {
    case 'INT':
    case 'LONG': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      const limit = type === 'INT' ? INT_RANGE : 2 ** 53;
      if (Number.isInteger(number) && number >= -limit && number < limit) return { value: number };
      const range = type === 'INT' ? ` from ${-INT_RANGE} to ${INT_RANGE - 1}` : '';
      return { problem: `${name} must be a whole number (${type})${range}; ${quote(raw)} is not.` };
    }
    case 'BOOLEAN': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (text === 'true' || text === 'false') return { value: text === 'true' };
      return { problem: `${name} must be true or false (BOOLEAN); ${quote(raw)} is not.` };
    }
    case 'DATE':
      if (typeof raw === 'string' && isDate(raw.trim())) return { value: raw.trim() };
      return { problem: `${name} must be a date (DATE) as ${DATE_FORMAT}; ${quote(raw)} is not.` };
    case 'STRING':
      return typeof raw === 'string' ? { value: raw } : { problem: `${name} must be text (STRING); ${quote(raw)} is not.` };
  }
}

function isDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(Date.parse(text));
}

function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  return value !== null && typeof value === 'object' ? 'an object' : String(value);
}

/** Whether anything was typed: what closing the form would lose. */
export function hasTypedValues(values: FormValues): boolean {
  return Object.values(values).some((value) => (Array.isArray(value) ? value.some((item) => item.trim() !== '') : value.trim() !== ''));
}
