// Checks every message from the bulk editor's webview before the extension uses it. An edit
// reaches the session only rebuilt from known members, with a name and value the patch core
// accepts; anything else is refused with a reason that names the member at fault.
import { validateAttributeEdits } from '../patch';
import { isJsonValue } from '../patch/json';
import { describeType, record, ShapeError, text } from './message-shapes';
import type { BulkEdit, BulkWebviewToExtension } from './shared/bulk-protocol';

/** A webview message once checked: a plan request carries a well-formed edit. */
export type CheckedBulkMessage = Exclude<BulkWebviewToExtension, { type: 'plan' }> | { type: 'plan'; edit: BulkEdit };

export type BulkGuardResult =
  | { ok: true; message: CheckedBulkMessage }
  /** `planRequest`: the refused message asked for a plan, so the webview is told why. */
  | { ok: false; reason: string; planRequest: boolean };

const EDIT_KINDS: readonly BulkEdit['kind'][] = ['set', 'remove', 'add-item', 'remove-item'];

/** Names and values are judged by the same rules as the single-account editor's. */
function checkWithPatchRules(attribute: string, value: unknown, where: string): void {
  const report = validateAttributeEdits([{ name: attribute, value }]);
  const error = report.messages.find((found) => found.severity === 'error');
  if (error) throw new ShapeError(`${where}.${error.field === 'name' ? 'attribute' : 'value'}: ${error.message.replace(/^Row 1: /, '').replace(/\.$/, '')}`);
}

export function bulkEdit(value: unknown, where = 'edit'): BulkEdit {
  const raw = record(value, where);
  if (!EDIT_KINDS.includes(raw.kind as BulkEdit['kind'])) {
    throw new ShapeError(`${where}.kind is ${describeType(raw.kind)}, not one of ${EDIT_KINDS.join(', ')}`);
  }
  const kind = raw.kind as BulkEdit['kind'];
  const attribute = text(raw.attribute, `${where}.attribute`);
  switch (kind) {
    case 'set': {
      if (!('value' in raw) || raw.value === undefined) throw new ShapeError(`${where}.value is missing`);
      if (!isJsonValue(raw.value)) throw new ShapeError(`${where}.value is not JSON`);
      checkWithPatchRules(attribute, raw.value, where);
      return { kind, attribute, value: raw.value };
    }
    case 'remove':
      checkWithPatchRules(attribute, '', where);
      return { kind, attribute };
    case 'add-item':
    case 'remove-item': {
      const item = text(raw.item, `${where}.item`);
      checkWithPatchRules(attribute, [item], where);
      if (item === '') throw new ShapeError(`${where}.item is empty`);
      return { kind, attribute, item };
    }
  }
}

export function guardBulkMessage(value: unknown): BulkGuardResult {
  let planRequest = false;
  try {
    const raw = record(value, 'message');
    switch (raw.type) {
      case 'ready':
      case 'cancel':
      case 'open-report':
        return { ok: true, message: { type: raw.type } };
      case 'plan':
        planRequest = true;
        return { ok: true, message: { type: 'plan', edit: bulkEdit(raw.edit) } };
      case 'apply':
        return { ok: true, message: { type: 'apply', planId: text(raw.planId, 'planId') } };
      default:
        return { ok: false, reason: `unknown message type ${describeType(raw.type)}`, planRequest };
    }
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, reason: error.message, planRequest };
    throw error;
  }
}
