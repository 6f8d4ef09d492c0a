// What reading back can prove, per kind of change. Each plan is made before the change is
// sent, from the state then: a read that merely matches the target proves nothing when the
// account already matched before. No vscode here.
import { applyPatch } from '../patch/apply';
import { jsonEqual, type JsonObject, type JsonValue } from '../patch/json';
import { parsePointer } from '../patch/pointer';
import type { IscApi } from './api';
import { isIscError } from './errors';
import { accountFilter } from './filters';
import type { Account, JsonPatchOperation } from './models';
import type { ProofPlan, Reading } from './read-back';

export type ToggleKind = 'enable' | 'disable' | 'unlock';

/** The flags a toggle's proof rests on; an Account fits as is, and so does what a journal kept. */
export type ToggleBasis = Pick<Account, 'disabled' | 'locked'>;

/** The parts of an account a patch or PUT proof rests on; an Account fits as is, and so does what a journal kept. */
export type EditableParts = Pick<Account, 'attributes'> & Partial<Pick<Account, 'identityId' | 'manuallyCorrelated'>>;

const STATE: Record<ToggleKind, { shows: (a: ToggleBasis) => boolean; name: string }> = {
  enable: { shows: (a) => a.disabled === false, name: 'enabled' },
  disable: { shows: (a) => a.disabled === true, name: 'disabled' },
  unlock: { shows: (a) => a.locked === false, name: 'unlocked' },
};

/** Actions whose effect no read can show (reload, remove all, the IDN account calls). */
export function unprovable(action: string): ProofPlan {
  return { unprovable: `Reading back cannot prove a ${action}; only its task could, and its answer (with the task id) was lost.` };
}

/**
 * Enable, disable, unlock: proven only when the account was in the other state before and
 * now shows the target state. With force provisioning, or already in the target state, a
 * read shows nothing new: such a change stays unknown.
 */
export function toggleProof(client: IscApi, kind: ToggleKind, accountId: string, before: ToggleBasis, forceProvisioning: boolean): ProofPlan {
  const state = STATE[kind];
  if (forceProvisioning) return { unprovable: `A forced ${kind} cannot be proven by reading back: the account's flags do not show whether it reached the source.` };
  if (state.shows(before)) return { unprovable: `The account was already ${state.name} before, so reading back cannot prove this ${kind}.` };
  return {
    what: 'the account',
    read: async (signal) => (state.shows(await client.getAccount(accountId, { signal })) ? 'applied' : 'not-yet'),
  };
}

/** Delete and remove: a 404 on reading the account back proves it. */
export function goneProof(client: IscApi, accountId: string): ProofPlan {
  return {
    what: 'the account',
    byAbsence: true,
    read: async (signal) => {
      try {
        await client.getAccount(accountId, { signal });
        return 'not-yet';
      } catch (error) {
        if (isIscError(error) && error.status === 404) return 'applied';
        throw error;
      }
    },
  };
}

/** Create: an account on the source with the native identity it was given proves it, if none was there before. */
export async function createProof(client: IscApi, sourceId: string, nativeIdentity: string, signal?: AbortSignal): Promise<ProofPlan> {
  return createProofGiven(client, sourceId, nativeIdentity, await nativeIdentityExists(client, sourceId, nativeIdentity, signal));
}

export async function nativeIdentityExists(client: IscApi, sourceId: string, nativeIdentity: string, signal?: AbortSignal): Promise<boolean> {
  const filters = accountFilter.and(accountFilter.eq('sourceId', sourceId), accountFilter.eq('nativeIdentity', nativeIdentity));
  return (await client.listAccounts({ filters, limit: 1, signal })).items.length > 0;
}

/** The create proof from what was known before sending (a journal rebuilds it after a restart this way). */
export function createProofGiven(client: IscApi, sourceId: string, nativeIdentity: string, existedBefore: boolean): ProofPlan {
  if (existedBefore) return { unprovable: `An account with native identity "${nativeIdentity}" was already on the source, so reading back cannot prove this create.` };
  return {
    what: `the source's accounts (native identity "${nativeIdentity}")`,
    read: async (s): Promise<Reading> => ((await nativeIdentityExists(client, sourceId, nativeIdentity, s)) ? 'applied' : 'not-yet'),
  };
}

/** The parts of an account a JSON Patch can change, as one JSON document. */
export function editableView(account: EditableParts): JsonObject {
  const view: JsonObject = { attributes: (account.attributes ?? {}) as JsonObject };
  if (account.identityId) view.identityId = account.identityId;
  if (typeof account.manuallyCorrelated === 'boolean') view.manuallyCorrelated = account.manuallyCorrelated;
  return view;
}

function valueAt(document: JsonValue, tokens: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of tokens) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(token)] : (current as JsonObject)[token];
  }
  return current === null ? undefined : current;
}

/** Proven when every path whose value the change alters reads back with the new value. */
function changedValuesProof(client: IscApi, accountId: string, before: JsonObject, after: JsonObject, paths: string[][], action: string): ProofPlan {
  const changed = paths.filter((tokens) => !sameValue(valueAt(before, tokens), valueAt(after, tokens)));
  if (changed.length === 0) return { unprovable: `The ${action} sets values the account already had, so reading back cannot prove it.` };
  return {
    what: 'the account',
    read: async (signal) => {
      const now = editableView(await client.getAccount(accountId, { signal }));
      return changed.every((tokens) => sameValue(valueAt(now, tokens), valueAt(after, tokens))) ? 'applied' : 'not-yet';
    },
  };
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return jsonEqual(a, b);
}

/** PATCH (attributes, correlation). */
export function patchProof(client: IscApi, accountId: string, before: EditableParts, operations: readonly JsonPatchOperation[]): ProofPlan {
  const view = editableView(before);
  let after: JsonValue;
  try {
    after = applyPatch(view, operations);
  } catch {
    return { unprovable: 'The patch does not apply to the account as read before sending, so reading back cannot prove it.' };
  }
  const paths = operations.map((op) => parsePointer(op.path));
  return changedValuesProof(client, accountId, view, after as JsonObject, paths, 'patch');
}

/** PUT (replace all attributes): every attribute that differs, added or removed, must read back. */
export function putProof(client: IscApi, accountId: string, before: EditableParts, attributes: Record<string, unknown>): ProofPlan {
  const view = editableView(before);
  const after: JsonObject = { ...view, attributes: attributes as JsonObject };
  const names = new Set([...Object.keys(view.attributes as JsonObject), ...Object.keys(attributes)]);
  return changedValuesProof(client, accountId, view, after, [...names].map((name) => ['attributes', name]), 'replacement');
}
