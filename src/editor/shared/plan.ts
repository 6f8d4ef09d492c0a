// What Apply will send for a draft, and the per-attribute changes shown beside the form.
// Pure: the webview computes it for the live preview, the extension recomputes it from the
// draft on Apply and sends only its own result.
import type { AccountAttributes } from '../../isc/models';
import { accountPatch, diffCorrelation, jsonEqual, putBody, type AccountAttributeMap, type AttributeValue, type JsonPatchOperation } from '../../patch';
import { draftAttributes, validateDraft, type DraftProblems } from './draft';
import type { EditorDraft, LoadedAccount } from './protocol';

export type AttributeChange =
  | { kind: 'added'; name: string; after: AttributeValue }
  | { kind: 'changed'; name: string; before: AttributeValue; after: AttributeValue }
  | { kind: 'removed'; name: string; before: AttributeValue };

export interface EditPlan {
  problems: DraftProblems;
  /** True when an error must be fixed first; nothing below is filled then. */
  blocked: boolean;
  changes: AttributeChange[];
  /** PATCH mode: every operation. PUT mode: only the correlation ones, sent after the PUT. */
  operations: JsonPatchOperation[];
  /** PUT mode with attribute changes: the whole new attribute set. */
  put: AccountAttributes | null;
  /** What the confirmation names: operations, counting a PUT as one. */
  requestSummary: string;
}

export function planEdits(base: LoadedAccount, draft: EditorDraft): EditPlan {
  const attributesEditable = base.readOnlyReason === null;
  const problems = validateDraft(attributesEditable ? draft : { ...draft, attributes: [] }, base.attributes, base.identityId);
  const empty: EditPlan = { problems, blocked: true, changes: [], operations: [], put: null, requestSummary: '' };
  if (problems.errors.length > 0) return empty;

  const after: AccountAttributeMap | null = attributesEditable ? draftAttributes(draft) : null;
  const changes = after ? attributeChanges(base.attributes, after, draft) : [];
  const correlationAfter = { identityId: draft.correlation.identityId, manuallyCorrelated: draft.correlation.manuallyCorrelated };
  const usePut = draft.mode === 'put' && after !== null;
  const operations = usePut
    ? diffCorrelation(base, correlationAfter)
    : accountPatch(base, { ...correlationAfter, attributes: after });
  const put = usePut && changes.length > 0 ? putBody(after) : null;
  return { problems, blocked: false, changes, operations, put, requestSummary: summarize(operations, put) };
}

function summarize(operations: JsonPatchOperation[], put: AccountAttributes | null): string {
  const count = `${operations.length} operation${operations.length === 1 ? '' : 's'}`;
  if (!put) return count;
  const attributes = Object.keys(put.attributes).length;
  const replaceAll = `a PUT replacing all attributes (${attributes})`;
  return operations.length === 0 ? replaceAll : `${replaceAll} and ${count}`;
}

/** Nothing to send: the draft equals what was loaded. */
export function isEmptyPlan(plan: EditPlan): boolean {
  return !plan.blocked && plan.operations.length === 0 && plan.put === null;
}

/** In form order (what the user looks at), removed attributes last. */
function attributeChanges(before: AccountAttributeMap, after: AccountAttributeMap, draft: EditorDraft): AttributeChange[] {
  const has = (map: AccountAttributeMap, name: string) => Object.prototype.hasOwnProperty.call(map, name);
  const changes: AttributeChange[] = [];
  for (const { name } of draft.attributes) {
    if (!has(before, name)) changes.push({ kind: 'added', name, after: after[name] });
    else if (!jsonEqual(before[name], after[name])) changes.push({ kind: 'changed', name, before: before[name], after: after[name] });
  }
  for (const name of Object.keys(before)) {
    if (!has(after, name)) changes.push({ kind: 'removed', name, before: before[name] });
  }
  return changes;
}

export interface PreviewPart {
  /** The request line, e.g. `PATCH /accounts/2c91…`. */
  request: string;
  /** Exactly the body Apply sends, pretty-printed. */
  body: string;
}

/** The requests Apply makes, in order; none while the draft has errors. */
export function previewParts(plan: EditPlan, accountId: string): PreviewPart[] {
  if (plan.blocked) return [];
  const parts: PreviewPart[] = [];
  if (plan.put) parts.push({ request: `PUT /accounts/${accountId}`, body: JSON.stringify(plan.put, null, 2) });
  if (plan.operations.length > 0 || !plan.put) {
    parts.push({ request: `PATCH /accounts/${accountId}`, body: JSON.stringify(plan.operations, null, 2) });
  }
  return parts;
}
