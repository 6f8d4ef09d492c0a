// Which identity owns an account, as PATCH operations ISC accepts on any account:
// replace or remove `/identityId`, replace `/manuallyCorrelated`.
import type { JsonPatchOperation } from './operation';

export interface CorrelationState {
  /** The owning identity; `null`, `undefined` and `""` all mean "no identity" (uncorrelated). */
  identityId?: string | null;
  /** `undefined` in the `after` state means "not part of this edit". */
  manuallyCorrelated?: boolean;
}

/**
 * - identity set or changed → `replace /identityId` (ISC takes replace for a first
 *   correlation too; it has no add on this path);
 * - identity cleared → `remove /identityId` (uncorrelate);
 * - `manuallyCorrelated` stated in `after` and different from `before` → its `replace`.
 *   It is also stated when the identity is replaced, even if unchanged, because ISC marks a
 *   reassigned account manually correlated unless told otherwise, and `after` is the state
 *   the user asked for.
 * The identity operation comes first so the flag's replace is the last word.
 */
export function diffCorrelation(before: CorrelationState, after: CorrelationState): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  const identityBefore = owner(before);
  const identityAfter = owner(after);
  const reassigned = identityAfter !== null && identityAfter !== identityBefore;
  if (reassigned) {
    operations.push({ op: 'replace', path: '/identityId', value: identityAfter });
  } else if (identityAfter === null && identityBefore !== null) {
    operations.push({ op: 'remove', path: '/identityId' });
  }
  const flag = after.manuallyCorrelated;
  if (flag !== undefined && (flag !== before.manuallyCorrelated || reassigned)) {
    operations.push({ op: 'replace', path: '/manuallyCorrelated', value: flag });
  }
  return operations;
}

function owner(state: CorrelationState): string | null {
  return state.identityId === undefined || state.identityId === null || state.identityId === ''
    ? null
    : state.identityId;
}
