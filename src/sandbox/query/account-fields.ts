// The fields list-accounts filters and sorts on, as the seeds and the OpenAPI document them
// (filters: id, identityId, name, nativeIdentity, hasEntitlements, sourceId, uncorrelated,
// entitlements, origin, manuallyCorrelated, identity.*, source.*, recommendation.method,
// created, modified).
import type { SortValue, SorterTable } from './collection-params';
import type { FilterFieldTable } from './filter-fields';
import type { SandboxAccount } from '../state/records';
import type { SandboxTenant } from '../state/tenant';
import { accountUuid } from '../state/account-attributes';

export function accountFilterFields(tenant: SandboxTenant): FilterFieldTable<SandboxAccount> {
  const identityOf = (a: SandboxAccount) => (a.identityId ? tenant.identity(a.identityId) : undefined);
  const sourceOf = (a: SandboxAccount) => tenant.source(a.sourceId);
  return {
    id: { operators: ['eq', 'in', 'sw'], type: 'string', get: (a) => a.id },
    identityId: { operators: ['eq', 'in', 'sw'], type: 'string', get: (a) => a.identityId },
    name: { operators: ['eq', 'in', 'sw'], type: 'string', get: (a) => a.name },
    nativeIdentity: { operators: ['eq', 'in', 'sw'], type: 'string', get: (a) => a.nativeIdentity },
    hasEntitlements: { operators: ['eq'], type: 'boolean', get: (a) => a.entitlementIds.length > 0 },
    sourceId: { operators: ['eq', 'in', 'sw'], type: 'string', get: (a) => a.sourceId },
    uncorrelated: { operators: ['eq'], type: 'boolean', get: (a) => a.identityId === null },
    entitlements: { operators: ['eq'], type: 'boolean', get: (a) => a.entitlementIds.length > 0 },
    origin: { operators: ['eq', 'in'], type: 'string', get: (a) => a.origin },
    manuallyCorrelated: { operators: ['eq'], type: 'boolean', get: (a) => a.manuallyCorrelated },
    'identity.name': { operators: ['eq', 'in', 'sw'], type: 'string', get: (a) => identityOf(a)?.name ?? null },
    'identity.correlated': { operators: ['eq'], type: 'boolean', get: (a) => a.identityId !== null },
    'identity.identityState': { operators: ['eq', 'in'], type: 'string', get: (a) => identityOf(a)?.identityState ?? null },
    'source.displayableName': { operators: ['eq', 'in'], type: 'string', get: (a) => sourceOf(a)?.name ?? null },
    'source.authoritative': { operators: ['eq'], type: 'boolean', get: (a) => sourceOf(a)?.authoritative ?? false },
    'source.connectionType': { operators: ['eq', 'in'], type: 'string', get: (a) => sourceOf(a)?.connectionType ?? null },
    'recommendation.method': { operators: ['eq', 'in', 'isnull'], type: 'string', get: (a) => a.recommendation?.method ?? null },
    created: { operators: ['eq', 'ge', 'gt', 'le', 'lt'], type: 'date', get: (a) => a.created },
    modified: { operators: ['eq', 'ge', 'gt', 'le', 'lt'], type: 'date', get: (a) => a.modified },
  };
}

export function accountSorters(tenant: SandboxTenant): SorterTable<SandboxAccount> {
  const identityOf = (a: SandboxAccount) => (a.identityId ? tenant.identity(a.identityId) : undefined);
  const sourceOf = (a: SandboxAccount) => tenant.source(a.sourceId);
  const text = (value: string | null | undefined): SortValue => value ?? null;
  return {
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
}
