// Filters for list-accounts, built or checked before they reach ISC. The builder only accepts
// field/operator pairs list-accounts supports and quotes every value; the validator tells a
// person where a filter they typed goes wrong.
//
//   accountFilter.and(accountFilter.eq('sourceId', id), accountFilter.sw('name', 'jo'))
//   → sourceId eq "2c91…" and name sw "jo"
import {
  ACCOUNT_FILTER_FIELDS,
  FilterError,
  checkFilterValue,
  isAccountFilterField,
  isFilterOperator,
  unknownFieldMessage,
  unsupportedOperatorMessage,
  type AccountFilterField,
  type FilterInputValue,
  type FilterOperator,
} from './filter-fields';
import { parseFilterTree, printFilter, type FilterLiteral, type FilterNode } from './filter-parser';

export * from './filter-fields';
export { printFilter, type FilterLiteral, type FilterNode } from './filter-parser';

/** A filter string made by `accountFilter` (or checked by `assertAccountFilter`). */
export type FilterExpression = string & { readonly __accountFilter: true };

type Rules = typeof ACCOUNT_FILTER_FIELDS;
/** The fields that support operator `Op`. */
export type FieldsWith<Op extends FilterOperator> = {
  [F in AccountFilterField]: Op extends Rules[F]['operators'][number] ? F : never;
}[AccountFilterField];
/** The JavaScript value a field's filter takes. */
export type FilterValueOf<F extends AccountFilterField> = Rules[F]['value'] extends 'boolean'
  ? boolean
  : Rules[F]['value'] extends 'datetime'
    ? string | Date
    : string;

function toLiteral(field: AccountFilterField, value: FilterInputValue): FilterLiteral {
  const checked = checkFilterValue(field, value);
  if (!checked.ok) throw new FilterError({ message: `${checked.problem}.`, field });
  if (typeof checked.value === 'boolean') return { kind: 'boolean', value: checked.value };
  return { kind: ACCOUNT_FILTER_FIELDS[field].value === 'datetime' ? 'datetime' : 'string', value: checked.value };
}

function compare(field: string, operator: string, values: FilterInputValue[]): FilterExpression {
  if (!isAccountFilterField(field)) throw new FilterError({ message: unknownFieldMessage(field), field });
  const rule = ACCOUNT_FILTER_FIELDS[field];
  if (!isFilterOperator(operator) || !(rule.operators as readonly string[]).includes(operator)) {
    throw new FilterError({ message: unsupportedOperatorMessage(field, operator), field, operator });
  }
  if ((operator === 'in' || operator === 'ca') && values.length === 0) {
    throw new FilterError({ message: `"${field} ${operator}" needs at least one value.`, field, operator });
  }
  const node: FilterNode = { type: 'compare', field, operator, values: values.map((v) => toLiteral(field, v)) };
  return printFilter(node) as FilterExpression;
}

function operand(expression: string): FilterNode {
  const node = parseFilterTree(expression);
  if (!node) throw new FilterError({ message: 'An empty filter cannot be combined with and/or/not.' });
  return node;
}

function combine(type: 'and' | 'or', parts: Array<FilterExpression | string>): FilterExpression {
  if (parts.length === 0) throw new FilterError({ message: `"${type}" needs at least one filter.` });
  const operands = parts.map(operand);
  return printFilter(operands.length === 1 ? operands[0] : { type, operands }) as FilterExpression;
}

export const accountFilter = {
  eq: <F extends FieldsWith<'eq'>>(field: F, value: FilterValueOf<F>): FilterExpression => compare(field, 'eq', [value]),
  sw: <F extends FieldsWith<'sw'>>(field: F, prefix: string): FilterExpression => compare(field, 'sw', [prefix]),
  in: <F extends FieldsWith<'in'>>(field: F, values: ReadonlyArray<FilterValueOf<F>>): FilterExpression => compare(field, 'in', [...values]),
  isnull: <F extends FieldsWith<'isnull'>>(field: F): FilterExpression => compare(field, 'isnull', []),
  gt: <F extends FieldsWith<'gt'>>(field: F, value: FilterValueOf<F>): FilterExpression => compare(field, 'gt', [value]),
  ge: <F extends FieldsWith<'ge'>>(field: F, value: FilterValueOf<F>): FilterExpression => compare(field, 'ge', [value]),
  lt: <F extends FieldsWith<'lt'>>(field: F, value: FilterValueOf<F>): FilterExpression => compare(field, 'lt', [value]),
  le: <F extends FieldsWith<'le'>>(field: F, value: FilterValueOf<F>): FilterExpression => compare(field, 'le', [value]),
  /** Any field and operator known only at run time (e.g. from a settings file); checked the same way. */
  where: (field: string, operator: string, value?: FilterInputValue | FilterInputValue[]): FilterExpression =>
    compare(field, operator, value === undefined ? [] : Array.isArray(value) ? value : [value]),
  and: (...parts: Array<FilterExpression | string>): FilterExpression => combine('and', parts),
  or: (...parts: Array<FilterExpression | string>): FilterExpression => combine('or', parts),
  not: (part: FilterExpression | string): FilterExpression => printFilter({ type: 'not', operand: operand(part) }) as FilterExpression,
};

export type FilterCheck =
  | { ok: true; filter: FilterExpression; tree: FilterNode | undefined }
  | { ok: false; position: number; length: number; message: string; reason: string; field?: string; operator?: string; suggestion?: string };

/** Parses a filter a person typed; empty text is a valid "no filter". Never throws. */
export function parseAccountFilter(text: string): FilterCheck {
  try {
    const tree = parseFilterTree(text);
    return { ok: true, filter: (tree ? printFilter(tree) : '') as FilterExpression, tree };
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    const { position = 0, length = 1, message, reason, field, operator, suggestion } = error;
    return { ok: false, position, length, message, reason, field, operator, suggestion };
  }
}

export type FilterValidation = { ok: true } | { ok: false; position: number; length: number; message: string };

export function validateAccountFilter(text: string): FilterValidation {
  const result = parseAccountFilter(text);
  return result.ok ? { ok: true } : { ok: false, position: result.position, length: result.length, message: result.message };
}

/** The canonical form of a typed filter, or a FilterError (kind 'invalid-request') with its position. */
export function assertAccountFilter(text: string): FilterExpression {
  const tree = parseFilterTree(text);
  return (tree ? printFilter(tree) : '') as FilterExpression;
}
