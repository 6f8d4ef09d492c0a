// POST /accounts (create, or update when the native identity already exists on the source),
// PUT /accounts/{id} (flat file only) and PATCH /accounts/{id}. Create and PUT run as tasks;
// PATCH applies before answering (202 with an empty object).
import type { AccountAttributeMap } from '../../../isc/models';
import { badRequest } from '../errors';
import { isFlatFile, type SandboxAccount, type SandboxSource } from '../../state/records';
import { JSON_BODY, JSON_PATCH_BODY, isPlainObject, readJsonBody } from '../request-body';
import type { ApiResponse, RequestContext } from '../router';
import { submitAccountTask } from './account-actions';
import {
  NAME_ATTRIBUTES,
  attributeMapCopy,
  NATIVE_IDENTITY_ATTRIBUTES,
  correlate,
  entitlementIdsFromAttributes,
  firstText,
  personaFromAttributes,
  toAttributeMap,
} from './account-drafts';
import { planAccountPatch } from './account-patch';
import { requireAccount } from './records-or-404';

export function createAccount(context: RequestContext): ApiResponse {
  const body = readJsonBody(context, JSON_BODY);
  if (!isPlainObject(body) || !isPlainObject(body.attributes)) {
    throw badRequest('The request body must be an AccountAttributesCreate: {"attributes": {"sourceId": "…", …}}.');
  }
  const { sourceId, ...rest } = body.attributes;
  if (typeof sourceId !== 'string' || sourceId === '') {
    throw badRequest('attributes.sourceId is required: the id of the source to create the account on.');
  }
  const { tenant } = context;
  const source = tenant.source(sourceId);
  if (!source) throw badRequest(`attributes.sourceId "${sourceId}" is not a source of this tenant.`);
  const attributes = toAttributeMap(rest, 'attributes');
  const nativeIdentity = firstText(attributes, NATIVE_IDENTITY_ATTRIBUTES);
  if (!nativeIdentity) {
    throw badRequest(`The new account needs a native identity: give one of attributes.${NATIVE_IDENTITY_ATTRIBUTES.join(', attributes.')}.`);
  }
  const name = firstText(attributes, NAME_ATTRIBUTES) ?? nativeIdentity;
  // Same native identity on the same source is the same account: create then updates it (the
  // ledger entry says `merged`, so a doubled create still shows).
  const existing = tenant.accountsOfSource(source.id).find((a) => a.nativeIdentity === nativeIdentity);
  const targetId = existing?.id ?? tenant.newAccountId();
  const change = context.takeChange({ sourceId: source.id, nativeIdentity, accountId: existing?.id }, 'create');
  const task = context.tasks.submit({
    action: 'create',
    targetId,
    targetName: name,
    launcher: context.launcher,
    change,
    apply: () => {
      const current = tenant.account(targetId) ?? tenant.accountsOfSource(source.id).find((a) => a.nativeIdentity === nativeIdentity);
      if (current) {
        const merged = attributeMapCopy(tenant.attributesOf(current), attributes);
        tenant.updateAccount(current.id, { storedAttributes: merged, entitlementIds: entitlementIdsFromAttributes(tenant, source, merged) });
        change.merged = true;
      } else {
        tenant.addAccount(newAccount(context, source, targetId, name, nativeIdentity, attributes));
      }
      change.accountId = current?.id ?? targetId;
      return undefined;
    },
  });
  return { status: 202, body: { id: task.id } };
}

function newAccount(
  context: RequestContext,
  source: SandboxSource,
  id: string,
  name: string,
  nativeIdentity: string,
  attributes: AccountAttributeMap,
): SandboxAccount {
  const now = Date.now();
  const identity = correlate(context.tenant, attributes);
  return {
    id,
    sourceId: source.id,
    name,
    nativeIdentity,
    identityId: identity?.id ?? null,
    manuallyCorrelated: false,
    disabled: false,
    locked: false,
    systemAccount: false,
    isMachine: false,
    origin: 'PROVISIONED',
    recommendation: null,
    created: now,
    modified: now,
    entitlementIds: entitlementIdsFromAttributes(context.tenant, source, attributes),
    persona: personaFromAttributes(attributes, nativeIdentity),
    variant: 0,
    storedAttributes: attributes,
  };
}

export function putAccount(context: RequestContext): ApiResponse {
  const body = readJsonBody(context, JSON_BODY);
  if (!isPlainObject(body) || !isPlainObject(body.attributes)) {
    throw badRequest('The request body must be an AccountAttributes: {"attributes": {…}}.');
  }
  const attributes = toAttributeMap(body.attributes, 'attributes');
  const account = requireAccount(context, context.params.id);
  const source = context.tenant.source(account.sourceId) as SandboxSource;
  if (!isFlatFile(source)) {
    throw badRequest(
      `PUT /accounts/{id} only updates accounts of flat file (DelimitedFile) sources: account "${account.id}" belongs to ` +
        `"${source.name}" (type "${source.type}").`,
    );
  }
  const taskId = submitAccountTask(context, 'put', account, (a) =>
    context.tenant.updateAccount(a.id, { storedAttributes: attributes, entitlementIds: entitlementIdsFromAttributes(context.tenant, source, attributes) }),
  );
  return { status: 202, body: { id: taskId } };
}

export function patchAccount(context: RequestContext): ApiResponse {
  const body = readJsonBody(context, JSON_PATCH_BODY);
  const account = requireAccount(context, context.params.id);
  const source = context.tenant.source(account.sourceId) as SandboxSource;
  const changes = planAccountPatch(context.tenant, account, source, body);
  const change = context.takeChange({ accountId: account.id, sourceId: account.sourceId, identityId: account.identityId }, 'patch');
  context.tenant.updateAccount(account.id, changes);
  context.tenant.changeLedger.markApplied(change);
  return { status: 202, body: {} };
}
