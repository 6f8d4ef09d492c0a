// From a ChangeSpec to the AccountChange that change-requests.ts builds for it: the one way a
// journaled change is made, whether sent the first time, sent again, resumed or undone.
// No vscode here.
import type { IscApi } from '../isc/api';
import {
  createChange,
  deleteChange,
  idnChange,
  lifecycleChange,
  patchChange,
  putChange,
  removeAllChange,
  removeChange,
  type AccountChange,
  type OnBefore,
} from '../isc/change-requests';
import type { Account } from '../isc/models';
import type { ChangeSpec } from './change-spec';

export interface SpecChangeOptions {
  /** The account just read, when the caller has it (the editor, a single action): not read again. */
  before?: Account;
  /** Receives what `prepare` read before sending. */
  onBefore?: OnBefore;
}

export function changeFromSpec(client: IscApi, spec: ChangeSpec, options: SpecChangeOptions = {}): AccountChange {
  const { before, onBefore } = options;
  switch (spec.kind) {
    case 'lifecycle':
      return lifecycleChange(client, spec.action, spec.accountId, spec.body ?? {}, before, onBefore);
    case 'delete':
      return deleteChange(client, spec.accountId);
    case 'remove':
      return removeChange(client, spec.accountId);
    case 'remove-all':
      return removeAllChange(client, spec.sourceId);
    case 'create':
      return createChange(client, spec.attributes, onBefore);
    case 'put':
      return putChange(client, spec.accountId, spec.attributes, before, onBefore);
    case 'patch':
      return patchChange(client, spec.accountId, spec.operations, before, onBefore);
    case 'idn':
      return idnChange(client, spec.toggle, spec.identityId);
  }
}
