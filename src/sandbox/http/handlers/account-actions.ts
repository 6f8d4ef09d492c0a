// Account lifecycle actions that run as tasks: enable, disable, unlock, reload, delete
// (flat file only) and remove. Each answers 202 at once; the change happens when its task
// completes, and fails the task if the account vanished in between.
import { badRequest } from '../errors';
import { isFlatFile, type AppliedActionKind, type SandboxAccount } from '../../state/records';
import { JSON_BODY, checkOptionalFields, isPlainObject, readJsonBody } from '../request-body';
import type { ApiResponse, Handler, RequestContext } from '../router';
import type { TaskSpec } from '../../state/tasks';
import { requireAccount } from './records-or-404';

export function submitAccountTask(
  context: RequestContext,
  action: AppliedActionKind,
  account: SandboxAccount,
  apply: (account: SandboxAccount) => void,
): string {
  const { tenant } = context;
  const spec: TaskSpec = {
    action,
    targetId: account.id,
    targetName: account.name,
    launcher: context.launcher,
    change: context.takeChange({ accountId: account.id, sourceId: account.sourceId, identityId: account.identityId }, action),
    apply: () => {
      const current = tenant.account(account.id);
      if (!current) return `Account "${account.id}" no longer exists.`;
      apply(current);
      return undefined;
    },
  };
  return context.tasks.submit(spec).id;
}

function readObjectBody(context: RequestContext, schemaName: string, fields: Readonly<Record<string, 'string' | 'boolean'>>): Record<string, unknown> {
  const body = readJsonBody(context, JSON_BODY);
  if (!isPlainObject(body)) throw badRequest(`The request body must be a JSON object (${schemaName}).`);
  checkOptionalFields(body, fields, schemaName);
  return body;
}

const TOGGLE_FIELDS = { externalVerificationId: 'string', forceProvisioning: 'boolean' } as const;

function toggle(action: 'enable' | 'disable'): Handler {
  return (context) => {
    readObjectBody(context, 'AccountToggleRequest', TOGGLE_FIELDS);
    const account = requireAccount(context, context.params.id);
    const disabled = action === 'disable';
    const taskId = submitAccountTask(context, action, account, (a) => context.tenant.updateAccount(a.id, { disabled }));
    return { status: 202, body: { id: taskId } };
  };
}

export const enableAccount = toggle('enable');
export const disableAccount = toggle('disable');

export function unlockAccount(context: RequestContext): ApiResponse {
  const body = readObjectBody(context, 'AccountUnlockRequest', { ...TOGGLE_FIELDS, unlockIDNAccount: 'boolean' });
  const account = requireAccount(context, context.params.id);
  const { tenant } = context;
  const taskId = submitAccountTask(context, 'unlock', account, (a) => {
    tenant.updateAccount(a.id, { locked: false });
    const idnAccount = body.unlockIDNAccount === true && a.identityId ? tenant.identityNowAccountOf(a.identityId) : undefined;
    if (idnAccount && idnAccount.id !== a.id) tenant.updateAccount(idnAccount.id, { locked: false });
  });
  return { status: 202, body: { id: taskId } };
}

/** Re-reads the account from its source; in the sandbox the source is the tenant itself, so
 * only `modified` moves. */
export function reloadAccount(context: RequestContext): ApiResponse {
  const account = requireAccount(context, context.params.id);
  const taskId = submitAccountTask(context, 'reload', account, (a) => context.tenant.updateAccount(a.id, {}));
  return { status: 202, body: { id: taskId } };
}

export function deleteAccount(context: RequestContext): ApiResponse {
  const account = requireAccount(context, context.params.id);
  const source = context.tenant.source(account.sourceId);
  if (!isFlatFile(source)) {
    throw badRequest(
      `Only accounts of flat file (DelimitedFile) sources can be deleted: account "${account.id}" belongs to ` +
        `"${source?.name}" (type "${source?.type}"). Disable it, or remove it from ISC with POST /beta/accounts/${account.id}/remove.`,
    );
  }
  const taskId = submitAccountTask(context, 'delete', account, (a) => context.tenant.removeAccount(a.id));
  return { status: 202, body: { id: taskId } };
}

/** Removes the account from ISC without touching the source; any source. */
export function removeAccount(context: RequestContext): ApiResponse {
  const account = requireAccount(context, context.params.id);
  const taskId = submitAccountTask(context, 'remove', account, (a) => context.tenant.removeAccount(a.id));
  return { status: 202, body: { type: 'TASK_RESULT', id: taskId, name: null } };
}
