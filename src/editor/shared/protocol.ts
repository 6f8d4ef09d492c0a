// The attribute editor's message protocol and the state both sides keep. Imported by the
// extension (src/editor) and bundled into the webview (media/editor), so it never imports
// `vscode` and holds only types and constants.
import type { AccountAttributeMap } from '../../isc/models';

export const ATTRIBUTE_EDITOR_VIEW_TYPE = 'iscAccounts.attributeEditor';

/**
 * How a single value keeps its JSON type while edited as text: `42` stays a number and
 * `true` a boolean unless the user picks another type.
 */
export type SingleValueType = 'string' | 'number' | 'boolean' | 'null';

export interface SingleValueDraft {
  kind: 'single';
  type: SingleValueType;
  text: string;
}

/** A multi-valued attribute: ISC's flat-file multi-valued attributes are lists of strings. */
export interface MultiValueDraft {
  kind: 'multi';
  items: string[];
}

/** Objects and lists that are not all strings, edited as JSON text rather than mangled. */
export interface JsonValueDraft {
  kind: 'json';
  text: string;
}

export type ValueDraft = SingleValueDraft | MultiValueDraft | JsonValueDraft;

export interface AttributeDraft {
  /** Stable across renames and moves, so the DOM and error messages follow the row. */
  rowId: string;
  name: string;
  value: ValueDraft;
}

export interface CorrelationDraft {
  /** Empty means "no identity": Apply removes `/identityId`. */
  identityId: string;
  manuallyCorrelated: boolean;
}

export type ApplyMode = 'patch' | 'put';

export interface EditorDraft {
  attributes: AttributeDraft[];
  correlation: CorrelationDraft;
  mode: ApplyMode;
}

/** The account as loaded: what the diff and the patch are computed against. */
export interface LoadedAccount {
  id: string;
  name: string;
  sourceId: string;
  sourceName: string;
  /** ISC's `modified`; compared with a fresh GET right before Apply. */
  modified: string | null;
  attributes: AccountAttributeMap;
  identityId: string | null;
  manuallyCorrelated: boolean;
  /** Set when attributes cannot be changed (not a flat-file account); correlation still can. */
  readOnlyReason: string | null;
}

/** A failure as people read it: the server's words and the id SailPoint support asks for. */
export interface ErrorInfo {
  message: string;
  trackingId?: string;
}

/** What the webview keeps with `setState`; the panel serializer gets it back after a reload. */
export interface PersistedEditorState {
  target: EditorTarget;
  base?: LoadedAccount;
  draft?: EditorDraft;
}

export type WebviewToExtension =
  /** Sent once the script runs; the extension answers with `load` or `loadFailed`. */
  | { type: 'ready' }
  /** Every edit, so the extension knows about unapplied edits when the tab is closed. */
  | { type: 'draftChanged'; draft: EditorDraft }
  | { type: 'apply'; requestId: number; draft: EditorDraft }
  /** Fetch the account again, discarding edits (the extension confirms when there are any). */
  | { type: 'reload'; requestId: number }
  | { type: 'showLog' };

export type RequestOutcome = 'applied' | 'reloaded' | 'cancelled';

/** Which account of which tenant a tab edits; the webview keeps it for the serializer. */
export interface EditorTarget {
  tenantId: string;
  accountId: string;
  /** For people: the tenant's display name. */
  tenantLabel: string;
}

export type ExtensionToWebview =
  | {
      type: 'load';
      target: EditorTarget;
      base: LoadedAccount;
      /** Edits to keep (restored after a reload or a reopen); null starts from `base`. */
      draft: EditorDraft | null;
      /** Shown above the form, e.g. "changed on the server since your edits began". */
      notice: string | null;
    }
  | { type: 'loadFailed'; target: EditorTarget; error: ErrorInfo }
  | { type: 'reply'; requestId: number; outcome: RequestOutcome }
  | { type: 'reply'; requestId: number; error: ErrorInfo }
  /** Progress of a running Apply, for the inline status line. */
  | { type: 'progress'; message: string };

export type WebviewMessageType = WebviewToExtension['type'];
