// Every change the extension makes, as plain data: what a journal keeps so the change can be
// shown, sent again, resumed, undone, or proven after a restart, without the closures of an
// AccountChange. The before-state is what the change's proof rests on, kept before sending.
// No vscode here.
import type { BeforeSeen, LifecycleBody, LifecycleKind } from '../isc/change-requests';
import type { AccountAttributeMap, JsonPatchOperation } from '../isc/models';
import { editableView } from '../isc/proofs';
import type { AttributeGuard } from './attribute-guard';

export type CreateAttributes = AccountAttributeMap & { sourceId: string; nativeIdentity: string };

export type ChangeSpec =
  | { kind: 'lifecycle'; action: LifecycleKind; accountId: string; body?: LifecycleBody }
  | { kind: 'delete'; accountId: string }
  | { kind: 'remove'; accountId: string }
  | { kind: 'remove-all'; sourceId: string }
  | { kind: 'create'; attributes: CreateAttributes }
  | { kind: 'put'; accountId: string; attributes: AccountAttributeMap }
  /**
   * Attributes (`/attributes/…`) or correlation (`/identityId`, `/manuallyCorrelated`). A bulk
   * edit's patch has a `guard`: it is sent only if the account still holds what the plan saw.
   */
  | { kind: 'patch'; accountId: string; operations: JsonPatchOperation[]; guard?: AttributeGuard[] }
  | { kind: 'idn'; toggle: 'enable' | 'disable'; identityId: string };

export type SpecKind = ChangeSpec['kind'];

/** The state before that a proof rests on: small, serializable, kept before the request is sent. */
export type BeforeState =
  /** enable, disable, unlock */
  | { kind: 'flags'; disabled: boolean; locked: boolean }
  /** patch, put: the parts a JSON Patch can change (see editableView in proofs.ts) */
  | { kind: 'editable'; attributes: AccountAttributeMap; identityId?: string; manuallyCorrelated?: boolean }
  /** create: whether the native identity was on the source already */
  | { kind: 'create'; nativeIdentityExisted: boolean };

/** What the journal keeps of what `prepare` saw: only the part this kind of change needs. */
export function beforeStateOf(spec: ChangeSpec, seen: BeforeSeen): BeforeState | undefined {
  if ('nativeIdentityExisted' in seen) return { kind: 'create', nativeIdentityExisted: seen.nativeIdentityExisted };
  const { account } = seen;
  if (spec.kind === 'lifecycle') return { kind: 'flags', disabled: account.disabled === true, locked: account.locked === true };
  if (spec.kind === 'patch' || spec.kind === 'put') {
    const view = editableView(account);
    const state: BeforeState = { kind: 'editable', attributes: view.attributes as AccountAttributeMap };
    if (typeof view.identityId === 'string') state.identityId = view.identityId;
    if (typeof view.manuallyCorrelated === 'boolean') state.manuallyCorrelated = view.manuallyCorrelated;
    return state;
  }
  return undefined;
}

/** The action's name as the commands' reports name it: "disable", "patch", "idn-enable", … */
export function actionOf(spec: ChangeSpec): string {
  switch (spec.kind) {
    case 'lifecycle':
      return spec.action;
    case 'idn':
      return `idn-${spec.toggle}`;
    default:
      return spec.kind;
  }
}

/** What applied means, as a past participle, for summaries: "disabled", "removed from ISC". */
export function pastOf(spec: ChangeSpec): string {
  switch (spec.kind) {
    case 'lifecycle':
      return { enable: 'enabled', disable: 'disabled', unlock: 'unlocked', reload: 'reloaded' }[spec.action];
    case 'idn':
      return `${spec.toggle}d (IDN account)`;
    case 'delete':
      return 'deleted';
    case 'remove':
    case 'remove-all':
      return 'removed from ISC';
    case 'create':
      return 'created';
    case 'put':
      return 'replaced';
    case 'patch':
      return 'changed';
  }
}

/** The request body as sent, for PATCH and PUT (the journal shows it); undefined for the others. */
export function bodySent(spec: ChangeSpec): unknown {
  if (spec.kind === 'patch') return spec.operations;
  if (spec.kind === 'put') return { attributes: spec.attributes };
  return undefined;
}

/** The account a spec names, if it names one. */
export function accountIdOf(spec: ChangeSpec): string | undefined {
  return 'accountId' in spec ? spec.accountId : undefined;
}
