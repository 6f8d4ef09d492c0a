// The fixed set of sources every sandbox tenant has. Order matters to the generator:
// flat file, Active Directory (the big one), Workday (authoritative), ServiceNow, IdentityNow.
import type { SandboxIdentity, SandboxRef, SandboxSource } from '../state/records';
import { Prng, iscId } from './random';

const DAY = 86_400_000;

/** The fixed part of a generated source; ids, owner, schemas and times are derived. */
type SourceTemplate = Pick<
  SandboxSource,
  | 'kind' | 'name' | 'description' | 'type' | 'connector' | 'connectorName' | 'connectorClass'
  | 'connectionType' | 'authoritative' | 'features' | 'entitlementAttribute'
> & { clustered: boolean };

const TEMPLATES: readonly SourceTemplate[] = [
  {
    kind: 'flat-file',
    name: 'Contractor Roster (CSV)',
    description: 'Contractors and vendors, loaded from a delimited file export.',
    type: 'DelimitedFile',
    connector: 'delimited-file',
    connectorName: 'Delimited File',
    connectorClass: 'sailpoint.connector.DelimitedFileConnector',
    connectionType: 'file',
    authoritative: false,
    features: ['DIRECT_PERMISSIONS', 'NO_RANDOM_ACCESS', 'DISCOVER_SCHEMA'],
    entitlementAttribute: 'groups',
    clustered: false,
  },
  {
    kind: 'active-directory',
    name: 'Active Directory',
    description: 'Corporate directory (corp.acme.com).',
    type: 'Active Directory - Direct',
    connector: 'active-directory',
    connectorName: 'Active Directory',
    connectorClass: 'sailpoint.connector.ADLDAPConnector',
    connectionType: 'direct',
    authoritative: false,
    features: ['AUTHENTICATE', 'ENABLE', 'MANAGER_LOOKUP', 'SEARCH', 'UNLOCK', 'PROVISIONING', 'GROUP_PROVISIONING', 'SYNC_PROVISIONING', 'PASSWORD', 'CURRENT_PASSWORD', 'DELETE'],
    entitlementAttribute: 'memberOf',
    clustered: true,
  },
  {
    kind: 'workday',
    name: 'Workday HR',
    description: 'Authoritative HR source: one worker per identity.',
    type: 'Workday',
    connector: 'workday',
    connectorName: 'Workday',
    connectorClass: 'sailpoint.connector.WorkdayConnector',
    connectionType: 'direct',
    authoritative: true,
    features: ['SEARCH', 'NO_PERMISSIONS_PROVISIONING', 'MANAGER_LOOKUP'],
    entitlementAttribute: null,
    clustered: true,
  },
  {
    kind: 'servicenow',
    name: 'ServiceNow',
    description: 'IT service management users and roles.',
    type: 'ServiceNow',
    connector: 'servicenow',
    connectorName: 'ServiceNow',
    connectorClass: 'sailpoint.connector.ServiceNowConnector',
    connectionType: 'direct',
    authoritative: false,
    features: ['ENABLE', 'PROVISIONING', 'GROUP_PROVISIONING', 'SEARCH'],
    entitlementAttribute: 'roles',
    clustered: true,
  },
  {
    kind: 'identitynow',
    name: 'IdentityNow',
    description: 'The tenant\'s own accounts: one per identity.',
    type: 'IdentityNowConnector',
    connector: 'IdentityNowConnector',
    connectorName: 'IdentityNow',
    connectorClass: 'sailpoint.connector.IdentityNowConnector',
    connectionType: 'direct',
    authoritative: false,
    features: ['ENABLE', 'UNLOCK', 'PASSWORD'],
    entitlementAttribute: null,
    clustered: false,
  },
];

export function buildSources(prng: Prng, ownerIdentity: SandboxIdentity | null, now: number): SandboxSource[] {
  const owner: SandboxRef = ownerIdentity
    ? { id: ownerIdentity.id, name: ownerIdentity.name }
    : { id: iscId(prng), name: 'Sandbox Administrator' };
  const cluster: SandboxRef = { id: iscId(prng), name: 'Sandbox VA Cluster' };
  return TEMPLATES.map((template) => {
    const created = now - (800 + prng.int(300)) * DAY;
    const { clustered, ...rest } = template;
    return {
      ...rest,
      features: [...template.features],
      id: iscId(prng),
      owner: { ...owner },
      cluster: clustered ? { ...cluster } : null,
      accountSchemaId: iscId(prng),
      groupSchemaId: template.entitlementAttribute ? iscId(prng) : null,
      created,
      modified: created + prng.int(700) * DAY,
    };
  });
}
