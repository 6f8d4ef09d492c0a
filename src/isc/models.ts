// Types mirror the field names of SailPoint's OpenAPI documents in test/contract/openapi/
// (v3, beta, v2024 accounts surface). Only what this extension reads or writes is typed;
// everything else the server sends is kept as it came.
// JSON and JSON Patch types live in src/patch, the lower layer, so imports run isc → patch only.
import type { AccountAttributeMap } from '../patch/json';

export type ApiVersion = 'v3' | 'beta' | 'v2024';

export type { AccountAttributeMap, AttributeValue } from '../patch/json';
export type { JsonPatchOperation } from '../patch/operation';

export interface BaseReferenceDto {
  type?: string;
  id?: string;
  name?: string;
}

export interface AccountIdentityRef extends BaseReferenceDto {
  type?: 'IDENTITY';
}

export interface Account {
  id?: string;
  name?: string;
  created?: string;
  modified?: string;
  sourceId: string;
  sourceName: string | null;
  identityId?: string;
  cloudLifecycleState?: string | null;
  identityState?: string | null;
  connectionType?: string | null;
  isMachine?: boolean;
  attributes: AccountAttributeMap | null;
  authoritative: boolean;
  description?: string | null;
  disabled: boolean;
  locked: boolean;
  nativeIdentity: string;
  systemAccount: boolean;
  uncorrelated: boolean;
  uuid?: string | null;
  manuallyCorrelated: boolean;
  hasEntitlements: boolean;
  identity?: AccountIdentityRef;
  sourceOwner?: BaseReferenceDto | null;
  features?: string | null;
  origin?: 'AGGREGATED' | 'PROVISIONED' | null;
  ownerIdentity?: BaseReferenceDto | null;
}

/** Body of POST /accounts: `attributes.sourceId` names the source. */
export interface AccountAttributesCreate {
  attributes: AccountAttributeMap & { sourceId: string };
}

/** Body of PUT /accounts/{id}. */
export interface AccountAttributes {
  attributes: AccountAttributeMap;
}

export interface AccountToggleRequest {
  externalVerificationId?: string;
  forceProvisioning?: boolean;
}

export interface AccountUnlockRequest {
  externalVerificationId?: string;
  unlockIDNAccount?: boolean;
  forceProvisioning?: boolean;
}

/** 202 answer of create, put, patch, delete, enable, disable, unlock, reload. */
export interface AccountsAsyncResult {
  id: string;
}

/** 202 answer of remove account and remove-all-accounts-of-a-source. */
export interface TaskResultDto {
  type?: 'TASK_RESULT';
  id?: string;
  name?: string | null;
}

export interface IdentitiesAccountsBulkRequest {
  identityIds: string[];
}

/** One element of the 207 answer of /identities-accounts/enable|disable. */
export interface BulkIdentitiesAccountsResponse {
  id?: string;
  statusCode?: number;
  message?: string;
}

export type TaskCompletionStatus = 'SUCCESS' | 'WARNING' | 'ERROR' | 'TERMINATED' | 'TEMPERROR' | null;

export interface LocalizedMessage {
  locale: string;
  message: string;
}

export interface TaskStatusMessage {
  type: 'INFO' | 'WARN' | 'ERROR';
  localizedText?: LocalizedMessage | null;
  key: string;
  parameters: Array<Record<string, unknown>> | null;
}

export interface TaskStatus {
  id: string;
  type: 'QUARTZ' | 'QPOC' | 'QUEUED_TASK';
  uniqueName: string;
  description: string;
  parentName: string | null;
  launcher: string;
  target?: { id?: string; type?: string; name?: string } | null;
  created: string;
  modified: string | null;
  launched: string | null;
  completed: string | null;
  completionStatus: TaskCompletionStatus;
  messages: TaskStatusMessage[];
  returns: Array<{ name?: string; attributeName?: string }>;
  attributes: Record<string, unknown>;
  progress: string | null;
  percentComplete: number;
}

export interface Entitlement {
  id?: string;
  name?: string;
  created?: string;
  modified?: string;
  attribute?: string | null;
  value?: string;
  sourceSchemaObjectType?: string;
  privileged?: boolean;
  cloudGoverned?: boolean;
  description?: string | null;
  requestable?: boolean;
  attributes?: Record<string, unknown>;
  source?: BaseReferenceDto;
}

export interface Source {
  id?: string;
  name: string;
  description?: string;
  owner: BaseReferenceDto | null;
  type?: string;
  connector: string;
  connectorName?: string;
  connectionType?: string;
  authoritative?: boolean;
  healthy?: boolean;
  status?: string;
  created?: string;
  modified?: string;
}

/**
 * The SDK's `AttributeDefinition` type values; `DATE` is not in its enum but connectors' schemas
 * carry it, so it is read too. Anything else is kept as the server sent it.
 */
export type AttributeDefinitionType = 'STRING' | 'LONG' | 'INT' | 'BOOLEAN' | 'DATE';

/** One attribute of a source schema (the SDK's `AttributeDefinition`). */
export interface AttributeDefinition {
  name: string;
  type?: AttributeDefinitionType | string;
  schema?: BaseReferenceDto | null;
  description?: string | null;
  isMulti?: boolean;
  isEntitlement?: boolean;
  isGroup?: boolean;
}

/** A source's schema (the SDK's `Schema`): the account schema, or a group schema. */
export interface Schema {
  id?: string;
  name?: string;
  nativeObjectType?: string;
  identityAttribute?: string;
  displayAttribute?: string;
  hierarchyAttribute?: string | null;
  includePermissions?: boolean;
  features?: string[];
  configuration?: Record<string, unknown> | null;
  attributes: AttributeDefinition[];
  created?: string;
  modified?: string;
}

export interface ErrorMessageDto {
  locale?: string | null;
  localeOrigin?: 'DEFAULT' | 'REQUEST' | null;
  text?: string;
}

export interface ErrorResponseDto {
  detailCode?: string;
  trackingId?: string;
  messages?: ErrorMessageDto[];
  causes?: ErrorMessageDto[];
}

export type DetailLevel = 'SLIM' | 'FULL';

/** The flat-file connector type: the only one whose accounts take delete, PUT and attribute patches. */
export const FLAT_FILE_SOURCE_TYPE = 'DelimitedFile';
