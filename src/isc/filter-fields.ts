// What list-accounts can filter and sort on (stated once, in src/contract/list-accounts.ts),
// the checks the client makes with it, and the error for a filter or sorter that breaks it.
import {
  ACCOUNT_FILTER_FIELDS,
  ACCOUNT_FILTER_FIELD_NAMES,
  ACCOUNT_SORTABLE_FIELDS,
  FILTER_OPERATORS,
  type AccountFilterField,
  type FilterFieldRule,
  type FilterOperator,
} from '../contract/list-accounts';
import { IscError } from './errors';
import { didYouMean } from './filter-suggestions';

export * from '../contract/list-accounts';
export * from '../contract/filter-values';

export function isAccountFilterField(name: string): name is AccountFilterField {
  return Object.prototype.hasOwnProperty.call(ACCOUNT_FILTER_FIELDS, name);
}

export function isFilterOperator(word: string): word is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(word);
}

export function fieldRule(field: AccountFilterField): FilterFieldRule {
  return ACCOUNT_FILTER_FIELDS[field];
}

export interface FilterErrorDetails {
  message: string;
  /** 0-based index in the filter text, when the error comes from parsing text. */
  position?: number;
  /** How many characters the problem spans (for an underline). */
  length?: number;
  field?: string;
  operator?: string;
  /** What to put in place of the span at `position` (a "did you mean"), when there is a likely fix. */
  suggestion?: string;
  /** The message without where (for a caller that shows the position its own way). */
  reason?: string;
}

/** A filter or sorter list-accounts would refuse; kind 'invalid-request', nothing was sent. */
export class FilterError extends IscError {
  readonly position?: number;
  readonly length?: number;
  readonly field?: string;
  readonly operator?: string;
  readonly suggestion?: string;
  readonly reason: string;

  constructor(details: FilterErrorDetails) {
    super({ kind: 'invalid-request', message: details.message });
    this.name = 'FilterError';
    this.position = details.position;
    this.length = details.length;
    this.field = details.field;
    this.operator = details.operator;
    this.suggestion = details.suggestion;
    this.reason = details.reason ?? details.message;
  }
}

export function unknownFieldMessage(field: string, suggestion?: string): string {
  if (suggestion) return `Unknown field "${field}". ${didYouMean(`"${suggestion}"`)}`;
  return `Unknown field "${field}": list-accounts filters on ${ACCOUNT_FILTER_FIELD_NAMES.join(', ')}.`;
}

export function unsupportedOperatorMessage(field: AccountFilterField, operator: string): string {
  const allowed = ACCOUNT_FILTER_FIELDS[field].operators.join(', ');
  return `The field "${field}" does not support the operator "${operator}"; it allows ${allowed}.`;
}

/** `['name', '-modified']` or `'name,-modified'` checked against the sortable fields; the comma list. */
export function validateAccountSorters(sorters: string | readonly string[]): string {
  const list = (typeof sorters === 'string' ? sorters.split(',') : [...sorters]).map((s) => s.trim()).filter(Boolean);
  for (const sorter of list) {
    const field = sorter.startsWith('-') ? sorter.slice(1) : sorter;
    if (!(ACCOUNT_SORTABLE_FIELDS as readonly string[]).includes(field)) {
      throw new FilterError({
        message: `Accounts cannot be sorted by "${field}"; sortable fields are ${ACCOUNT_SORTABLE_FIELDS.join(', ')} (prefix "-" for descending).`,
        field,
      });
    }
  }
  return list.join(',');
}
