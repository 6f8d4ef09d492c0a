// Undo of an applied change, where it can be inverted: enable ↔ disable, and an attribute or
// correlation patch (or a PUT) through the inverse JSON Patch computed from the before-state.
// Like the editor's stale check, undo first compares the account now with what the change
// set: if anything it would restore was changed since, that is a conflict, shown as a diff,
// never overwritten silently. Pure: the caller reads the account and asks. No vscode here.
import type { Account } from '../isc/models';
import { editableView } from '../isc/proofs';
import { accountPatch } from '../patch/account-edit-bodies';
import { applyPatch } from '../patch/apply';
import { jsonEqual, type JsonObject, type JsonValue } from '../patch/json';
import { parsePointer } from '../patch/pointer';
import { actionOf, type ChangeSpec } from './change-spec';
import type { JournalEntry, JournalItem } from './entry';
import type { NewEntry } from './journal-store';

/** A value the undo puts back: what the change set there, and what it was before. */
export interface Restored {
  /** JSON Pointer into the account's state (`/disabled`, `/attributes/email`, `/identityId`). */
  path: string;
  set: JsonValue | undefined;
  restore: JsonValue | undefined;
}

export type UndoPlan = { spec: ChangeSpec; restores: Restored[] } | { notInvertible: string };

/** A value changed since the change: the account now shows `now` where the change set `set`. */
export interface StaleValue extends Restored {
  now: JsonValue | undefined;
}

export function planUndo(item: JournalItem): UndoPlan {
  const { spec, before } = item;
  if (item.state !== 'applied') return { notInvertible: `Only an applied change can be undone; this one is ${item.state}.` };
  if (item.redacted) return { notInvertible: 'The journal does not keep the secret values of this change, so it cannot compute its inverse.' };
  if (spec.kind === 'lifecycle' && (spec.action === 'enable' || spec.action === 'disable')) {
    if (before?.kind !== 'flags') return { notInvertible: 'The account’s state before the change was not kept.' };
    const set = spec.action === 'disable';
    if (before.disabled === set) return { notInvertible: `The account was already ${set ? 'disabled' : 'enabled'} before, so there is nothing to undo.` };
    const body = spec.body?.forceProvisioning ? { forceProvisioning: true } : {};
    return { spec: { kind: 'lifecycle', action: set ? 'enable' : 'disable', accountId: spec.accountId, body }, restores: [{ path: '/disabled', set, restore: before.disabled }] };
  }
  if (spec.kind === 'patch' || spec.kind === 'put') {
    if (before?.kind !== 'editable') return { notInvertible: 'The account’s attributes before the change were not kept.' };
    const beforeView = editableView(before);
    let afterView: JsonObject;
    try {
      afterView = spec.kind === 'patch' ? (applyPatch(beforeView, spec.operations) as JsonObject) : { ...beforeView, attributes: spec.attributes as JsonObject };
    } catch {
      return { notInvertible: 'The change does not apply to the state kept from before it, so its inverse cannot be computed.' };
    }
    const operations = accountPatch(afterView, beforeView);
    if (operations.length === 0) return { notInvertible: 'The change left the account as it was, so there is nothing to undo.' };
    const restores = operations.map(({ path }) => ({ path, set: valueAt(afterView, path), restore: valueAt(beforeView, path) }));
    return { spec: { kind: 'patch', accountId: spec.accountId, operations }, restores };
  }
  return { notInvertible: `A ${spec.kind === 'lifecycle' ? spec.action : spec.kind} cannot be undone from the journal.` };
}

/** The values the undo would overwrite that no longer show what the change set; empty when undo is safe. */
export function staleValues(plan: { restores: Restored[] }, now: Account): StaleValue[] {
  const state: JsonObject = { ...editableView(now), disabled: now.disabled === true };
  return plan.restores
    .map((restored) => ({ ...restored, now: valueAt(state, restored.path) }))
    .filter((value) => !sameValue(value.now, value.set));
}

/** A diff a person can read: one line per value changed since. */
export function describeStale(values: readonly StaleValue[]): string {
  const show = (value: JsonValue | undefined) => (value === undefined ? '(none)' : JSON.stringify(value));
  return values.map((v) => `${v.path}: the change set ${show(v.set)}, the account now shows ${show(v.now)}; undo would set ${show(v.restore)}`).join('\n');
}

/** The new entry that sends the undo (`JournaledRun.begin`, then `send(0, client, { before: now })`). */
export function undoEntry(entry: JournalEntry, item: JournalItem, plan: { spec: ChangeSpec }): NewEntry {
  const label = item.target.label ?? item.target.accountName ?? item.target.accountId ?? '';
  return {
    tenantId: entry.tenantId,
    action: actionOf(plan.spec),
    title: `Undo ${entry.action}${label ? ` of ${label}` : ''}`,
    bulk: false,
    origin: { entryId: entry.id, why: 'undo' },
    items: [{ spec: plan.spec, target: item.target }],
  };
}

function valueAt(document: JsonObject, pointer: string): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = Object.prototype.hasOwnProperty.call(current, token) ? current[token] : undefined;
  }
  return current === null ? undefined : current;
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return a === undefined || b === undefined ? a === b : jsonEqual(a, b);
}
