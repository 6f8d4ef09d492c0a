// What list-accounts can filter and sort on, from the contract (the OpenAPI `filters` and
// `sorters` descriptions of GET /accounts, a superset of the beta seed's list), and the error
// for a filter or sorter that breaks these rules.
import { IscError } from './errors';

/** Every operator of ISC's filter syntax (all lower case; "EQ" is not allowed). */
export const FILTER_OPERATORS = ['eq', 'ne', 'in', 'sw', 'co', 'ca', 'gt', 'ge', 'lt', 'le', 'pr', 'isnull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** How a field's values are written: strings quoted, booleans bare, date-times bare ISO-8601. */
export type FieldValueKind = 'string' | 'boolean' | 'datetime' | 'string-or-boolean';

export interface FilterFieldRule {
  operators: readonly FilterOperator[];
  value: FieldValueKind;
}

const STRING_EQ_IN_SW = { operators: ['eq', 'in', 'sw'], value: 'string' } as const;
const BOOLEAN_EQ = { operators: ['eq'], value: 'boolean' } as const;
const DATE_RANGE = { operators: ['eq', 'ge', 'gt', 'le', 'lt'], value: 'datetime' } as const;

export const ACCOUNT_FILTER_FIELDS = {
  id: STRING_EQ_IN_SW,
  identityId: STRING_EQ_IN_SW,
  name: STRING_EQ_IN_SW,
  nativeIdentity: STRING_EQ_IN_SW,
  sourceId: STRING_EQ_IN_SW,
  hasEntitlements: BOOLEAN_EQ,
  uncorrelated: BOOLEAN_EQ,
  // Documented only as "eq"; accept either spelling rather than guess.
  entitlements: { operators: ['eq'], value: 'string-or-boolean' },
  origin: { operators: ['eq', 'in'], value: 'string' },
  manuallyCorrelated: BOOLEAN_EQ,
  'identity.name': STRING_EQ_IN_SW,
  'identity.correlated': BOOLEAN_EQ,
  'identity.identityState': { operators: ['eq', 'in'], value: 'string' },
  'source.displayableName': { operators: ['eq', 'in'], value: 'string' },
  'source.authoritative': BOOLEAN_EQ,
  'source.connectionType': { operators: ['eq', 'in'], value: 'string' },
  'recommendation.method': { operators: ['eq', 'in', 'isnull'], value: 'string' },
  created: DATE_RANGE,
  modified: DATE_RANGE,
} as const satisfies Record<string, FilterFieldRule>;

export type AccountFilterField = keyof typeof ACCOUNT_FILTER_FIELDS;

export const ACCOUNT_FILTER_FIELD_NAMES = Object.keys(ACCOUNT_FILTER_FIELDS) as AccountFilterField[];

export const ACCOUNT_SORTABLE_FIELDS = [
  'id',
  'name',
  'created',
  'modified',
  'sourceId',
  'identityId',
  'identity.id',
  'nativeIdentity',
  'uuid',
  'manuallyCorrelated',
  'entitlements',
  'origin',
  'identity.name',
  'identity.identityState',
  'identity.correlated',
  'source.displayableName',
  'source.authoritative',
  'source.connectionType',
] as const;

export type AccountSortField = (typeof ACCOUNT_SORTABLE_FIELDS)[number];

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
}

/** A filter or sorter list-accounts would refuse; kind 'invalid-request', nothing was sent. */
export class FilterError extends IscError {
  readonly position?: number;
  readonly length?: number;
  readonly field?: string;
  readonly operator?: string;

  constructor(details: FilterErrorDetails) {
    super({ kind: 'invalid-request', message: details.message });
    this.name = 'FilterError';
    this.position = details.position;
    this.length = details.length;
    this.field = details.field;
    this.operator = details.operator;
  }
}

export function unknownFieldMessage(field: string): string {
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
