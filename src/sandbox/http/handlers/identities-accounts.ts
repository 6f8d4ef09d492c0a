// /identities-accounts (beta, v2024): enable or disable the IdentityNow account of one
// identity (202, empty object) or of many (207, one entry per identity). Each identity's
// change is its own task. Asking for the state an account already has is not an error: the
// task runs and succeeds (ISC documents no 400 entry for it).
import { badRequest } from '../errors';
import type { SandboxIdentity } from '../../state/records';
import { JSON_BODY, isPlainObject, readJsonBody } from '../request-body';
import type { ApiResponse, Handler, RequestContext } from '../router';
import { requireIdentity } from './records-or-404';

type Toggle = 'identity-enable' | 'identity-disable';

function submitToggle(context: RequestContext, identity: SandboxIdentity, action: Toggle): void {
  const { tenant } = context;
  const change = context.takeChange({ identityId: identity.id, accountId: tenant.identityNowAccountOf(identity.id)?.id }, action);
  context.tasks.submit({
    action,
    targetId: identity.id,
    targetName: identity.name,
    targetType: 'IDENTITY',
    launcher: context.launcher,
    change,
    apply: () => {
      const account = tenant.identityNowAccountOf(identity.id);
      if (!account) return `Identity "${identity.name}" has no IdentityNow account.`;
      change.accountId = account.id;
      tenant.updateAccount(account.id, { disabled: action === 'identity-disable' });
      return undefined;
    },
  });
}

function single(action: Toggle): Handler {
  return (context) => {
    submitToggle(context, requireIdentity(context, context.params.id), action);
    return { status: 202, body: {} };
  };
}

function bulk(action: Toggle): Handler {
  return (context): ApiResponse => {
    const body = readJsonBody(context, JSON_BODY);
    const ids = isPlainObject(body) ? body.identityIds : undefined;
    if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
      throw badRequest('The request body must be an IdentitiesAccountsBulkRequest: {"identityIds": ["…", …]}.');
    }
    const results = ids.map((id) => {
      const identity = context.tenant.identity(id);
      if (!identity) return { id, statusCode: 404, message: `Referenced identity "${id}" was not found.` };
      submitToggle(context, identity, action);
      return { id, statusCode: 202 };
    });
    return { status: 207, body: results };
  };
}

export const enableIdentityAccount = single('identity-enable');
export const disableIdentityAccount = single('identity-disable');
export const enableIdentitiesAccounts = bulk('identity-enable');
export const disableIdentitiesAccounts = bulk('identity-disable');
