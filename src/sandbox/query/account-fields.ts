// How the sandbox reads list-accounts' filter and sort fields from its records. Which fields
// there are, their operators and value kinds, and the sortable fields come from the one
// statement of the contract (src/contract/list-accounts.ts), which the client checks filters
// against too; the tables below must name exactly its fields (the compiler says when not).
import {
  ACCOUNT_FILTER_FIELDS,
  ACCOUNT_FILTER_FIELD_NAMES,
  ACCOUNT_SORTABLE_FIELDS,
  type AccountFilterField,
  type AccountSortField,
  type FieldValueKind,
} from '../../contract/list-accounts';
import type { SortValue, SorterTable } from './collection-params';
import type { FieldValue, FilterField, FilterFieldTable } from './filter-fields';
import type { SandboxAccount } from '../state/records';
import type { SandboxTenant } from '../state/tenant';
import { accountUuid } from '../state/account-attributes';

const FIELD_TYPE: Record<FieldValueKind, FilterField<SandboxAccount>['type']> = { string: 'string', boolean: 'boolean', datetime: 'date' };

export function accountFilterFields(tenant: SandboxTenant): FilterFieldTable<SandboxAccount> {
  const identityOf = (a: SandboxAccount) => (a.identityId ? tenant.identity(a.identityId) : undefined);
  const sourceOf = (a: SandboxAccount) => tenant.source(a.sourceId);
  const read: Record<AccountFilterField, (a: SandboxAccount) => FieldValue> = {
    id: (a) => a.id,
    identityId: (a) => a.identityId,
    name: (a) => a.name,
    nativeIdentity: (a) => a.nativeIdentity,
    hasEntitlements: (a) => a.entitlementIds.length > 0,
    sourceId: (a) => a.sourceId,
    uncorrelated: (a) => a.identityId === null,
    entitlements: (a) => a.entitlementIds.length > 0,
    origin: (a) => a.origin,
    manuallyCorrelated: (a) => a.manuallyCorrelated,
    'identity.name': (a) => identityOf(a)?.name ?? null,
    'identity.correlated': (a) => a.identityId !== null,
    'identity.identityState': (a) => identityOf(a)?.identityState ?? null,
    'source.displayableName': (a) => sourceOf(a)?.name ?? null,
    'source.authoritative': (a) => sourceOf(a)?.authoritative ?? false,
    'source.connectionType': (a) => sourceOf(a)?.connectionType ?? null,
    'recommendation.method': (a) => a.recommendation?.method ?? null,
    created: (a) => a.created,
    modified: (a) => a.modified,
  };
  return Object.fromEntries(
    ACCOUNT_FILTER_FIELD_NAMES.map((name) => {
      const rule = ACCOUNT_FILTER_FIELDS[name];
      const values = 'values' in rule ? rule.values : undefined;
      return [name, { operators: rule.operators, type: FIELD_TYPE[rule.value], values, get: read[name] }];
    }),
  );
}

export function accountSorters(tenant: SandboxTenant): SorterTable<SandboxAccount> {
  const identityOf = (a: SandboxAccount) => (a.identityId ? tenant.identity(a.identityId) : undefined);
  const sourceOf = (a: SandboxAccount) => tenant.source(a.sourceId);
  const text = (value: string | null | undefined): SortValue => value ?? null;
  const read: Record<AccountSortField, (a: SandboxAccount) => SortValue> = {
    id: (a) => a.id,
    name: (a) => a.name,
    created: (a) => a.created,
    modified: (a) => a.modified,
    sourceId: (a) => a.sourceId,
    identityId: (a) => a.identityId,
    'identity.id': (a) => a.identityId,
    nativeIdentity: (a) => a.nativeIdentity,
    uuid: (a) => {
      const source = sourceOf(a);
      return source ? accountUuid(a, source) : null;
    },
    manuallyCorrelated: (a) => a.manuallyCorrelated,
    entitlements: (a) => a.entitlementIds.length > 0,
    origin: (a) => a.origin,
    'identity.name': (a) => text(identityOf(a)?.name),
    'identity.identityState': (a) => text(identityOf(a)?.identityState),
    'identity.correlated': (a) => a.identityId !== null,
    'source.displayableName': (a) => text(sourceOf(a)?.name),
    'source.authoritative': (a) => sourceOf(a)?.authoritative ?? false,
    'source.connectionType': (a) => text(sourceOf(a)?.connectionType),
  };
  return Object.fromEntries(ACCOUNT_SORTABLE_FIELDS.map((name) => [name, read[name]]));
}
