// The proof of a journaled change, rebuilt after a restart from its spec and the before-state
// kept before sending. Reading the state again now would be wrong: the change itself may have
// altered it, and a proof made from an altered state proves nothing. No vscode here.
import type { IscApi } from '../isc/api';
import { createProofGiven, patchProof, putProof, toggleProof } from '../isc/proofs';
import type { ProofPlan } from '../isc/read-back';
import type { BeforeState, ChangeSpec } from './change-spec';
import { changeFromSpec } from './spec-change';

const NOT_KEPT: ProofPlan = { unprovable: 'The state before was not read before sending, so reading back cannot prove this change.' };

/** Changes whose proof rests on a state read before sending. */
export function provenFromBefore(spec: ChangeSpec): boolean {
  return (spec.kind === 'lifecycle' && spec.action !== 'reload') || spec.kind === 'create' || spec.kind === 'patch' || spec.kind === 'put';
}

export async function proofFromSpec(client: IscApi, spec: ChangeSpec, before: BeforeState | undefined, signal?: AbortSignal): Promise<ProofPlan> {
  // The others read nothing before sending: their own prepare gives the same proof now as then.
  if (!provenFromBefore(spec)) return (await changeFromSpec(client, spec).prepare?.(signal)) ?? NOT_KEPT;
  if (spec.kind === 'lifecycle' && spec.action !== 'reload' && before?.kind === 'flags') {
    return toggleProof(client, spec.action, spec.accountId, before, spec.body?.forceProvisioning === true);
  }
  if (spec.kind === 'create' && before?.kind === 'create') {
    return createProofGiven(client, spec.attributes.sourceId, spec.attributes.nativeIdentity, before.nativeIdentityExisted);
  }
  if (spec.kind === 'patch' && before?.kind === 'editable') return patchProof(client, spec.accountId, before, spec.operations);
  if (spec.kind === 'put' && before?.kind === 'editable') return putProof(client, spec.accountId, before, spec.attributes);
  return NOT_KEPT;
}
