// What a bulk attribute edit does to each target account, decided before anything is sent:
// the exact JSON Patch (built by the editor's own differ), unchanged, or skipped with why.
// Each patch carries a guard, the value the plan saw of the attribute, so that Apply sends
// nothing to an account changed since (src/journal/attribute-guard.ts). No vscode here.
//
// Multi-valued rules: add-item on a missing (or null) attribute makes a one-item list; on a
// single text value equal to the item it changes nothing (that text counts as the item); on
// another text value it makes a list of both. remove-item removes every occurrence; when
// nothing is left (a list of only that item, or a text equal to it) the attribute is removed.
// Numbers, booleans and objects are not lists: such accounts are skipped, with why.
import { randomUUID } from 'node:crypto';
import { accountPatch, jsonEqual, type AccountAttributeMap, type AttributeValue, type JsonPatchOperation } from '../patch';
import type { BulkEdit, BulkPlanView, PatchShape, PlannedAccount } from './bulk-edit-model';

export interface BulkEditTarget extends PlannedAccount {
  /** Why the account's attributes cannot be patched (not a flat-file source, …); undefined when they can. */
  notEditable?: string;
  attributes: AccountAttributeMap;
}

/** The value the plan saw of one attribute; `value` left out: the attribute was absent. */
export interface PlannedGuard {
  attribute: string;
  value?: AttributeValue;
}

export type AccountPlan =
  | { kind: 'changed'; operations: JsonPatchOperation[]; guard: PlannedGuard[] }
  | { kind: 'unchanged' }
  | { kind: 'skipped'; reason: string };

export interface PlannedChange extends PlannedAccount {
  operations: JsonPatchOperation[];
  guard: PlannedGuard[];
}

export interface BulkEditPlan {
  view: BulkPlanView;
  /** Every changed account, in target order: exactly what Apply sends. */
  changes: PlannedChange[];
}

export interface BulkEditPacing {
  /** The tenant's pacing (client settings). */
  requestsPer10Seconds: number;
  /** Accounts read per list request just before they are sent (see chunked-account-reads.ts). */
  readChunk: number;
}

export const PLAN_EXAMPLES = 5;

export function planAccount(attributes: AccountAttributeMap, edit: BulkEdit): AccountPlan {
  const name = edit.attribute;
  const present = Object.hasOwn(attributes, name) && attributes[name] !== undefined;
  if (!present) {
    const other = Object.keys(attributes).find((key) => key !== name && key.toLowerCase() === name.toLowerCase());
    if (other !== undefined) {
      return { kind: 'skipped', reason: `skipped: it holds "${other}", which ISC takes as the same attribute as "${name}"; edit "${other}" instead` };
    }
  }
  const current = present ? attributes[name] : undefined;
  const next = nextValue(current, edit);
  if ('skip' in next) return { kind: 'skipped', reason: `skipped: ${next.skip}` };
  const unchanged = next.value === undefined ? current === undefined : current !== undefined && jsonEqual(current, next.value);
  if (unchanged) return { kind: 'unchanged' };
  const before: AccountAttributeMap = current === undefined ? {} : { [name]: current };
  const after: AccountAttributeMap = next.value === undefined ? {} : { [name]: next.value };
  return { kind: 'changed', operations: accountPatch({ attributes: before }, { attributes: after }), guard: [current === undefined ? { attribute: name } : { attribute: name, value: current }] };
}

/** The attribute's value after the edit (undefined: absent), or why the edit does not fit it. */
function nextValue(current: AttributeValue | undefined, edit: BulkEdit): { value: AttributeValue | undefined } | { skip: string } {
  switch (edit.kind) {
    case 'set':
      return { value: edit.value };
    case 'remove':
      return { value: undefined };
    case 'add-item': {
      const items = itemsOf(current, edit.attribute);
      if ('skip' in items) return items;
      return { value: items.list.includes(edit.item) ? current : [...items.list, edit.item] };
    }
    case 'remove-item': {
      const items = itemsOf(current, edit.attribute);
      if ('skip' in items) return items;
      if (!items.list.includes(edit.item)) return { value: current };
      const left = items.list.filter((item) => item !== edit.item);
      return { value: left.length === 0 ? undefined : left };
    }
  }
}

/** A multi-valued attribute's items: missing or null is none, a text is one item. */
function itemsOf(current: AttributeValue | undefined, attribute: string): { list: AttributeValue[] } | { skip: string } {
  if (current === undefined || current === null) return { list: [] };
  if (typeof current === 'string') return { list: [current] };
  if (Array.isArray(current)) return { list: current };
  return { skip: `"${attribute}" holds ${typeof current === 'object' ? 'an object' : `a ${typeof current}`} (${JSON.stringify(current)}), not a list of text` };
}

/** Plans the edit for every target; `edit` must be valid (see validateBulkEdit). */
export function planBulkEdit(targets: readonly BulkEditTarget[], edit: BulkEdit, pacing: BulkEditPacing): BulkEditPlan {
  const changes: PlannedChange[] = [];
  const unchanged: PlannedAccount[] = [];
  const skipped: Array<PlannedAccount & { reason: string }> = [];
  const shapes = new Map<string, number>();
  for (const target of targets) {
    const who = { accountId: target.accountId, accountName: target.accountName };
    if (target.notEditable) {
      skipped.push({ ...who, reason: `skipped: ${target.notEditable}` });
      continue;
    }
    const plan = planAccount(target.attributes, edit);
    if (plan.kind === 'unchanged') unchanged.push(who);
    else if (plan.kind === 'skipped') skipped.push({ ...who, reason: plan.reason });
    else {
      changes.push({ ...who, operations: plan.operations, guard: plan.guard });
      const shape = shapeOf(plan.operations);
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    }
  }
  const requests = applyRequests(changes.length, pacing.readChunk);
  const view: BulkPlanView = {
    planId: randomUUID(),
    edit,
    targets: targets.length,
    changed: changes.length,
    examples: changes.slice(0, PLAN_EXAMPLES).map(({ accountId, accountName, operations }) => ({ accountId, accountName, operations })),
    shapes: [...shapes].map(([shape, count]): PatchShape => ({ shape, count })).sort((a, b) => b.count - a.count),
    unchanged,
    skipped,
    requests,
    estimatedSeconds: estimatedSeconds(requests, pacing.requestsPer10Seconds),
  };
  return { view, changes };
}

/** "replace /attributes/department", "remove /attributes/groups" */
export function shapeOf(operations: readonly JsonPatchOperation[]): string {
  return operations.map((operation) => `${operation.op} ${operation.path}`).join(', ');
}

/** One PATCH per changed account, plus one list request per chunk of them read just before sending. */
export function applyRequests(changed: number, readChunk: number): number {
  return changed + Math.ceil(changed / Math.max(1, readChunk));
}

/** At the tenant's pace, the time those requests take (the first window's burst ignored: an upper estimate). */
export function estimatedSeconds(requests: number, requestsPer10Seconds: number): number {
  return Math.round((requests * 10 * 10) / Math.max(1, requestsPer10Seconds)) / 10;
}
