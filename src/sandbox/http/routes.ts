// Every path of the three OpenAPI documents (isc-v3/beta/v2024-accounts.json), with the
// versions that have it. remove-accounts is `/sources/{sourceId}/…` in beta and `{id}` in
// v2024; the URL is the same.
import type { ApiVersion } from '../../isc/models';
import { deleteAccount, disableAccount, enableAccount, reloadAccount, removeAccount, unlockAccount } from './handlers/account-actions';
import { createAccount, patchAccount, putAccount } from './handlers/account-writes';
import { getAccount, listAccountEntitlements, listAccounts } from './handlers/accounts-read';
import { getEntitlement, listEntitlements } from './handlers/entitlements';
import {
  disableIdentitiesAccounts,
  disableIdentityAccount,
  enableIdentitiesAccounts,
  enableIdentityAccount,
} from './handlers/identities-accounts';
import { listSourceSchemas } from './handlers/source-schemas';
import { getSource, listSources, removeAllAccountsOfSource } from './handlers/sources';
import { getTaskStatus } from './handlers/task-status';
import type { RouteDefinition } from './router';

const ALL: readonly ApiVersion[] = ['v3', 'beta', 'v2024'];
const NEWER: readonly ApiVersion[] = ['beta', 'v2024'];

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', pattern: '/accounts', versions: ALL, handler: listAccounts },
  { method: 'POST', pattern: '/accounts', versions: ALL, change: 'create', handler: createAccount },
  { method: 'GET', pattern: '/accounts/{id}', versions: ALL, handler: getAccount },
  { method: 'PATCH', pattern: '/accounts/{id}', versions: ALL, change: 'patch', handler: patchAccount },
  { method: 'PUT', pattern: '/accounts/{id}', versions: ALL, change: 'put', handler: putAccount },
  { method: 'DELETE', pattern: '/accounts/{id}', versions: ALL, change: 'delete', handler: deleteAccount },
  { method: 'POST', pattern: '/accounts/{id}/disable', versions: ALL, change: 'disable', handler: disableAccount },
  { method: 'POST', pattern: '/accounts/{id}/enable', versions: ALL, change: 'enable', handler: enableAccount },
  { method: 'GET', pattern: '/accounts/{id}/entitlements', versions: ALL, handler: listAccountEntitlements },
  { method: 'POST', pattern: '/accounts/{id}/reload', versions: ALL, change: 'reload', handler: reloadAccount },
  { method: 'POST', pattern: '/accounts/{id}/unlock', versions: ALL, change: 'unlock', handler: unlockAccount },
  { method: 'POST', pattern: '/accounts/{id}/remove', versions: NEWER, experimentalInV2024: true, change: 'remove', handler: removeAccount },
  { method: 'POST', pattern: '/identities-accounts/disable', versions: NEWER, experimentalInV2024: true, change: 'identity-disable', handler: disableIdentitiesAccounts },
  { method: 'POST', pattern: '/identities-accounts/enable', versions: NEWER, experimentalInV2024: true, change: 'identity-enable', handler: enableIdentitiesAccounts },
  { method: 'POST', pattern: '/identities-accounts/{id}/disable', versions: NEWER, experimentalInV2024: true, change: 'identity-disable', handler: disableIdentityAccount },
  { method: 'POST', pattern: '/identities-accounts/{id}/enable', versions: NEWER, experimentalInV2024: true, change: 'identity-enable', handler: enableIdentityAccount },
  { method: 'GET', pattern: '/sources', versions: ALL, handler: listSources },
  { method: 'GET', pattern: '/sources/{id}', versions: ALL, handler: getSource },
  { method: 'GET', pattern: '/sources/{id}/schemas', versions: ALL, handler: listSourceSchemas },
  { method: 'POST', pattern: '/sources/{id}/remove-accounts', versions: NEWER, experimentalInV2024: true, change: 'remove-all', handler: removeAllAccountsOfSource },
  { method: 'GET', pattern: '/entitlements', versions: NEWER, handler: listEntitlements },
  { method: 'GET', pattern: '/entitlements/{id}', versions: NEWER, handler: getEntitlement },
  { method: 'GET', pattern: '/task-status/{id}', versions: NEWER, handler: getTaskStatus },
];
