// GET /sources (paged, filtered, sorted; the IdentityNow source only with includeIDNSource=true,
// as ISC does), GET /sources/{id}, and POST /sources/{id}/remove-accounts.
import { pageOf, parseSorters, readBoolean, readPageParams, sortRecords, totalCountHeader } from '../../query/collection-params';
import type { SorterTable } from '../../query/collection-params';
import { compileFilter } from '../../query/filter-fields';
import type { FilterFieldTable } from '../../query/filter-fields';
import type { SandboxSource } from '../../state/records';
import type { ApiResponse, RequestContext } from '../router';
import { sourceView } from '../../state/openapi-json';
import { requireSource } from './records-or-404';

const ALL = ['eq', 'in', 'ge', 'gt', 'le', 'lt', 'ne', 'isnull', 'sw'] as const;

const SOURCE_FIELDS: FilterFieldTable<SandboxSource> = {
  id: { operators: ALL, type: 'string', get: (s) => s.id },
  name: { operators: ['co', 'eq', 'in', 'sw', 'ge', 'gt', 'ne', 'isnull'], type: 'string', get: (s) => s.name },
  type: { operators: ['eq', 'in', 'ge', 'gt', 'ne', 'isnull', 'sw'], type: 'string', get: (s) => s.type },
  'owner.id': { operators: ALL, type: 'string', get: (s) => s.owner.id },
  features: { operators: ['ca', 'co'], type: 'string', get: (s) => s.features },
  created: { operators: ['eq'], type: 'date', get: (s) => s.created },
  modified: { operators: ['eq'], type: 'date', get: (s) => s.modified },
  'managementWorkgroup.id': { operators: ALL, type: 'string', get: () => null },
  description: { operators: ['eq', 'sw'], type: 'string', get: (s) => s.description },
  authoritative: { operators: ['eq', 'ne', 'isnull'], type: 'boolean', get: (s) => s.authoritative },
  healthy: { operators: ['isnull'], type: 'boolean', get: () => true },
  status: { operators: ALL, type: 'string', get: () => 'SOURCE_STATE_HEALTHY' },
  connectionType: { operators: ALL, type: 'string', get: (s) => s.connectionType },
  connectorName: { operators: ['eq', 'ge', 'gt', 'in', 'ne', 'isnull', 'sw'], type: 'string', get: (s) => s.connectorName },
  category: { operators: ['co', 'eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'sw'], type: 'string', get: () => null },
};

const SOURCE_SORTERS: SorterTable<SandboxSource> = {
  type: (s) => s.type,
  created: (s) => s.created,
  modified: (s) => s.modified,
  name: (s) => s.name,
  'owner.name': (s) => s.owner.name,
  healthy: () => true,
  status: () => 'SOURCE_STATE_HEALTHY',
  id: (s) => s.id,
  description: (s) => s.description,
  'owner.id': (s) => s.owner.id,
  'accountCorrelationConfig.id': () => null,
  'accountCorrelationConfig.name': () => null,
  'managerCorrelationRule.type': () => null,
  'managerCorrelationRule.id': () => null,
  'managerCorrelationRule.name': () => null,
  authoritative: (s) => s.authoritative,
  'managementWorkgroup.id': () => null,
  connectorName: (s) => s.connectorName,
  connectionType: (s) => s.connectionType,
};

export function listSources(context: RequestContext): ApiResponse {
  const page = readPageParams(context.query);
  const includeIdn = readBoolean(context.query, 'includeIDNSource', false);
  const filter = compileFilter(context.query.get('filters'), SOURCE_FIELDS, '/sources');
  const sorters = parseSorters(context.query.get('sorters'), SOURCE_SORTERS, '/sources');
  const matched = context.tenant
    .sources()
    .filter((s) => (includeIdn || s.kind !== 'identitynow') && (!filter || filter.test(s)));
  const sorted = sortRecords(matched, sorters, SOURCE_SORTERS);
  return { status: 200, body: pageOf(sorted, page).map(sourceView), headers: totalCountHeader(sorted.length, page) };
}

export function getSource(context: RequestContext): ApiResponse {
  return { status: 200, body: sourceView(requireSource(context, context.params.id)) };
}

/** Removes every account of the source from ISC (not from the source), in one task. */
export function removeAllAccountsOfSource(context: RequestContext): ApiResponse {
  const source = requireSource(context, context.params.id);
  const { tenant } = context;
  const change = context.takeChange({ sourceId: source.id }, 'remove-all');
  const task = context.tasks.submit({
    action: 'remove-all',
    targetId: source.id,
    targetName: source.name,
    launcher: context.launcher,
    change,
    apply: () => {
      if (!tenant.source(source.id)) return `Source "${source.id}" no longer exists.`;
      change.removedAccountIds = tenant.accountsOfSource(source.id).map((account) => account.id);
      tenant.removeAllAccountsOfSource(source.id);
      return undefined;
    },
  });
  return { status: 202, body: { type: 'TASK_RESULT', id: task.id, name: null } };
}
