// The sandbox tenant's own records. They hold what ISC stores, in a compact form (epoch ms
// instead of ISO strings, ids instead of nested objects); openapi-json.ts renders them as the
// OpenAPI shapes.
import type { AccountAttributeMap } from '../../isc/models';

export type SourceKind = 'flat-file' | 'active-directory' | 'workday' | 'identitynow' | 'servicenow';

export interface SandboxRef {
  id: string;
  name: string;
}

export interface SandboxSource {
  id: string;
  name: string;
  description: string;
  kind: SourceKind;
  /** ISC's `type`, e.g. `DelimitedFile` for flat files. */
  type: string;
  connector: string;
  connectorName: string;
  connectorClass: string;
  connectionType: 'file' | 'direct';
  authoritative: boolean;
  features: string[];
  owner: SandboxRef;
  cluster: SandboxRef | null;
  /** Account attribute that carries entitlements (`memberOf`, `groups`, `roles`), if any. */
  entitlementAttribute: string | null;
  /** Null: the source offers no account schema (a test's way to have one without). */
  accountSchemaId: string | null;
  groupSchemaId: string | null;
  created: number;
  modified: number;
}

/** Flat-file (DelimitedFile) accounts are the only ones that take delete, PUT and attribute patches. */
export function isFlatFile(source: SandboxSource | undefined): boolean {
  return source?.type === 'DelimitedFile';
}

export type IdentityState = 'ACTIVE' | 'INACTIVE_SHORT_TERM' | 'INACTIVE_LONG_TERM';

export interface SandboxIdentity {
  id: string;
  /** Display name, e.g. `José Müller`. */
  name: string;
  firstName: string;
  lastName: string;
  /** ASCII user name, e.g. `jose.muller`. */
  alias: string;
  email: string;
  department: string;
  title: string;
  location: string;
  employeeNumber: string;
  identityState: IdentityState;
  lifecycleState: string;
  created: number;
}

/** Who an account was generated for; the lazy attribute builder reads it. Shared between
 * the accounts of one identity. */
export interface Persona {
  firstName: string;
  lastName: string;
  department: string;
  title: string;
  location: string;
  employeeNumber: string;
}

export interface SandboxAccount {
  id: string;
  sourceId: string;
  name: string;
  nativeIdentity: string;
  identityId: string | null;
  manuallyCorrelated: boolean;
  disabled: boolean;
  locked: boolean;
  systemAccount: boolean;
  isMachine: boolean;
  origin: 'AGGREGATED' | 'PROVISIONED';
  recommendation: { type: 'HUMAN' | 'MACHINE'; method: 'DISCOVERY' | 'SOURCE' | 'CRITERIA' } | null;
  created: number;
  modified: number;
  entitlementIds: readonly string[];
  persona: Persona;
  /** 0 for a person's main account; n for their n-th extra (admin) account on the source. */
  variant: number;
  /** Set once the attributes were written (create, PUT, PATCH); until then they are derived
   * from `persona` on demand, which keeps 100k generated accounts cheap. */
  storedAttributes: AccountAttributeMap | null;
}

export interface SandboxEntitlement {
  id: string;
  sourceId: string;
  name: string;
  attribute: string;
  value: string;
  description: string;
  type: string;
  privileged: boolean;
  requestable: boolean;
  created: number;
  modified: number;
}

export type AppliedActionKind =
  | 'create'
  | 'put'
  | 'patch'
  | 'delete'
  | 'remove'
  | 'remove-all'
  | 'enable'
  | 'disable'
  | 'unlock'
  | 'reload'
  | 'identity-enable'
  | 'identity-disable';

/** One entry of the applied-actions ledger: written when a change really happens. */
export interface AppliedAction {
  action: AppliedActionKind;
  /** Account id (source id for `remove-all`, identity id for `identity-*`). */
  targetId: string;
  /** The task that applied it; null for PATCH, which applies synchronously. */
  taskId: string | null;
  at: number;
}

export type TaskState = 'RUNNING' | 'SUCCESS' | 'ERROR';

export interface SandboxTask {
  id: string;
  action: AppliedActionKind;
  targetId: string;
  targetName: string | null;
  targetType: 'IDENTITY' | null;
  uniqueName: string;
  description: string;
  launcher: string;
  created: number;
  durationMs: number;
  state: TaskState;
  completed: number | null;
  errorMessage: string | null;
}
