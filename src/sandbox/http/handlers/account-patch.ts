// PATCH /accounts/{id} in two layers. ISC's rules on top: `/identityId` (replace to reassign,
// remove to uncorrelate), `/manuallyCorrelated` (replace) and, on flat-file accounts only,
// `/attributes/<name>` (add, replace, remove); anything else is a 400 that says what is not
// allowed. Beneath, src/patch's RFC 6902 applier does the applying, so the conformance suite
// (test/unit/patch.conformance.test.ts) tests what runs here. A refused patch changes nothing.
import { applyPatch, JsonPatchError, JsonPointerError, unescapePointerToken } from '../../../patch';
import type { AccountAttributeMap, JsonObject } from '../../../patch';
import { badRequest } from '../errors';
import { isFlatFile, type SandboxAccount, type SandboxSource } from '../../state/records';
import { isPlainObject } from '../request-body';
import type { AccountChanges, SandboxTenant } from '../../state/tenant';
import { attributeMapCopy, checkAttributeName, entitlementIdsFromAttributes } from './account-drafts';

const PATCHABLE = 'PATCH /accounts/{id} can change /identityId, /manuallyCorrelated and, on flat file (DelimitedFile) accounts, /attributes/<name>';

type Target = { kind: 'identityId' } | { kind: 'manuallyCorrelated' } | { kind: 'attribute'; name: string };

/** An operation ISC takes, with what it targets. */
interface Vetted {
  operation: { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };
  target: Target;
}

export function planAccountPatch(tenant: SandboxTenant, account: SandboxAccount, source: SandboxSource, body: unknown): AccountChanges {
  if (!Array.isArray(body)) throw badRequest('The PATCH body must be a JSON array of operations (RFC 6902), e.g. [{"op":"remove","path":"/identityId"}].');
  if (body.length === 0) throw badRequest('The PATCH body has no operations.');
  // ISC's view of the account as a JSON document; attributes are derived only once an operation
  // touches them. One operation at a time, so the 400 names the first operation that fails,
  // whichever layer refuses it; nothing is stored unless every operation applies.
  let document: JsonObject = { identityId: account.identityId, manuallyCorrelated: account.manuallyCorrelated };
  const touched = new Set<Target['kind']>();
  body.forEach((operation: unknown, index) => {
    const where = `Operation ${index}`;
    const vetted = vet(tenant, account, source, operation, where);
    if (vetted.target.kind === 'attribute' && !touched.has('attribute')) document.attributes = tenant.attributesOf(account);
    touched.add(vetted.target.kind);
    document = applyVetted(document, vetted, where);
  });

  const changes: AccountChanges = {};
  const setsFlag = touched.has('manuallyCorrelated');
  if (touched.has('identityId')) {
    changes.identityId = typeof document.identityId === 'string' ? document.identityId : null;
    // ISC: reassigned accounts become manuallyCorrelated unless the patch says otherwise.
    changes.manuallyCorrelated = setsFlag ? document.manuallyCorrelated === true : changes.identityId !== null;
  } else if (setsFlag) {
    changes.manuallyCorrelated = document.manuallyCorrelated === true;
  }
  if (touched.has('attribute')) {
    const attributes = attributeMapCopy(document.attributes as AccountAttributeMap);
    changes.storedAttributes = attributes;
    changes.entitlementIds = entitlementIdsFromAttributes(tenant, source, attributes);
  }
  return changes;
}

/** ISC's rules for one operation; a 400 naming the operation when it breaks one. */
function vet(tenant: SandboxTenant, account: SandboxAccount, source: SandboxSource, operation: unknown, where: string): Vetted {
  if (!isPlainObject(operation)) throw badRequest(`${where}: each operation must be an object with "op" and "path".`);
  const { op, path } = operation;
  if (op === 'move' || op === 'copy' || op === 'test') {
    throw badRequest(`${where}: the "${op}" operation is not supported by PATCH /accounts/{id}; use add, replace or remove.`);
  }
  if (op !== 'add' && op !== 'replace' && op !== 'remove') throw badRequest(`${where}: "op" must be add, replace or remove, got ${JSON.stringify(op)}.`);
  if (typeof path !== 'string' || !path.startsWith('/')) throw badRequest(`${where}: "path" must be a JSON Pointer such as "/identityId", got ${JSON.stringify(path)}.`);
  if (op !== 'remove' && !('value' in operation)) throw badRequest(`${where}: "${op}" needs a "value".`);
  const value = operation.value;
  const checked: Vetted['operation'] = op === 'remove' ? { op, path } : { op, path, value };

  if (path === '/identityId') {
    if (op === 'add') throw badRequest(`${where}: /identityId takes "replace" (reassign the account) or "remove" (uncorrelate it), not "add".`);
    if (op === 'replace' && (typeof value !== 'string' || !tenant.identity(value))) {
      throw badRequest(`${where}: /identityId must be the id of an existing identity; ${JSON.stringify(value)} is not one.`);
    }
    // An account always has the field (null when uncorrelated), so ISC takes replace for a first
    // correlation and remove of no identity; as RFC 6902 operations, those are replaces.
    return { operation: { op: 'replace', path, value: op === 'remove' ? null : value }, target: { kind: 'identityId' } };
  }
  if (path === '/manuallyCorrelated') {
    if (op !== 'replace') throw badRequest(`${where}: /manuallyCorrelated takes "replace" only, not "${op}".`);
    if (typeof value !== 'boolean') throw badRequest(`${where}: /manuallyCorrelated must be true or false, got ${JSON.stringify(value)}.`);
    return { operation: checked, target: { kind: 'manuallyCorrelated' } };
  }
  if (path.startsWith('/attributes/')) {
    if (!isFlatFile(source)) {
      throw badRequest(
        `${where}: account attributes can only be modified for flat file (DelimitedFile) accounts; "${account.name}" belongs to ` +
          `"${source.name}" (type "${source.type}"). Change "${path}" on the source itself.`,
      );
    }
    const name = attributeName(path.slice('/attributes/'.length), path, where);
    checkAttributeName(name, where);
    return { operation: checked, target: { kind: 'attribute', name } };
  }
  if (path === '/attributes') {
    throw badRequest(`${where}: change single attributes ("/attributes/<name>"), not the whole "/attributes" object. ${PATCHABLE}.`);
  }
  throw badRequest(`${where}: the path "${path}" cannot be patched. ${PATCHABLE}.`);
}

/** One JSON Pointer token, unescaped (`~1` is `/`, `~0` is `~`). */
function attributeName(token: string, path: string, where: string): string {
  if (token === '') throw badRequest(`${where}: "${path}" names no attribute.`);
  if (token.includes('/')) throw badRequest(`${where}: only whole attributes can be patched; "${path}" points inside one.`);
  try {
    return unescapePointerToken(token, path);
  } catch (error) {
    if (error instanceof JsonPointerError) throw badRequest(`${where}: "${path}" has an invalid JSON Pointer escape (use ~0 for ~ and ~1 for /).`);
    throw error;
  }
}

/** The document with one operation applied; what RFC 6902 refuses (replace or remove of a
 * missing attribute) is a 400. */
function applyVetted(document: JsonObject, { operation, target }: Vetted, where: string): JsonObject {
  try {
    return applyPatch(document, [operation]) as JsonObject;
  } catch (error) {
    if (!(error instanceof JsonPatchError)) throw error;
    if (error.reason === 'missing-target' && target.kind === 'attribute') {
      throw badRequest(`${where}: the attribute "${target.name}" does not exist, so it cannot be ${operation.op}d; use "add".`);
    }
    throw badRequest(`${where}: ${error.detail}`);
  }
}
