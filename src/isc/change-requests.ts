// Every change the extension makes, as a ChangeRequest for runChange: how it is sent, which
// task its answer names, and what reading back can prove. The commands, the editor and the
// bench all build their changes here, so each change is made one way. No vscode here.
import type { IscApi } from './api';
import type { ChangeRequest } from './change';
import type { Account, AccountAttributeMap, AccountToggleRequest, AccountUnlockRequest, JsonPatchOperation } from './models';
import { createProofGiven, goneProof, nativeIdentityExists, patchProof, putProof, toggleProof, unprovable } from './proofs';

export type AccountChange = Omit<ChangeRequest<unknown>, 'window' | 'signal' | 'onPhase'>;

export type LifecycleKind = 'enable' | 'disable' | 'unlock' | 'reload';
export type LifecycleBody = AccountToggleRequest & AccountUnlockRequest;

/**
 * What `prepare` read (or was given) before sending. A journal must keep it before the request
 * goes out, so that after a restart it can rebuild the proof from the state before rather than
 * from a state the change itself may have altered.
 */
export type BeforeSeen = { account: Account } | { nativeIdentityExisted: boolean };
export type OnBefore = (seen: BeforeSeen) => void;

function seeing(account: Account, onBefore: OnBefore | undefined): Account {
  onBefore?.({ account });
  return account;
}

/** A task id in an answer: any non-empty id that is not the account's own (PATCH answers vary). */
export function taskIdIn(answer: unknown, notId?: string): string | undefined {
  const id = answer && typeof answer === 'object' ? (answer as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' && id !== notId ? id : undefined;
}

function following(client: IscApi): Pick<AccountChange, 'waitForTask'> {
  return { waitForTask: (taskId, options) => client.waitForTask(taskId, options) };
}

/** `before`: the account just read (fresh), if the caller has it; otherwise it is read first. */
export function lifecycleChange(client: IscApi, kind: LifecycleKind, accountId: string, body: LifecycleBody = {}, before?: Account, onBefore?: OnBefore): AccountChange {
  const send = {
    enable: (signal?: AbortSignal) => client.enableAccount(accountId, body, { signal }),
    disable: (signal?: AbortSignal) => client.disableAccount(accountId, body, { signal }),
    unlock: (signal?: AbortSignal) => client.unlockAccount(accountId, body, { signal }),
    reload: (signal?: AbortSignal) => client.reloadAccount(accountId, { signal }),
  }[kind];
  return {
    ...following(client),
    send,
    taskIdOf: (answer) => taskIdIn(answer),
    prepare: async (signal) =>
      kind === 'reload'
        ? unprovable('reload')
        : toggleProof(client, kind, accountId, seeing(before ?? (await client.getAccount(accountId, { signal })), onBefore), body.forceProvisioning === true),
  };
}

export function deleteChange(client: IscApi, accountId: string): AccountChange {
  return { ...following(client), send: (signal) => client.deleteAccount(accountId, { signal }), taskIdOf: (a) => taskIdIn(a), prepare: async () => goneProof(client, accountId) };
}

export function removeChange(client: IscApi, accountId: string): AccountChange {
  return { ...following(client), send: (signal) => client.removeAccount(accountId, { signal }), taskIdOf: (a) => taskIdIn(a), prepare: async () => goneProof(client, accountId) };
}

export function removeAllChange(client: IscApi, sourceId: string): AccountChange {
  return {
    ...following(client),
    send: (signal) => client.removeAllAccountsOfSource(sourceId, { signal }),
    taskIdOf: (a) => taskIdIn(a),
    prepare: async () => unprovable('removal of all accounts of a source (an aggregation may bring accounts back meanwhile)'),
  };
}

export function createChange(client: IscApi, attributes: AccountAttributeMap & { sourceId: string; nativeIdentity: string }, onBefore?: OnBefore): AccountChange {
  return {
    ...following(client),
    send: (signal) => client.createAccount({ attributes }, { signal }),
    taskIdOf: (a) => taskIdIn(a),
    prepare: async (signal) => {
      const existed = await nativeIdentityExists(client, attributes.sourceId, attributes.nativeIdentity, signal);
      onBefore?.({ nativeIdentityExisted: existed });
      return createProofGiven(client, attributes.sourceId, attributes.nativeIdentity, existed);
    },
  };
}

/** `before`: the account as last read (the editor has it); otherwise it is read first. */
export function putChange(client: IscApi, accountId: string, attributes: AccountAttributeMap, before?: Account, onBefore?: OnBefore): AccountChange {
  return {
    ...following(client),
    send: (signal) => client.putAccount(accountId, { attributes }, { signal }),
    taskIdOf: (a) => taskIdIn(a, accountId),
    prepare: async (signal) => putProof(client, accountId, seeing(before ?? (await client.getAccount(accountId, { signal })), onBefore), attributes),
  };
}

export function patchChange(client: IscApi, accountId: string, operations: JsonPatchOperation[], before?: Account, onBefore?: OnBefore): AccountChange {
  return {
    ...following(client),
    send: (signal) => client.patchAccount(accountId, operations, { signal }),
    taskIdOf: (a) => taskIdIn(a, accountId),
    prepare: async (signal) => patchProof(client, accountId, seeing(before ?? (await client.getAccount(accountId, { signal })), onBefore), operations),
  };
}

export function idnChange(client: IscApi, toggle: 'enable' | 'disable', identityId: string): AccountChange {
  return {
    ...following(client),
    send: (signal) =>
      toggle === 'enable' ? client.enableIdnAccountForIdentity(identityId, { signal }) : client.disableIdnAccountForIdentity(identityId, { signal }),
    taskIdOf: (a) => taskIdIn(a),
    prepare: async () => unprovable(`${toggle} of an IDN account`),
  };
}
