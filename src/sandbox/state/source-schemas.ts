// Each source's schemas as GET /sources/{id}/schemas answers them: the account schema lists
// the attributes account-attributes.ts derives for the source's accounts (same names, types and
// multi-valuedness), and sources with entitlements have a group schema. The flat file's also
// lists the columns of its realistic rows (seed/realistic-apps.ts) and two columns no generated
// row fills (an INT and a BOOLEAN), so a create form meets every type ISC names.
import type { AttributeDefinition, Schema } from '../../isc/models';
import type { SandboxSource, SourceKind } from './records';

const iso = (ms: number): string => new Date(ms).toISOString();

type Definition = [name: string, type: 'STRING' | 'LONG' | 'INT' | 'BOOLEAN' | 'DATE', description: string, entitlement?: 'entitlement'];

interface AccountSchemaTemplate {
  identityAttribute: string;
  displayAttribute: string;
  attributes: Definition[];
}

const TEMPLATES: Record<SourceKind, AccountSchemaTemplate> = {
  'flat-file': {
    identityAttribute: 'id',
    displayAttribute: 'userName',
    attributes: [
      ['id', 'STRING', 'Contractor number; the account\'s native identity.'],
      ['userName', 'STRING', 'Login name, e.g. ann.lee.'],
      ['firstName', 'STRING', 'Given name.'],
      ['lastName', 'STRING', 'Family name.'],
      ['displayName', 'STRING', 'Full name as shown.'],
      ['email', 'STRING', 'Work email address.'],
      ['department', 'STRING', 'Department.'],
      ['title', 'STRING', 'Job title.'],
      ['location', 'STRING', 'Office location.'],
      ['employeeNumber', 'STRING', 'Contractor number as HR knows it.'],
      ['groups', 'STRING', 'Groups of the contractor (entitlements).', 'entitlement'],
      ['company', 'STRING', 'The vendor the contractor works for.'],
      ['contractStart', 'DATE', 'First day of the contract.'],
      ['contractEnd', 'DATE', 'Last day of the contract.'],
      ['sponsor', 'STRING', 'Employee who sponsors the contractor.'],
      ['sponsorEmail', 'STRING', 'The sponsor\'s email address.'],
      ['costCenter', 'STRING', 'Cost center billed.'],
      ['phone', 'STRING', 'Work phone.'],
      ['status', 'STRING', 'active or inactive.'],
      ['lastReviewed', 'DATE', 'Day of the last access review.'],
      ['weeklyHours', 'INT', 'Contracted hours per week.'],
      ['rehireEligible', 'BOOLEAN', 'Whether the contractor may be engaged again.'],
    ],
  },
  'active-directory': {
    identityAttribute: 'distinguishedName',
    displayAttribute: 'sAMAccountName',
    attributes: [
      ['distinguishedName', 'STRING', 'Distinguished name; the account\'s native identity.'],
      ['sAMAccountName', 'STRING', 'Pre-Windows 2000 logon name.'],
      ['cn', 'STRING', 'Common name.'],
      ['displayName', 'STRING', 'Display name.'],
      ['givenName', 'STRING', 'Given name.'],
      ['sn', 'STRING', 'Surname.'],
      ['mail', 'STRING', 'Email address.'],
      ['userPrincipalName', 'STRING', 'User principal name.'],
      ['department', 'STRING', 'Department.'],
      ['title', 'STRING', 'Job title.'],
      ['physicalDeliveryOfficeName', 'STRING', 'Office.'],
      ['employeeID', 'STRING', 'Employee id.'],
      ['objectguid', 'STRING', 'Object GUID.'],
      ['memberOf', 'STRING', 'Groups the account is a member of.', 'entitlement'],
    ],
  },
  workday: {
    identityAttribute: 'EMPLOYEE_ID',
    displayAttribute: 'FULL_NAME',
    attributes: [
      ['EMPLOYEE_ID', 'STRING', 'Worker id.'],
      ['FIRST_NAME', 'STRING', 'Given name.'],
      ['LAST_NAME', 'STRING', 'Family name.'],
      ['FULL_NAME', 'STRING', 'Full name.'],
      ['EMAIL_ADDRESS', 'STRING', 'Work email.'],
      ['DEPARTMENT', 'STRING', 'Department.'],
      ['JOB_TITLE', 'STRING', 'Job title.'],
      ['LOCATION', 'STRING', 'Work location.'],
      ['WORKER_STATUS', 'STRING', 'Active, On Leave or Terminated.'],
    ],
  },
  servicenow: {
    identityAttribute: 'sys_id',
    displayAttribute: 'user_name',
    attributes: [
      ['sys_id', 'STRING', 'ServiceNow record id.'],
      ['user_name', 'STRING', 'User id.'],
      ['first_name', 'STRING', 'First name.'],
      ['last_name', 'STRING', 'Last name.'],
      ['email', 'STRING', 'Email.'],
      ['active', 'BOOLEAN', 'Whether the user is active.'],
      ['roles', 'STRING', 'Roles of the user.', 'entitlement'],
    ],
  },
  identitynow: {
    identityAttribute: 'uid',
    displayAttribute: 'displayName',
    attributes: [
      ['uid', 'STRING', 'User name.'],
      ['firstname', 'STRING', 'First name.'],
      ['lastname', 'STRING', 'Last name.'],
      ['displayName', 'STRING', 'Display name.'],
      ['email', 'STRING', 'Email.'],
      ['cloudLifecycleState', 'STRING', 'Lifecycle state.'],
    ],
  },
};

/** The source's schemas, account first; a source whose account schema was withdrawn has none. */
export function schemasOf(source: SandboxSource): Schema[] {
  const template = TEMPLATES[source.kind];
  const schemas: Schema[] = [];
  if (source.accountSchemaId) {
    const attributes = template.attributes.map((definition) => attributeOf(definition, source));
    schemas.push(schemaOf(source, source.accountSchemaId, 'account', 'User', template, attributes));
  }
  if (source.groupSchemaId) {
    const attributes = [attributeOf(['id', 'STRING', 'Group id.'], source), attributeOf(['displayName', 'STRING', 'Group name.'], source)];
    schemas.push(schemaOf(source, source.groupSchemaId, 'group', 'Group', { identityAttribute: 'id', displayAttribute: 'displayName' }, attributes));
  }
  return schemas;
}

function schemaOf(
  source: SandboxSource,
  id: string,
  name: string,
  nativeObjectType: string,
  { identityAttribute, displayAttribute }: Pick<AccountSchemaTemplate, 'identityAttribute' | 'displayAttribute'>,
  attributes: AttributeDefinition[],
): Schema {
  return {
    id,
    name,
    nativeObjectType,
    identityAttribute,
    displayAttribute,
    includePermissions: false,
    features: [],
    configuration: {},
    attributes,
    created: iso(source.created),
    modified: iso(source.modified),
  };
}

/** Entitlement attributes are the multi-valued ones, as on the generated accounts. */
function attributeOf([name, type, description, flag]: Definition, source: SandboxSource): AttributeDefinition {
  const entitlement = flag === 'entitlement';
  const group = entitlement && source.groupSchemaId !== null;
  return {
    name,
    type,
    ...(group && { schema: { type: 'CONNECTOR_SCHEMA', id: source.groupSchemaId ?? '', name: 'group' } }),
    description,
    isMulti: entitlement,
    isEntitlement: entitlement,
    isGroup: group,
  };
}
