// Every change the extension makes, as a ChangeRequest for runChange: how it is sent, which
// task its answer names, and what reading back can prove. The commands, the editor and the
// bench all build their changes here, so each change is made one way. No vscode here.
import type { IscApi } from './api';
import type { ChangeRequest } from './change';
import type { Account, AccountAttributeMap, AccountToggleRequest, AccountUnlockRequest, JsonPatchOperation } from './models';
import { createProof, goneProof, patchProof, putProof, toggleProof, unprovable } from './proofs';

export type AccountChange = Omit<ChangeRequest<unknown>, 'window' | 'signal' | 'onPhase'>;

export type LifecycleKind = 'enable' | 'disable' | 'unlock' | 'reload';
export type LifecycleBody = AccountToggleRequest & AccountUnlockRequest;

/** A task id in an answer: any non-empty id that is not the account's own (PATCH answers vary). */
export function taskIdIn(answer: unknown, notId?: string): string | undefined {
  const id = answer && typeof answer === 'object' ? (answer as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' && id !== notId ? id : undefined;
}

function following(client: IscApi): Pick<AccountChange, 'waitForTask'> {
  return { waitForTask: (taskId, options) => client.waitForTask(taskId, options) };
}

/** `before`: the account just read (fresh), if the caller has it; otherwise it is read first. */
export function lifecycleChange(client: IscApi, kind: LifecycleKind, accountId: string, body: LifecycleBody = {}, before?: Account): AccountChange {
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
        : toggleProof(client, kind, accountId, before ?? (await client.getAccount(accountId, { signal })), body.forceProvisioning === true),
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

export function createChange(client: IscApi, attributes: AccountAttributeMap & { sourceId: string; nativeIdentity: string }): AccountChange {
  return {
    ...following(client),
    send: (signal) => client.createAccount({ attributes }, { signal }),
    taskIdOf: (a) => taskIdIn(a),
    prepare: (signal) => createProof(client, attributes.sourceId, attributes.nativeIdentity, signal),
  };
}

/** `before`: the account as last read (the editor has it); otherwise it is read first. */
export function putChange(client: IscApi, accountId: string, attributes: AccountAttributeMap, before?: Account): AccountChange {
  return {
    ...following(client),
    send: (signal) => client.putAccount(accountId, { attributes }, { signal }),
    taskIdOf: (a) => taskIdIn(a, accountId),
    prepare: async (signal) => putProof(client, accountId, before ?? (await client.getAccount(accountId, { signal })), attributes),
  };
}

export function patchChange(client: IscApi, accountId: string, operations: JsonPatchOperation[], before?: Account): AccountChange {
  return {
    ...following(client),
    send: (signal) => client.patchAccount(accountId, operations, { signal }),
    taskIdOf: (a) => taskIdIn(a, accountId),
    prepare: async (signal) => patchProof(client, accountId, before ?? (await client.getAccount(accountId, { signal })), operations),
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
