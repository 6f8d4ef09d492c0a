// The Create Account form's messages. Imported by the extension (src/editor/create-form) and
// bundled into the webview (media/create-form), so it holds only types and constants.
import type { CreateFormSpec, FieldProblem, FormValues } from '../../core/create-form';

export type { CreateField, CreateFormSpec, FieldProblem, FieldType, FormValues } from '../../core/create-form';

export const CREATE_FORM_VIEW_TYPE = 'iscAccounts.createAccountForm';

/** The whole state, sent whenever it changes outside the webview (ready, refused, busy). */
export interface ShowCreateForm {
  type: 'show';
  form: CreateFormSpec;
  values: FormValues;
  /** Why the last Create was refused, per attribute; the values stay as typed. */
  problems: FieldProblem[];
  /** A sentence above the form (what happened to the last Create), or null. */
  notice: string | null;
  /** A Create is being sent: the buttons wait. */
  busy: boolean;
}

export type CreateFormToWebview = ShowCreateForm;

export type WebviewToCreateForm =
  | { type: 'ready' }
  | { type: 'changed'; values: FormValues }
  | { type: 'submit'; values: FormValues }
  | { type: 'cancel' };
