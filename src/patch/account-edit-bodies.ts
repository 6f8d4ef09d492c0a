// The two request bodies the attribute editor can send: a PATCH built from the difference
// between what was loaded and what was edited, or a PUT that states every attribute.
import type { JsonPatchOperation } from './operation';
import { type CorrelationState, diffCorrelation } from './correlation';
import { diffAttributes } from './diff';
import { cloneJson, type AccountAttributeMap } from './json';

/** The editable part of an account; an `Account` from the API fits as is. */
export interface AccountEditView extends CorrelationState {
  attributes?: AccountAttributeMap | null;
}

/**
 * Attribute operations first, then correlation ones (the order the editor shows them).
 * A missing or null `after.attributes` means "attributes not edited", never "remove them
 * all": a correlation-only edit must not wipe the account. To clear every attribute, pass `{}`.
 */
export function accountPatch(before: AccountEditView, after: AccountEditView): JsonPatchOperation[] {
  const attributeOperations =
    after.attributes === undefined || after.attributes === null
      ? []
      : diffAttributes(before.attributes ?? {}, after.attributes);
  return [...attributeOperations, ...diffCorrelation(before, after)];
}

/** Body of "Replace all (PUT)" (ISC's AccountAttributes): every attribute the account should
 * have, and nothing else. */
export function putBody(after: AccountAttributeMap): { attributes: AccountAttributeMap } {
  return { attributes: cloneJson(after) };
}
