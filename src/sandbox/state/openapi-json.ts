// Renders sandbox records as the JSON ISC sends (field names and shapes from the OpenAPI
// documents; one shape serves v3, beta and v2024, which agree on what is rendered here).
import type { Account, DetailLevel, Entitlement, Source, TaskStatus } from '../../isc/models';
import { accountUuid } from './account-attributes';
import type { SandboxAccount, SandboxEntitlement, SandboxSource, SandboxTask } from './records';
import type { SandboxTenant } from './tenant';

const iso = (ms: number): string => new Date(ms).toISOString();

export type AccountDto = Account & {
  recommendation?: SandboxAccount['recommendation'];
};

/** The object form of an account. The HTTP handlers send account-json-cache.ts's text, which
 * must be byte for byte JSON.stringify of this (a test checks every account); change both
 * together. FULL is what ISC sends by default. SLIM (src/sandbox/README.md, "SLIM"): attributes
 * null (the field is required), the fields of ISC's SLIM example kept (description, uuid,
 * features), the joined extras (owner, lifecycle, identity state…) left out. */
export function accountView(tenant: SandboxTenant, account: SandboxAccount, detail: DetailLevel = 'FULL'): AccountDto {
  const source = tenant.source(account.sourceId);
  const identity = account.identityId ? tenant.identity(account.identityId) : undefined;
  const correlation = identity
    ? { identityId: identity.id, identity: { id: identity.id, type: 'IDENTITY' as const, name: identity.name } }
    : {};
  const core = {
    id: account.id,
    name: account.name,
    created: iso(account.created),
    modified: iso(account.modified),
    sourceId: account.sourceId,
    sourceName: source?.name ?? null,
    ...correlation,
    authoritative: source?.authoritative ?? false,
    disabled: account.disabled,
    locked: account.locked,
    nativeIdentity: account.nativeIdentity,
    systemAccount: account.systemAccount,
    uncorrelated: account.identityId === null,
    manuallyCorrelated: account.manuallyCorrelated,
    hasEntitlements: account.entitlementIds.length > 0,
    origin: account.origin,
  };
  const uuid = source ? accountUuid(account, source) : null;
  const features = source && source.features.length > 0 ? source.features.join(',') : null;
  if (detail === 'SLIM') return { ...core, attributes: null, description: null, uuid, features };
  return {
    ...core,
    cloudLifecycleState: identity?.lifecycleState ?? null,
    identityState: identity?.identityState ?? null,
    connectionType: source?.connectionType ?? null,
    isMachine: account.isMachine,
    recommendation: account.recommendation,
    attributes: tenant.attributesOf(account),
    description: null,
    uuid,
    sourceOwner: source ? { id: source.owner.id, type: 'IDENTITY', name: source.owner.name } : null,
    features,
    ownerIdentity: null,
  };
}

export type SourceDto = Source & Record<string, unknown>;

export function sourceView(source: SandboxSource): SourceDto {
  const ref = (type: string, id: string, name: string) => ({ type, id, name });
  return {
    id: source.id,
    name: source.name,
    description: source.description,
    owner: ref('IDENTITY', source.owner.id, source.owner.name),
    cluster: source.cluster ? ref('CLUSTER', source.cluster.id, source.cluster.name) : null,
    accountCorrelationConfig: null,
    accountCorrelationRule: null,
    managerCorrelationMapping: null,
    managerCorrelationRule: null,
    beforeProvisioningRule: null,
    schemas: [
      ...(source.accountSchemaId ? [ref('CONNECTOR_SCHEMA', source.accountSchemaId, 'account')] : []),
      ...(source.groupSchemaId ? [ref('CONNECTOR_SCHEMA', source.groupSchemaId, 'group')] : []),
    ],
    passwordPolicies: null,
    features: [...source.features],
    type: source.type,
    connector: source.connector,
    connectorClass: source.connectorClass,
    connectorAttributes: source.kind === 'flat-file' ? { file: 'contractors.csv', delimiter: ',' } : { healthCheckTimeout: 30 },
    deleteThreshold: 10,
    authoritative: source.authoritative,
    managementWorkgroup: null,
    healthy: true,
    status: 'SOURCE_STATE_HEALTHY',
    since: iso(source.modified),
    connectorId: source.connector,
    connectorName: source.connectorName,
    connectionType: source.connectionType,
    connectorImplementationId: source.connector,
    created: iso(source.created),
    modified: iso(source.modified),
    credentialProviderEnabled: false,
    category: null,
  };
}

export function entitlementView(tenant: SandboxTenant, entitlement: SandboxEntitlement): Entitlement & Record<string, unknown> {
  const source = tenant.source(entitlement.sourceId);
  return {
    id: entitlement.id,
    name: entitlement.name,
    created: iso(entitlement.created),
    modified: iso(entitlement.modified),
    attribute: entitlement.attribute,
    value: entitlement.value,
    sourceSchemaObjectType: entitlement.type,
    privileged: entitlement.privileged,
    cloudGoverned: false,
    requestable: entitlement.requestable,
    description: entitlement.description,
    attributes: { [entitlement.attribute === 'memberOf' ? 'cn' : 'name']: entitlement.name },
    source: { type: 'SOURCE', id: entitlement.sourceId, name: source?.name ?? '' },
    owner: null,
    additionalOwners: null,
    segments: [],
    directPermissions: [],
    manuallyUpdatedFields: null,
  };
}

/** A running task reports a rising percentage; the outcome only once it has completed. */
export function taskStatusView(task: SandboxTask, now: number): TaskStatus {
  const running = task.state === 'RUNNING';
  const elapsed = now - task.created;
  const percent = running ? Math.min(99, Math.floor((elapsed / Math.max(1, task.durationMs)) * 100)) : 100;
  return {
    id: task.id,
    type: 'QUEUED_TASK',
    uniqueName: task.uniqueName,
    description: task.description,
    parentName: null,
    launcher: task.launcher,
    target: { id: task.targetId, name: task.targetName ?? task.targetId, ...(task.targetType ? { type: task.targetType } : {}) },
    created: iso(task.created),
    modified: iso(running ? Math.max(task.created, Math.min(now, task.created + task.durationMs)) : (task.completed as number)),
    launched: iso(task.created),
    completed: task.completed === null ? null : iso(task.completed),
    completionStatus: running ? null : task.state === 'SUCCESS' ? 'SUCCESS' : 'ERROR',
    messages:
      task.state === 'ERROR'
        ? [{ type: 'ERROR', localizedText: { locale: 'en-US', message: task.errorMessage ?? 'The task failed.' }, key: 'sandbox.task.failed', parameters: null }]
        : [],
    returns: [],
    attributes: { action: task.action, targetId: task.targetId },
    progress: running ? `${task.uniqueName}: ${percent}%` : task.state === 'SUCCESS' ? 'Completed' : 'Failed',
    percentComplete: percent,
  };
}
