// The checks both editors' message guards build on: each takes an untrusted value and a
// description of where it sits in the message, and returns it typed or throws a ShapeError
// whose message names that place ("edit.attribute is not a string").

export type Shape<T> = (value: unknown, where: string) => T;

/** A message that is not what the protocol allows; its text says what and where. */
export class ShapeError extends Error {}

/** Far beyond any real attribute value; stops a runaway webview from flooding the host. */
export const MAX_TEXT = 1_000_000;

export function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(`${where} is not an object`);
  return value as Record<string, unknown>;
}

export function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new ShapeError(`${where} is not a string`);
  if (value.length > MAX_TEXT) throw new ShapeError(`${where} is longer than ${MAX_TEXT} characters`);
  return value;
}

/** Keys that name a prototype rather than data when used as a plain object's member. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A string the extension uses as a map key: never one that reaches a prototype. */
export function key(value: unknown, where: string): string {
  const found = text(value, where);
  if (PROTOTYPE_KEYS.has(found)) throw new ShapeError(`${where} is ${JSON.stringify(found)}, which is not allowed as a key`);
  return found;
}

export function flag(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new ShapeError(`${where} is not a boolean`);
  return value;
}

export function list<T>(value: unknown, where: string, item: Shape<T>, maxEntries: number): T[] {
  if (!Array.isArray(value)) throw new ShapeError(`${where} is not a list`);
  if (value.length > maxEntries) throw new ShapeError(`${where} has more than ${maxEntries} entries`);
  return value.map((entry, index) => item(entry, `${where}[${index}]`));
}

/** A message's `type`, quoted and cut short for a log line. */
export function describeType(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 60) ?? String(value);
}
