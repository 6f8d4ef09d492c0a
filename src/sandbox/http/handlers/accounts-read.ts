// GET /accounts (paged, filtered, sorted, SLIM or FULL), GET /accounts/{id} and
// GET /accounts/{id}/entitlements.
import type { DetailLevel } from '../../../isc/models';
import { pageOf, readPageParams, totalCountHeader } from '../../query/collection-params';
import { illegalValue } from '../errors';
import type { SandboxEntitlement } from '../../state/records';
import type { ApiResponse, RequestContext } from '../router';
import { entitlementView } from '../../state/openapi-json';
import { requireAccount } from './records-or-404';

export function listAccounts(context: RequestContext): ApiResponse {
  const page = readPageParams(context.query);
  const detail = readDetailLevel(context.query);
  const matched = context.accountQueries.run(context.query.get('filters'), context.query.get('sorters'));
  return {
    status: 200,
    body: context.tenant.accountJson.page(pageOf(matched, page), detail),
    headers: totalCountHeader(matched.length, page),
  };
}

export function getAccount(context: RequestContext): ApiResponse {
  return { status: 200, body: context.tenant.accountJson.account(requireAccount(context, context.params.id)) };
}

export function listAccountEntitlements(context: RequestContext): ApiResponse {
  const page = readPageParams(context.query);
  const account = requireAccount(context, context.params.id);
  const entitlements = account.entitlementIds
    .map((id) => context.tenant.entitlement(id))
    .filter((e): e is SandboxEntitlement => e !== undefined);
  return {
    status: 200,
    body: pageOf(entitlements, page).map((e) => entitlementView(context.tenant, e)),
    headers: totalCountHeader(entitlements.length, page),
  };
}

function readDetailLevel(query: URLSearchParams): DetailLevel {
  const raw = query.get('detailLevel');
  if (raw === null || raw === 'FULL') return 'FULL';
  if (raw === 'SLIM') return 'SLIM';
  throw illegalValue(`Illegal value "${raw}" for query parameter "detailLevel": it must be SLIM or FULL.`);
}
