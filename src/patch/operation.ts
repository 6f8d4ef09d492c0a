// Checks one patch operation's shape before anything is applied. Patches reach the applier
// from the webview and from files, so the static type is a promise, not a guarantee.
import { cloneJson, hasMember, isJsonObject, isJsonValue, type JsonValue } from './json';
import { JsonPointerError, parsePointer } from './pointer';

/** One RFC 6902 operation as it is sent (ISC's PATCH /accounts/{id} takes these). */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** An operation whose pointers are parsed into reference tokens and whose value is a private copy. */
export type CheckedOperation =
  | { op: 'add' | 'replace' | 'test'; path: string[]; value: JsonValue }
  | { op: 'remove'; path: string[] }
  | { op: 'move' | 'copy'; from: string[]; path: string[] };

/** Thrown for a bad operation; `applyPatch` adds the operation's index. */
export class OperationFailure extends Error {
  constructor(
    readonly reason: 'invalid-operation' | 'invalid-pointer',
    message: string,
  ) {
    super(message);
  }
}

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
type OpName = (typeof OPS)[number];

function isOpName(value: unknown): value is OpName {
  return typeof value === 'string' && (OPS as readonly string[]).includes(value);
}

function pointerMember(operation: Record<string, unknown>, member: 'path' | 'from'): string[] {
  if (!hasMember(operation, member)) {
    throw new OperationFailure('invalid-operation', `missing '${member}' member.`);
  }
  try {
    return parsePointer(operation[member]);
  } catch (error) {
    if (error instanceof JsonPointerError) throw new OperationFailure('invalid-pointer', `'${member}': ${error.message}`);
    throw error;
  }
}

function valueMember(operation: Record<string, unknown>): JsonValue {
  // `value: null` is a value; only an absent (or undefined, which JSON cannot carry) member is missing.
  if (!hasMember(operation, 'value') || operation.value === undefined) {
    throw new OperationFailure('invalid-operation', `missing 'value' member.`);
  }
  if (!isJsonValue(operation.value)) {
    throw new OperationFailure('invalid-operation', `'value' is not JSON (NaN, Infinity, a function or an object with a class).`);
  }
  return cloneJson(operation.value);
}

/** Unknown members are ignored, as RFC 6902 section 4 requires. */
export function checkOperation(operation: unknown): CheckedOperation {
  if (!isJsonObject(operation)) {
    throw new OperationFailure('invalid-operation', 'an operation must be an object.');
  }
  const op = operation.op;
  if (!isOpName(op)) {
    const shown = op === undefined ? 'missing' : JSON.stringify(op);
    throw new OperationFailure('invalid-operation', `'op' is ${shown}; expected one of ${OPS.join(', ')}.`);
  }
  const path = pointerMember(operation, 'path');
  switch (op) {
    case 'add':
    case 'replace':
    case 'test':
      return { op, path, value: valueMember(operation) };
    case 'remove':
      return { op, path };
    case 'move':
    case 'copy':
      return { op, from: pointerMember(operation, 'from'), path };
  }
}
