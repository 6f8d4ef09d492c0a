// The smallest PATCH that turns one attribute map into another, using only what ISC accepts
// on an account: add, replace and remove of a whole `/attributes/<name>` value.
import { cloneJson, hasMember, jsonEqual, type AccountAttributeMap, type AttributeValue } from './json';
import type { JsonPatchOperation } from './operation';
import { escapePointerToken } from './pointer';

export function attributePointer(name: string): string {
  return `/attributes/${escapePointerToken(name)}`;
}

/**
 * Names present in both maps with equal values (JSON equality: a reordered multi-valued list
 * is a change, member order inside an object is not) produce nothing.
 *
 * Order: all removes, then replaces, then adds, each group by name in UTF-16 code-unit order.
 * Removes go first because ISC matches attribute names case-insensitively: a rename from
 * "Email" to "email" is remove + add of what ISC sees as one attribute, and a remove after
 * the add would delete the new value. Code-unit order rather than localeCompare so the same
 * edit gives the same patch on every machine.
 */
export function diffAttributes(before: AccountAttributeMap, after: AccountAttributeMap): JsonPatchOperation[] {
  const removes: JsonPatchOperation[] = [];
  const replaces: JsonPatchOperation[] = [];
  const adds: JsonPatchOperation[] = [];
  for (const name of presentNames(before)) {
    if (!isPresent(after, name)) removes.push({ op: 'remove', path: attributePointer(name) });
  }
  for (const name of presentNames(after)) {
    const value = cloneJson(after[name]); // the patch must not change if the caller edits `after` later
    if (!isPresent(before, name)) {
      adds.push({ op: 'add', path: attributePointer(name), value });
    } else if (!jsonEqual(before[name], after[name])) {
      replaces.push({ op: 'replace', path: attributePointer(name), value });
    }
  }
  return [...removes, ...replaces, ...adds];
}

/** An `undefined` value is absent: JSON.stringify drops it, so the server would never see it. */
function isPresent(map: AccountAttributeMap, name: string): boolean {
  return hasMember(map, name) && (map[name] as AttributeValue | undefined) !== undefined;
}

function presentNames(map: AccountAttributeMap): string[] {
  return Object.keys(map)
    .filter((name) => isPresent(map, name))
    .sort(byCodeUnits);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
