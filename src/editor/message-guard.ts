// Checks every message from the webview before the extension uses it. The webview runs
// untrusted-looking content (attribute values typed by anyone), so its messages are input,
// not calls: wrong shape or unknown type → refused with a reason for the log.
import type { AccountAttributeMap } from '../isc/models';
import { isJsonValue } from '../patch/json';
import { describeType, flag, key, list as shapeList, record, ShapeError, text, type Shape } from './message-shapes';
import type {
  AttributeDraft,
  CorrelationDraft,
  EditorDraft,
  LoadedAccount,
  PersistedEditorState,
  SingleValueType,
  ValueDraft,
  WebviewToExtension,
} from './shared/protocol';

export type GuardResult = { ok: true; message: WebviewToExtension } | { ok: false; reason: string };

/** Far beyond any real account; stops a runaway loop in the webview from flooding the host. */
const MAX_ROWS = 5000;

const SINGLE_TYPES: readonly SingleValueType[] = ['string', 'number', 'boolean', 'null'];

function requestId(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ShapeError(`${where} is not a request id`);
  return value;
}

function list<T>(value: unknown, where: string, item: Shape<T>): T[] {
  return shapeList(value, where, item, MAX_ROWS);
}

const valueDraft: Shape<ValueDraft> = (value, where) => {
  const raw = record(value, where);
  switch (raw.kind) {
    case 'single': {
      const type = raw.type;
      if (!SINGLE_TYPES.includes(type as SingleValueType)) throw new ShapeError(`${where}.type is not a value type`);
      return { kind: 'single', type: type as SingleValueType, text: text(raw.text, `${where}.text`) };
    }
    case 'multi':
      return { kind: 'multi', items: list(raw.items, `${where}.items`, text) };
    case 'json':
      return { kind: 'json', text: text(raw.text, `${where}.text`) };
    default:
      throw new ShapeError(`${where}.kind is not single, multi or json`);
  }
};

const attributeDraft: Shape<AttributeDraft> = (value, where) => {
  const raw = record(value, where);
  return {
    rowId: key(raw.rowId, `${where}.rowId`),
    name: text(raw.name, `${where}.name`),
    value: valueDraft(raw.value, `${where}.value`),
  };
};

const correlationDraft: Shape<CorrelationDraft> = (value, where) => {
  const raw = record(value, where);
  return {
    identityId: text(raw.identityId, `${where}.identityId`),
    manuallyCorrelated: flag(raw.manuallyCorrelated, `${where}.manuallyCorrelated`),
  };
};

/** Rebuilds the draft from known members only, so nothing unexpected rides along. */
export const editorDraft: Shape<EditorDraft> = (value, where) => {
  const raw = record(value, where);
  if (raw.mode !== 'patch' && raw.mode !== 'put') throw new ShapeError(`${where}.mode is not patch or put`);
  const attributes = list(raw.attributes, `${where}.attributes`, attributeDraft);
  const rowIds = new Set(attributes.map((row) => row.rowId));
  if (rowIds.size !== attributes.length) throw new ShapeError(`${where}.attributes has repeated row ids`);
  return { attributes, correlation: correlationDraft(raw.correlation, `${where}.correlation`), mode: raw.mode };
};

export function guardWebviewMessage(value: unknown): GuardResult {
  try {
    const raw = record(value, 'message');
    switch (raw.type) {
      case 'ready':
        return { ok: true, message: { type: 'ready' } };
      case 'showLog':
        return { ok: true, message: { type: 'showLog' } };
      case 'draftChanged':
        return { ok: true, message: { type: 'draftChanged', draft: editorDraft(raw.draft, 'draft') } };
      case 'apply':
        return {
          ok: true,
          message: { type: 'apply', requestId: requestId(raw.requestId, 'requestId'), draft: editorDraft(raw.draft, 'draft') },
        };
      case 'reload':
        return { ok: true, message: { type: 'reload', requestId: requestId(raw.requestId, 'requestId') } };
      default:
        return { ok: false, reason: `unknown message type ${describeType(raw.type)}` };
    }
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, reason: error.message };
    throw error;
  }
}

const loadedAccount: Shape<LoadedAccount> = (value, where) => {
  const raw = record(value, where);
  const attributes = record(raw.attributes, `${where}.attributes`);
  if (!isJsonValue(attributes)) throw new ShapeError(`${where}.attributes is not JSON`);
  const nullableText = (member: unknown, name: string): string | null => (member === null ? null : text(member, `${where}.${name}`));
  return {
    id: text(raw.id, `${where}.id`),
    name: text(raw.name, `${where}.name`),
    sourceId: text(raw.sourceId, `${where}.sourceId`),
    sourceName: text(raw.sourceName, `${where}.sourceName`),
    modified: nullableText(raw.modified, 'modified'),
    attributes: attributes as AccountAttributeMap,
    identityId: nullableText(raw.identityId, 'identityId'),
    manuallyCorrelated: flag(raw.manuallyCorrelated, `${where}.manuallyCorrelated`),
    readOnlyReason: nullableText(raw.readOnlyReason, 'readOnlyReason'),
  };
};

/**
 * The state a panel serializer receives after a reload. Only tenant and account are required;
 * a base or draft of the wrong shape, or a base of another account than the target's, is
 * dropped (the editor then starts from a fresh GET of the target).
 */
export function guardPersistedState(value: unknown): { state?: PersistedEditorState; dropped: string[] } {
  const dropped: string[] = [];
  try {
    const raw = record(value, 'state');
    const target = record(raw.target, 'target');
    const state: PersistedEditorState = {
      target: {
        tenantId: text(target.tenantId, 'target.tenantId'),
        accountId: text(target.accountId, 'target.accountId'),
        tenantLabel: text(target.tenantLabel, 'target.tenantLabel'),
      },
    };
    try {
      if (raw.base !== undefined) state.base = loadedAccount(raw.base, 'base');
      if (state.base && state.base.id !== state.target.accountId) {
        // Apply sends to base.id: edits made against another account must never reach it from this tab.
        throw new ShapeError(`base is account ${JSON.stringify(state.base.id)}, not the tab's account ${JSON.stringify(state.target.accountId)}`);
      }
      if (raw.draft !== undefined) state.draft = editorDraft(raw.draft, 'draft');
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      dropped.push(error.message);
      delete state.base;
      delete state.draft;
    }
    if (state.draft && !state.base) delete state.draft; // edits mean nothing without what they were made against
    return { state, dropped };
  } catch (error) {
    if (error instanceof ShapeError) return { dropped: [error.message] };
    throw error;
  }
}
