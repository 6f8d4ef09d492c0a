// Every change operation the extension makes, as one request each against a fresh sandbox, with
// a check that the tenant shows the change. The sandbox's fault and ledger tests run them all,
// so no operation is left out of a fault (the old fault suite never sent DELETE, PUT, remove,
// remove-all or the IDN calls).
import type { ChangeKind, SandboxHandle } from '../../../src/sandbox';

export interface ChangeOperation {
  name: string;
  kind: ChangeKind;
  method: string;
  /** With the version, e.g. `/v3/accounts/…`. */
  path: string;
  json?: unknown;
  contentType?: string;
  /** Ledger entries it makes (a bulk IDN request: one per identity). */
  changes: number;
  /** The account (or identity, for IDN calls) the entries name. */
  accountIds: Array<string | null>;
  identityIds: Array<string | null>;
  /** True once the tenant shows the change. */
  changed(): boolean;
}

export const OPERATION_NAMES = [
  'create',
  'put',
  'patch attributes',
  'patch correlation',
  'delete',
  'remove',
  'remove-all',
  'enable',
  'disable',
  'unlock (unlockIDNAccount, forceProvisioning)',
  'reload',
  'IDN enable (one identity)',
  'IDN disable (bulk, 207)',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

/** One operation per name, each on its own accounts, preconditions set (locked, disabled…). */
export function changeOperations(sandbox: SandboxHandle, createdNativeIdentity = 'ledger-create-1'): Map<OperationName, ChangeOperation> {
  const { tenant } = sandbox;
  const flat = tenant.flatFileSource();
  const ad = tenant.largeSource();
  const serviceNow = tenant.findSource((s) => s.kind === 'servicenow');
  if (!serviceNow) throw new Error('the sandbox has no ServiceNow source');
  const [putTarget, patchTarget, deleteTarget] = tenant.accountsOfSource(flat.id);
  const adAccounts = tenant.accountsOfSource(ad.id).filter((a) => !a.disabled && !a.locked && a.identityId);
  const [correlated, removed, enabled, disabled, unlocked, reloaded] = adAccounts;
  const otherIdentity = tenant.identities().find((i) => i.id !== correlated.identityId);
  const idnIdentities = tenant.identities().filter((i) => tenant.identityNowAccountOf(i.id) && i.id !== unlocked.identityId);
  const [idnSingle, idnBulkA, idnBulkB] = idnIdentities;
  if (!otherIdentity || !idnBulkB) throw new Error('the sandbox is too small for the operations table');
  const idnAccount = (identityId: string) => tenant.identityNowAccountOf(identityId);
  const current = (id: string) => tenant.account(id);

  tenant.updateAccount(enabled.id, { disabled: true });
  tenant.updateAccount(unlocked.id, { locked: true });
  const unlockedIdn = idnAccount(unlocked.identityId as string);
  if (!unlockedIdn) throw new Error(`the identity of ${unlocked.name} has no IdentityNow account to unlock with unlockIDNAccount`);
  tenant.updateAccount(unlockedIdn.id, { locked: true });
  tenant.updateAccount(reloaded.id, { modified: 1 });
  tenant.updateAccount(idnAccount(idnSingle.id)!.id, { disabled: true });
  for (const identity of [idnBulkA, idnBulkB]) tenant.updateAccount(idnAccount(identity.id)!.id, { disabled: false });

  const ops: ChangeOperation[] = [
    {
      name: 'create', kind: 'create', method: 'POST', path: '/v3/accounts',
      json: { attributes: { sourceId: flat.id, id: createdNativeIdentity, userName: 'ledger.create', title: 'Created' } },
      changes: 1, accountIds: [null], identityIds: [null],
      changed: () => tenant.accountsOfSource(flat.id).some((a) => a.nativeIdentity === createdNativeIdentity),
    },
    {
      name: 'put', kind: 'put', method: 'PUT', path: `/v3/accounts/${putTarget.id}`,
      json: { attributes: { ...tenant.attributesOf(putTarget), title: 'Put' } },
      changes: 1, accountIds: [putTarget.id], identityIds: [putTarget.identityId],
      changed: () => tenant.attributesOf(current(putTarget.id)!).title === 'Put',
    },
    {
      name: 'patch attributes', kind: 'patch', method: 'PATCH', path: `/v3/accounts/${patchTarget.id}`,
      json: [{ op: 'replace', path: '/attributes/title', value: 'Patched' }], contentType: 'application/json-patch+json',
      changes: 1, accountIds: [patchTarget.id], identityIds: [patchTarget.identityId],
      changed: () => tenant.attributesOf(current(patchTarget.id)!).title === 'Patched',
    },
    {
      name: 'patch correlation', kind: 'patch', method: 'PATCH', path: `/v3/accounts/${correlated.id}`,
      json: [{ op: 'replace', path: '/identityId', value: otherIdentity.id }], contentType: 'application/json-patch+json',
      changes: 1, accountIds: [correlated.id], identityIds: [correlated.identityId],
      changed: () => current(correlated.id)?.identityId === otherIdentity.id,
    },
    {
      name: 'delete', kind: 'delete', method: 'DELETE', path: `/v3/accounts/${deleteTarget.id}`,
      changes: 1, accountIds: [deleteTarget.id], identityIds: [deleteTarget.identityId],
      changed: () => current(deleteTarget.id) === undefined,
    },
    {
      name: 'remove', kind: 'remove', method: 'POST', path: `/beta/accounts/${removed.id}/remove`,
      changes: 1, accountIds: [removed.id], identityIds: [removed.identityId],
      changed: () => current(removed.id) === undefined,
    },
    {
      name: 'remove-all', kind: 'remove-all', method: 'POST', path: `/beta/sources/${serviceNow.id}/remove-accounts`,
      changes: 1, accountIds: [null], identityIds: [null],
      changed: () => tenant.accountsOfSource(serviceNow.id).length === 0,
    },
    {
      name: 'enable', kind: 'enable', method: 'POST', path: `/v3/accounts/${enabled.id}/enable`, json: {},
      changes: 1, accountIds: [enabled.id], identityIds: [enabled.identityId],
      changed: () => current(enabled.id)?.disabled === false,
    },
    {
      name: 'disable', kind: 'disable', method: 'POST', path: `/v3/accounts/${disabled.id}/disable`, json: { forceProvisioning: true },
      changes: 1, accountIds: [disabled.id], identityIds: [disabled.identityId],
      changed: () => current(disabled.id)?.disabled === true,
    },
    {
      name: 'unlock (unlockIDNAccount, forceProvisioning)', kind: 'unlock', method: 'POST', path: `/v3/accounts/${unlocked.id}/unlock`,
      json: { unlockIDNAccount: true, forceProvisioning: true },
      changes: 1, accountIds: [unlocked.id], identityIds: [unlocked.identityId],
      changed: () => current(unlocked.id)?.locked === false && current(unlockedIdn.id)?.locked === false,
    },
    {
      name: 'reload', kind: 'reload', method: 'POST', path: `/v3/accounts/${reloaded.id}/reload`,
      changes: 1, accountIds: [reloaded.id], identityIds: [reloaded.identityId],
      changed: () => (current(reloaded.id)?.modified ?? 1) > 1,
    },
    {
      name: 'IDN enable (one identity)', kind: 'identity-enable', method: 'POST', path: `/beta/identities-accounts/${idnSingle.id}/enable`,
      changes: 1, accountIds: [idnAccount(idnSingle.id)!.id], identityIds: [idnSingle.id],
      changed: () => idnAccount(idnSingle.id)?.disabled === false,
    },
    {
      name: 'IDN disable (bulk, 207)', kind: 'identity-disable', method: 'POST', path: '/beta/identities-accounts/disable',
      json: { identityIds: [idnBulkA.id, idnBulkB.id] },
      changes: 2, accountIds: [idnAccount(idnBulkA.id)!.id, idnAccount(idnBulkB.id)!.id], identityIds: [idnBulkA.id, idnBulkB.id],
      changed: () => [idnBulkA, idnBulkB].every((i) => idnAccount(i.id)?.disabled === true),
    },
  ];
  return new Map(ops.map((op) => [op.name as OperationName, op]));
}
