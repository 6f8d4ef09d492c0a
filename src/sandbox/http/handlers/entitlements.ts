// GET /entitlements (beta, v2024): by `filters` (e.g. `source.id eq "…"`) or by the deprecated
// `account-id` parameter, never both; GET /entitlements/{id}.
import { pageOf, parseSorters, readBoolean, readPageParams, sortRecords, totalCountHeader } from '../../query/collection-params';
import type { SorterTable } from '../../query/collection-params';
import { badRequest } from '../errors';
import { compileFilter } from '../../query/filter-fields';
import type { FilterFieldTable } from '../../query/filter-fields';
import type { SandboxEntitlement } from '../../state/records';
import type { ApiResponse, RequestContext } from '../router';
import { entitlementView } from '../../state/openapi-json';
import { requireEntitlement } from './records-or-404';

const ENTITLEMENT_FIELDS: FilterFieldTable<SandboxEntitlement> = {
  id: { operators: ['eq', 'in'], type: 'string', get: (e) => e.id },
  name: { operators: ['eq', 'in', 'sw'], type: 'string', get: (e) => e.name },
  type: { operators: ['eq', 'in'], type: 'string', get: (e) => e.type },
  attribute: { operators: ['eq', 'in'], type: 'string', get: (e) => e.attribute },
  value: { operators: ['eq', 'in', 'sw'], type: 'string', get: (e) => e.value },
  'source.id': { operators: ['eq', 'in'], type: 'string', get: (e) => e.sourceId },
  requestable: { operators: ['eq'], type: 'boolean', get: (e) => e.requestable },
  created: { operators: ['gt', 'lt', 'ge', 'le'], type: 'date', get: (e) => e.created },
  modified: { operators: ['gt', 'lt', 'ge', 'le'], type: 'date', get: (e) => e.modified },
  'owner.id': { operators: ['eq', 'in'], type: 'string', get: () => null },
};

const ENTITLEMENT_SORTERS: SorterTable<SandboxEntitlement> = {
  id: (e) => e.id,
  name: (e) => e.name,
  created: (e) => e.created,
  modified: (e) => e.modified,
  type: (e) => e.type,
  attribute: (e) => e.attribute,
  value: (e) => e.value,
  'source.id': (e) => e.sourceId,
  requestable: (e) => e.requestable,
};

export function listEntitlements(context: RequestContext): ApiResponse {
  const { query, tenant } = context;
  const page = readPageParams(query);
  const accountId = query.get('account-id');
  const segmentParams = ['segmented-for-identity', 'for-segment-ids'].filter((name) => (query.get(name) ?? '') !== '');
  const includeUnsegmented = readBoolean(query, 'include-unsegmented', true);
  if (accountId !== null) {
    const clash = ['filters', ...segmentParams, ...(query.has('include-unsegmented') ? ['include-unsegmented'] : [])].filter((n) => query.has(n));
    if (clash.length > 0) throw badRequest(`The account-id parameter cannot be combined with ${clash.join(', ')}.`);
  }
  if (!includeUnsegmented && segmentParams.length === 0) {
    throw badRequest('include-unsegmented=false needs segmented-for-identity or for-segment-ids.');
  }
  const filter = compileFilter(query.get('filters'), ENTITLEMENT_FIELDS, '/entitlements');
  const sorters = parseSorters(query.get('sorters'), ENTITLEMENT_SORTERS, '/entitlements');
  let candidates: readonly SandboxEntitlement[] = tenant.entitlements();
  if (accountId !== null) {
    const account = tenant.account(accountId);
    if (!account) throw badRequest(`account-id "${accountId}" is not an account of this tenant.`);
    candidates = account.entitlementIds.map((id) => tenant.entitlement(id)).filter((e): e is SandboxEntitlement => e !== undefined);
  }
  const matched = sortRecords(filter ? candidates.filter(filter.test) : candidates, sorters, ENTITLEMENT_SORTERS);
  return { status: 200, body: pageOf(matched, page).map((e) => entitlementView(tenant, e)), headers: totalCountHeader(matched.length, page) };
}

export function getEntitlement(context: RequestContext): ApiResponse {
  return { status: 200, body: entitlementView(context.tenant, requireEntitlement(context, context.params.id)) };
}
