// The patch core's public surface: JSON and JSON Patch types, JSON Pointer, the RFC 6902
// applier, the ISC-shaped differ and the attribute editor's validation. Nothing here imports
// vscode or the client (src/isc imports this, never the other way).
export { applyPatch } from './apply';
export { JsonPatchError, type JsonPatchErrorReason } from './json-patch-error';
export type { JsonPatchOperation } from './operation';
export {
  cloneJson,
  isJsonValue,
  jsonEqual,
  type AccountAttributeMap,
  type AttributeValue,
  type JsonObject,
  type JsonValue,
} from './json';
export {
  escapePointerToken,
  formatPointer,
  JsonPointerError,
  parsePointer,
  unescapePointerToken,
  type JsonPointerErrorReason,
} from './pointer';
export { attributePointer, diffAttributes } from './diff';
export { diffCorrelation, type CorrelationState } from './correlation';
export { accountPatch, putBody, type AccountEditView } from './account-edit-bodies';
export {
  validateAttributeEdits,
  type AttributeEditCode,
  type AttributeEditMessage,
  type AttributeEditReport,
  type AttributeEditRow,
} from './validate';
