// RFC 6902 JSON Patch over any JSON document. The read-back proofs (isc/proofs.ts) use it to
// foresee what a patch leaves, and the sandbox's PATCH handler beneath ISC's own rules, so it
// follows the RFC rather than only what ISC accepts.
import { cloneJson, hasMember, isJsonObject, jsonEqual, setMember, type JsonObject, type JsonValue } from './json';
import { checkOperation, OperationFailure, type CheckedOperation, type JsonPatchOperation } from './operation';
import { JsonPatchError, type JsonPatchErrorReason } from './json-patch-error';
import { formatPointer, isProperPrefix } from './pointer';

/** Raised inside one operation; `applyPatch` turns it into a JsonPatchError with the op index. */
class StepFailure extends Error {
  constructor(
    readonly reason: JsonPatchErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Applies `patch` to a copy of `document` and returns the copy; `document` is never changed,
 * even when an operation fails halfway (RFC 6902 section 5: a patch applies whole or not at all).
 * Throws JsonPatchError, naming the failing operation, for any patch that cannot apply.
 */
export function applyPatch(document: JsonValue, patch: readonly JsonPatchOperation[]): JsonValue {
  if (!Array.isArray(patch)) {
    throw new JsonPatchError(-1, 'invalid-operation', 'A JSON Patch must be an array of operations.');
  }
  let result = cloneJson(document);
  patch.forEach((operation: unknown, index) => {
    try {
      result = applyOperation(result, checkOperation(operation));
    } catch (error) {
      if (error instanceof StepFailure || error instanceof OperationFailure) {
        throw new JsonPatchError(index, error.reason, error.message);
      }
      throw error;
    }
  });
  return result;
}

/** Mutates `document` (the applier's private copy) and returns the possibly new root. */
function applyOperation(document: JsonValue, operation: CheckedOperation): JsonValue {
  switch (operation.op) {
    case 'add':
      return add(document, operation.path, operation.value);
    case 'remove':
      return remove(document, operation.path);
    case 'replace':
      return replace(document, operation.path, operation.value);
    case 'test':
      return test(document, operation.path, operation.value);
    case 'move':
      return move(document, operation.from, operation.path);
    case 'copy':
      return add(document, operation.path, cloneJson(valueAt(document, operation.from)));
  }
}

function add(document: JsonValue, path: string[], value: JsonValue): JsonValue {
  if (path.length === 0) return value;
  const { container, token } = parentOf(document, path);
  if (Array.isArray(container)) {
    container.splice(arrayIndex(container, token, path, 'insert'), 0, value);
  } else {
    setMember(container, token, value);
  }
  return document;
}

function remove(document: JsonValue, path: string[]): JsonValue {
  if (path.length === 0) throw new StepFailure('remove-root', 'cannot remove the whole document.');
  const { container, token } = parentOf(document, path);
  if (Array.isArray(container)) {
    container.splice(arrayIndex(container, token, path, 'existing'), 1);
  } else {
    requireMember(container, token, path);
    delete container[token];
  }
  return document;
}

function replace(document: JsonValue, path: string[], value: JsonValue): JsonValue {
  if (path.length === 0) return value;
  const { container, token } = parentOf(document, path);
  if (Array.isArray(container)) {
    container[arrayIndex(container, token, path, 'existing')] = value;
  } else {
    requireMember(container, token, path);
    setMember(container, token, value);
  }
  return document;
}

function test(document: JsonValue, path: string[], expected: JsonValue): JsonValue {
  const actual = valueAt(document, path);
  if (!jsonEqual(actual, expected)) {
    throw new StepFailure(
      'test-failed',
      `test failed at "${formatPointer(path)}": expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}.`,
    );
  }
  return document;
}

function move(document: JsonValue, from: string[], path: string[]): JsonValue {
  if (isProperPrefix(from, path)) {
    throw new StepFailure(
      'move-into-descendant',
      `cannot move "${formatPointer(from)}" into its own descendant "${formatPointer(path)}".`,
    );
  }
  const value = valueAt(document, from);
  if (from.length === path.length && from.every((token, index) => token === path[index])) {
    return document; // same location: nothing to do, but `from` had to exist
  }
  return add(remove(document, from), path, value);
}

/** The value a pointer names, or a StepFailure saying where the walk stopped. */
function valueAt(document: JsonValue, path: readonly string[]): JsonValue {
  let current = document;
  for (let depth = 0; depth < path.length; depth++) {
    const token = path[depth];
    const walked = path.slice(0, depth + 1);
    if (Array.isArray(current)) {
      current = current[arrayIndex(current, token, walked, 'existing')];
    } else if (isJsonObject(current)) {
      requireMember(current, token, walked);
      current = current[token];
    } else {
      throw notAContainer(walked);
    }
  }
  return current;
}

/** The array or object that holds the last token of `path` (which must be non-empty). */
function parentOf(document: JsonValue, path: string[]): { container: JsonValue[] | JsonObject; token: string } {
  const parentPath = path.slice(0, -1);
  const container = valueAt(document, parentPath);
  if (!Array.isArray(container) && !isJsonObject(container)) throw notAContainer(path);
  return { container, token: path[path.length - 1] };
}

/**
 * RFC 6901 section 4: an index is `0` or digits without a leading zero; `-` is the slot past
 * the end, which only add (and move/copy, which add) may name. So `01`, `1e0`, ` 1` and `-1`
 * are refused instead of being read the way Number() or parseInt() would read them.
 */
function arrayIndex(array: JsonValue[], token: string, path: readonly string[], use: 'insert' | 'existing'): number {
  const where = `"${formatPointer(path)}"`;
  if (token === '-') {
    if (use === 'insert') return array.length;
    throw new StepFailure('invalid-index', `${where}: "-" names the slot after the last element, which holds no value.`);
  }
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw new StepFailure('invalid-index', `${where}: "${token}" is not an array index (digits, no leading zero, or "-").`);
  }
  const index = Number(token);
  const limit = use === 'insert' ? array.length : array.length - 1;
  if (index > limit) {
    throw new StepFailure('index-out-of-bounds', `${where}: index ${token} is past the end of an array of ${array.length}.`);
  }
  return index;
}

function requireMember(object: JsonObject, token: string, path: readonly string[]): void {
  if (!hasMember(object, token)) {
    throw new StepFailure('missing-target', `"${formatPointer(path)}" does not exist.`);
  }
}

function notAContainer(path: readonly string[]): StepFailure {
  return new StepFailure(
    'not-a-container',
    `"${formatPointer(path.slice(0, -1))}" is not an object or array, so "${formatPointer(path)}" cannot exist.`,
  );
}
