// The one error the applier throws, so a caller can tell a bad patch from a bug
// (anything else thrown out of `applyPatch` is a bug).

export type JsonPatchErrorReason =
  /** The patch is not an array, or an operation lacks `op`, `path`, `from` or `value`, or names an unknown op. */
  | 'invalid-operation'
  /** `path` or `from` is not a valid RFC 6901 pointer. */
  | 'invalid-pointer'
  /** The location (or its parent, for add) does not exist. */
  | 'missing-target'
  /** An array was addressed with something that is not an index: `bar`, `01`, `1e0`, or `-` outside add. */
  | 'invalid-index'
  /** An index past the end of the array. */
  | 'index-out-of-bounds'
  /** The pointer goes through a string, number, boolean or null. */
  | 'not-a-container'
  /** A `test` operation found a different value. */
  | 'test-failed'
  /** A `move` into its own descendant, which would have no place to go. */
  | 'move-into-descendant'
  /** `remove` of the whole document, which would leave no document. */
  | 'remove-root';

export class JsonPatchError extends Error {
  override readonly name = 'JsonPatchError';

  constructor(
    /** Position of the failing operation in the patch; -1 when the patch itself is malformed. */
    readonly opIndex: number,
    readonly reason: JsonPatchErrorReason,
    /** What went wrong, for people; the op index is prepended to the Error message. */
    readonly detail: string,
  ) {
    super(opIndex >= 0 ? `Patch operation ${opIndex}: ${detail}` : detail);
  }
}
