// PATCH /accounts/{id}: which JSON Patch operations ISC takes. `/identityId` (replace to
// reassign, remove to uncorrelate), `/manuallyCorrelated` (replace), and `/attributes/<name>`
// (add, replace, remove) on flat-file accounts only. The whole patch is checked before any of
// it applies; anything else is a 400 that says what is not allowed.
import type { AccountAttributeMap, AttributeValue } from '../../../isc/models';
import { badRequest } from '../errors';
import { isFlatFile, type SandboxAccount, type SandboxSource } from '../../state/records';
import { isPlainObject } from '../request-body';
import type { AccountChanges, SandboxTenant } from '../../state/tenant';
import { attributeMapCopy, checkAttributeName, entitlementIdsFromAttributes } from './account-drafts';

const PATCHABLE = 'PATCH /accounts/{id} can change /identityId, /manuallyCorrelated and, on flat file (DelimitedFile) accounts, /attributes/<name>';

interface PatchState {
  identityId: string | null;
  identityTouched: boolean;
  manuallyCorrelated: boolean | undefined;
  attributes: AccountAttributeMap | null;
}

export function planAccountPatch(tenant: SandboxTenant, account: SandboxAccount, source: SandboxSource, body: unknown): AccountChanges {
  if (!Array.isArray(body)) throw badRequest('The PATCH body must be a JSON array of operations (RFC 6902), e.g. [{"op":"remove","path":"/identityId"}].');
  if (body.length === 0) throw badRequest('The PATCH body has no operations.');
  const state: PatchState = { identityId: account.identityId, identityTouched: false, manuallyCorrelated: undefined, attributes: null };
  body.forEach((operation: unknown, index) => applyOperation(tenant, account, source, state, operation, `Operation ${index}`));

  const changes: AccountChanges = {};
  if (state.identityTouched) {
    changes.identityId = state.identityId;
    // ISC: reassigned accounts become manuallyCorrelated unless the patch says otherwise.
    changes.manuallyCorrelated = state.manuallyCorrelated ?? state.identityId !== null;
  } else if (state.manuallyCorrelated !== undefined) {
    changes.manuallyCorrelated = state.manuallyCorrelated;
  }
  if (state.attributes) {
    changes.storedAttributes = state.attributes;
    changes.entitlementIds = entitlementIdsFromAttributes(tenant, source, state.attributes);
  }
  return changes;
}

function applyOperation(
  tenant: SandboxTenant,
  account: SandboxAccount,
  source: SandboxSource,
  state: PatchState,
  operation: unknown,
  where: string,
): void {
  if (!isPlainObject(operation)) throw badRequest(`${where}: each operation must be an object with "op" and "path".`);
  const { op, path } = operation;
  if (op === 'move' || op === 'copy' || op === 'test') {
    throw badRequest(`${where}: the "${op}" operation is not supported by PATCH /accounts/{id}; use add, replace or remove.`);
  }
  if (op !== 'add' && op !== 'replace' && op !== 'remove') throw badRequest(`${where}: "op" must be add, replace or remove, got ${JSON.stringify(op)}.`);
  if (typeof path !== 'string' || !path.startsWith('/')) throw badRequest(`${where}: "path" must be a JSON Pointer such as "/identityId", got ${JSON.stringify(path)}.`);
  if (op !== 'remove' && !('value' in operation)) throw badRequest(`${where}: "${op}" needs a "value".`);
  const value = operation.value;

  if (path === '/identityId') {
    if (op === 'remove') {
      state.identityId = null;
    } else if (op === 'replace') {
      if (typeof value !== 'string' || !tenant.identity(value)) {
        throw badRequest(`${where}: /identityId must be the id of an existing identity; ${JSON.stringify(value)} is not one.`);
      }
      state.identityId = value;
    } else {
      throw badRequest(`${where}: /identityId takes "replace" (reassign the account) or "remove" (uncorrelate it), not "add".`);
    }
    state.identityTouched = true;
  } else if (path === '/manuallyCorrelated') {
    if (op !== 'replace') throw badRequest(`${where}: /manuallyCorrelated takes "replace" only, not "${op}".`);
    if (typeof value !== 'boolean') throw badRequest(`${where}: /manuallyCorrelated must be true or false, got ${JSON.stringify(value)}.`);
    state.manuallyCorrelated = value;
  } else if (path.startsWith('/attributes/')) {
    if (!isFlatFile(source)) {
      throw badRequest(
        `${where}: account attributes can only be modified for flat file (DelimitedFile) accounts; "${account.name}" belongs to ` +
          `"${source.name}" (type "${source.type}"). Change "${path}" on the source itself.`,
      );
    }
    const name = attributeName(path.slice('/attributes/'.length), path, where);
    checkAttributeName(name, where);
    state.attributes ??= attributeMapCopy(tenant.attributesOf(account));
    const exists = Object.prototype.hasOwnProperty.call(state.attributes, name);
    if (op !== 'add' && !exists) throw badRequest(`${where}: the attribute "${name}" does not exist, so it cannot be ${op}d; use "add".`);
    if (op === 'remove') delete state.attributes[name];
    else state.attributes[name] = structuredClone(value) as AttributeValue;
  } else if (path === '/attributes') {
    throw badRequest(`${where}: change single attributes ("/attributes/<name>"), not the whole "/attributes" object. ${PATCHABLE}.`);
  } else {
    throw badRequest(`${where}: the path "${path}" cannot be patched. ${PATCHABLE}.`);
  }
}

/** One JSON Pointer token, unescaped (`~1` is `/`, `~0` is `~`). */
function attributeName(token: string, path: string, where: string): string {
  if (token === '') throw badRequest(`${where}: "${path}" names no attribute.`);
  if (token.includes('/')) throw badRequest(`${where}: only whole attributes can be patched; "${path}" points inside one.`);
  if (/~[^01]|~$/.test(token)) throw badRequest(`${where}: "${path}" has an invalid JSON Pointer escape (use ~0 for ~ and ~1 for /).`);
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
