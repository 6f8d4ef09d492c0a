// The attribute editor, as the rest of the extension sees it: one `AttributeEditors` made in
// activate(), and the view type its tabs and serializer are registered under.
export { AttributeEditors, type AttributeEditorHandle } from './attribute-editors';
export { ATTRIBUTE_EDITOR_VIEW_TYPE } from './shared/protocol';
export { CreateAccountForms } from './create-form/forms';
export type { CreateAccountFormPanel, SubmitNewAccount } from './create-form/panel';
export { CREATE_FORM_VIEW_TYPE } from './shared/create-form-protocol';
