// Turns a parsed filter into a predicate over one resource, after checking every field and
// operator against what that endpoint documents. ISC answers 400 for a field or operator an
// endpoint does not support; so does the sandbox, naming both. String comparisons ignore case.
import { illegalValue } from '../http/errors';
import { FilterSyntaxError, RFC_3339_DATE_TIME, parseFilter } from './filter-parser';
import type { FilterNode, FilterOperator, FilterValue } from './filter-parser';

export type FieldValue = string | number | boolean | null | undefined | readonly string[];

export interface FilterField<T> {
  operators: readonly FilterOperator[];
  /** `date` fields hold epoch ms and take RFC 3339 date-times (bare or quoted). */
  type: 'string' | 'boolean' | 'date';
  /** An enumerated field's values; others are refused (compared ignoring case, like all strings). */
  values?: readonly string[];
  get(record: T): FieldValue;
}

export type FilterFieldTable<T> = Readonly<Record<string, FilterField<T>>>;

export interface CompiledFilter<T> {
  node: FilterNode;
  test(record: T): boolean;
}

/** Parses and checks `filters`; null when there is none. Throws ApiError 400. */
export function compileFilter<T>(text: string | null, fields: FilterFieldTable<T>, resource: string): CompiledFilter<T> | null {
  if (text === null || text.trim() === '') return null;
  let node: FilterNode;
  try {
    node = parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw illegalValue(`Invalid filters "${text}": ${error.message}.`);
    throw error;
  }
  const test = compileNode(node, fields, resource);
  return { node, test };
}

function compileNode<T>(node: FilterNode, fields: FilterFieldTable<T>, resource: string): (record: T) => boolean {
  switch (node.kind) {
    case 'and': {
      const parts = node.operands.map((n) => compileNode(n, fields, resource));
      return (record) => parts.every((part) => part(record));
    }
    case 'or': {
      const parts = node.operands.map((n) => compileNode(n, fields, resource));
      return (record) => parts.some((part) => part(record));
    }
    case 'not': {
      const inner = compileNode(node.operand, fields, resource);
      return (record) => !inner(record);
    }
    case 'condition':
      return compileCondition(node.field, node.operator, node.values, fields, resource);
  }
}

function compileCondition<T>(
  name: string,
  operator: FilterOperator,
  values: FilterValue[],
  fields: FilterFieldTable<T>,
  resource: string,
): (record: T) => boolean {
  const field = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
  if (!field) {
    throw illegalValue(`The filter field "${name}" is not supported on ${resource}. Filterable fields: ${Object.keys(fields).join(', ')}.`);
  }
  if (!field.operators.includes(operator)) {
    throw illegalValue(
      `The filter operator "${operator}" is not supported for the field "${name}" on ${resource}; "${name}" supports: ${field.operators.join(', ')}.`,
    );
  }
  const wanted = values.map((value) => normalizeValue(value, field, name));
  const get = field.get;
  switch (operator) {
    case 'isnull':
      return (record) => isNull(get(record));
    case 'pr':
      return (record) => !isNull(get(record));
    case 'eq':
    case 'in':
      return (record) => anyOf(get(record), (v) => wanted.some((w) => equal(v, w)));
    case 'ne':
      return (record) => !anyOf(get(record), (v) => equal(v, wanted[0]));
    case 'ca':
      return (record) => wanted.every((w) => anyOf(get(record), (v) => equal(v, w)));
    case 'sw':
      return (record) => anyOf(get(record), (v) => typeof v === 'string' && v.toLowerCase().startsWith(String(wanted[0])));
    case 'co':
      return (record) => anyOf(get(record), (v) => typeof v === 'string' && v.toLowerCase().includes(String(wanted[0])));
    case 'gt':
      return (record) => anyOf(get(record), (v) => compare(v, wanted[0]) > 0);
    case 'ge':
      return (record) => anyOf(get(record), (v) => compare(v, wanted[0]) >= 0);
    case 'lt':
      return (record) => anyOf(get(record), (v) => compare(v, wanted[0]) < 0);
    case 'le':
      return (record) => anyOf(get(record), (v) => compare(v, wanted[0]) <= 0);
  }
}

type Normalized = string | number | boolean | null;

function normalizeValue<T>(value: FilterValue, field: FilterField<T>, name: string): Normalized {
  if (field.type === 'boolean') {
    if (typeof value !== 'boolean') throw illegalValue(`The filter field "${name}" takes true or false, not ${JSON.stringify(value)}.`);
    return value;
  }
  if (field.type === 'date') {
    const text = typeof value === 'object' ? value.dateTime : typeof value === 'string' ? value : undefined;
    if (text === undefined || !RFC_3339_DATE_TIME.test(text) || Number.isNaN(Date.parse(text))) {
      throw illegalValue(`The filter field "${name}" takes an RFC 3339 date-time such as 2018-12-18T23:05:55Z, not ${JSON.stringify(value)}.`);
    }
    return Date.parse(text);
  }
  if (typeof value !== 'string') {
    throw illegalValue(`The filter field "${name}" takes a double-quoted string, not ${JSON.stringify(value)}.`);
  }
  const wanted = value.toLowerCase();
  if (field.values && !field.values.some((allowed) => allowed.toLowerCase() === wanted)) {
    throw illegalValue(`The filter field "${name}" takes one of ${field.values.join(', ')}, not "${value}".`);
  }
  return wanted;
}

function isNull(value: FieldValue): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

function anyOf(value: FieldValue, test: (v: Normalized) => boolean): boolean {
  if (Array.isArray(value)) return value.some((v: string) => test(v));
  return test(value === undefined ? null : (value as Normalized));
}

function equal(actual: Normalized, wanted: Normalized): boolean {
  if (typeof actual === 'string' && typeof wanted === 'string') return actual.toLowerCase() === wanted;
  return actual === wanted;
}

function compare(actual: Normalized, wanted: Normalized): number {
  if (actual === null || wanted === null) return Number.NaN;
  if (typeof actual === 'number' && typeof wanted === 'number') return actual - wanted;
  const a = String(actual).toLowerCase();
  const b = String(wanted);
  return a < b ? -1 : a > b ? 1 : 0;
}
