// What GET /accounts (list-accounts) takes in `filters` and `sorters`, stated once: the fields,
// their operators, value kinds and enumerated values, and the sortable fields. The client checks
// what it sends against it (src/isc/filter-fields.ts), its filter input offers completions from
// it, the README's filter section is rendered from it (list-accounts-markdown.ts), and the
// sandbox answers by it (src/sandbox/query/account-fields.ts); neither side owns it, since both
// play a part in ISC's contract.
// test/unit/list-accounts-contract.test.ts keeps both in step with it and it with the OpenAPI
// documents. No vscode, client or sandbox code here.
//
// Source: the `filters` and `sorters` descriptions of GET /accounts in test/contract/openapi/.
// v3 and v2024 list the same fields and operators (beta a subset, `created` without `lt`); the
// order below is theirs. Sorters: v3 and v2024's list plus `identity.id`, which the SDK pages
// of the seeds list (beta's extra `hasEntitlements` and `sourceOwner.name` are left out, since
// v3 and v2024 do not sort by them). How values are written is in filter-values.ts.

/** Every operator of ISC's filter syntax (all lower case; "EQ" is not allowed). */
export const FILTER_OPERATORS = ['eq', 'ne', 'in', 'sw', 'co', 'ca', 'gt', 'ge', 'lt', 'le', 'pr', 'isnull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** How a field's values are written: strings quoted, booleans bare, date-times RFC 3339 and bare. */
export type FieldValueKind = 'string' | 'boolean' | 'datetime';

export interface FilterFieldRule {
  operators: readonly FilterOperator[];
  value: FieldValueKind;
  /** An enumerated string field: the only values it takes, spelt as ISC writes them. */
  values?: readonly string[];
}

const STRING_EQ_IN_SW = { operators: ['eq', 'in', 'sw'], value: 'string' } as const;
const STRING_EQ_IN = { operators: ['eq', 'in'], value: 'string' } as const;
const BOOLEAN_EQ = { operators: ['eq'], value: 'boolean' } as const;
const DATE_RANGE = { operators: ['eq', 'ge', 'gt', 'le', 'lt'], value: 'datetime' } as const;

export const ACCOUNT_FILTER_FIELDS = {
  id: STRING_EQ_IN_SW,
  identityId: STRING_EQ_IN_SW,
  name: STRING_EQ_IN_SW,
  nativeIdentity: STRING_EQ_IN_SW,
  hasEntitlements: BOOLEAN_EQ,
  sourceId: STRING_EQ_IN_SW,
  uncorrelated: BOOLEAN_EQ,
  // The documents give only "eq" and no example; read as "has entitlements" (true or false),
  // like hasEntitlements.
  entitlements: BOOLEAN_EQ,
  // Account.origin's enum in all three documents (its `null` is what isnull would find, and
  // origin takes no isnull).
  origin: { ...STRING_EQ_IN, values: ['AGGREGATED', 'PROVISIONED'] },
  manuallyCorrelated: BOOLEAN_EQ,
  'identity.name': STRING_EQ_IN_SW,
  'identity.correlated': BOOLEAN_EQ,
  // The documents here give only the example ACTIVE; the enum is the Identity schema's
  // identityState in SailPoint's api-specs (the same three as LifecycleState.identityState).
  'identity.identityState': { ...STRING_EQ_IN, values: ['ACTIVE', 'INACTIVE_SHORT_TERM', 'INACTIVE_LONG_TERM'] },
  'source.displayableName': STRING_EQ_IN,
  'source.authoritative': BOOLEAN_EQ,
  'source.connectionType': STRING_EQ_IN,
  // The Recommendation schema's method enum (beta and v2024).
  'recommendation.method': { operators: ['eq', 'in', 'isnull'], value: 'string', values: ['DISCOVERY', 'SOURCE', 'CRITERIA'] },
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
