// JSON values and the three primitives the applier and the differ share: membership,
// safe member writes, and equality as JSON defines it.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** An account attribute's value as ISC sends it: any JSON value, in practice text, numbers,
 * booleans, null and lists of text. */
export type AttributeValue = JsonValue;
export type AccountAttributeMap = Record<string, AttributeValue>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own members only: a key like `toString` or `__proto__` is data, never the prototype's. */
export function hasMember(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * Writes a member as plain data. `object[key] = v` would change the prototype when the key
 * is `__proto__`, which is an ordinary attribute name as far as JSON is concerned.
 */
export function setMember(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A deep copy made of plain arrays and plain objects, whatever the input's prototypes. */
export function cloneJson<T extends JsonValue>(value: T): T;
export function cloneJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item));
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) setMember(copy, key, cloneJson(value[key]));
    return copy;
  }
  return value;
}

/**
 * Equality of JSON values: objects by their set of members (order does not matter), arrays
 * by order and content, numbers by value (so 0 equals -0: the wire cannot tell them apart),
 * and no coercion between types ("10" is not 10).
 */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => hasMember(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** True for values JSON can carry: no undefined, functions, NaN or Infinity anywhere inside. */
export function isJsonValue(value: unknown): value is JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return Array.from(value).every(isJsonValue); // from(): holes become undefined
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false; // a Date, a Map, a class instance
      return Object.keys(value).every((key) => isJsonValue((value as Record<string, unknown>)[key]));
    }
    default:
      return false;
  }
}
