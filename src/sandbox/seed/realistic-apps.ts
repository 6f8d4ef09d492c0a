// Realistic attribute sets of the non-directory sources: Workday (fewer attributes than AD but
// long values: organisations, management chain, job history), ServiceNow (sys_* bookkeeping,
// inherited roles, groups) and the contractor flat file (a CSV row of about twenty columns).
import type { AccountAttributeMap } from '../../isc/models';
import type { SandboxAccount, SandboxIdentity } from '../state/records';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, TITLES, asciiFold } from './names';
import { DIVISIONS, JOB_EVENTS, SERVICENOW_BASE_ROLES, SERVICENOW_GROUPS, SITES, TEAMS, VENDORS } from './realistic-words';
import { compact, distinctPicks, glideDateTime, isoDate, skewedCount } from './realistic-formats';
import type { Prng } from './random';
import { DAY, GENERATED_AT } from './generator-parts';

const workerStatus = (identity: SandboxIdentity | null): string =>
  identity?.lifecycleState === 'terminated' ? 'Terminated' : identity?.lifecycleState === 'leave' ? 'On Leave' : 'Active';

const someone = (prng: Prng): string => `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;

export function workdayAttributes(account: SandboxAccount, identity: SandboxIdentity | null, prng: Prng): AccountAttributeMap {
  const { firstName, lastName, department, title, location } = account.persona;
  const site = SITES[location] ?? SITES.Austin;
  const fullName = `${firstName} ${lastName}`;
  const team = prng.pick(TEAMS);
  const managerName = someone(prng);
  const managerId = String(100_000 + prng.int(900_000));
  const costCenter = `CC-${4100 + DEPARTMENTS.indexOf(department) * 100} ${department} ${team} - ${site.region}`;
  const hired = account.created - prng.int(3000) * DAY;
  const history = Array.from({ length: skewedCount(prng, 3, 0.6, 1, 12) }, (_, i) => {
    const when = hired + i * (200 + prng.int(400)) * DAY;
    return `${isoDate(Math.min(when, GENERATED_AT))} ${i === 0 ? 'Hire' : prng.pick(JOB_EVENTS)}: ${prng.pick(TITLES)}, ${prng.pick(DEPARTMENTS)} ${prng.pick(TEAMS)} (${prng.pick(Object.keys(SITES))})`;
  });
  const chain = Array.from({ length: 3 + prng.int(4) }, (_, level) =>
    level === 0 ? `Acme Corporation (${someone(prng)} (100001))` : `${prng.pick(DIVISIONS)} > ${prng.pick(DEPARTMENTS)} ${prng.pick(TEAMS)} (${someone(prng)} (${100_000 + prng.int(900_000)}))`);
  return {
    EMPLOYEE_ID: account.nativeIdentity,
    WORKER_ID: `WID-${account.id.slice(8, 24)}`,
    FIRST_NAME: firstName,
    LAST_NAME: lastName,
    FULL_NAME: fullName,
    LEGAL_NAME: `${firstName} ${prng.chance(0.4) ? `${prng.pick(FIRST_NAMES)} ` : ''}${lastName}`,
    PREFERRED_NAME: fullName,
    EMAIL_ADDRESS: `${asciiFold(firstName)}.${asciiFold(lastName)}@acme-corp.com`,
    DEPARTMENT: department,
    JOB_TITLE: title,
    BUSINESS_TITLE: `${title}, ${department} ${team}`,
    JOB_PROFILE: `JP-${1000 + TITLES.indexOf(title) * 37} ${title} - ${department} (${prng.chance(0.7) ? 'Exempt' : 'Non-Exempt'})`,
    JOB_FAMILY: `${department} - ${team}`,
    MANAGEMENT_LEVEL: /Director|Vice President/.test(title) ? '4 Director' : /Manager|Lead/.test(title) ? '6 Manager' : '7 Individual Contributor',
    COST_CENTER: costCenter,
    COMPANY: `Acme Corporation ${site.c} ${site.c === 'US' ? 'Inc.' : 'GmbH / Ltd. (Local Entity)'}`,
    SUPERVISORY_ORGANIZATION: `${department} ${team} (${managerName} (${managerId}))`,
    MANAGEMENT_CHAIN: chain,
    MANAGER_ID: managerId,
    MANAGER_NAME: managerName,
    LOCATION: location,
    LOCATION_ADDRESS: `${site.street}, ${site.postalCode} ${location}, ${site.state}, ${site.country}`,
    WORK_PHONE: `${site.phone} ${1000 + prng.int(9000)}`,
    TIME_ZONE: site.timeZone,
    HIRE_DATE: isoDate(hired),
    ORIGINAL_HIRE_DATE: isoDate(hired - (prng.chance(0.1) ? prng.int(2000) * DAY : 0)),
    TERMINATION_DATE: identity?.lifecycleState === 'terminated' ? isoDate(account.modified) : null,
    WORKER_TYPE: 'Employee',
    TIME_TYPE: prng.chance(0.92) ? 'Full time' : 'Part time',
    FTE: prng.chance(0.92) ? '100' : '50',
    WORKER_STATUS: workerStatus(identity),
    POSITION_ID: `P-${compact(department).slice(0, 3).toUpperCase()}-${10_000 + prng.int(90_000)}`,
    JOB_HISTORY: history,
    ORGANIZATION_ASSIGNMENTS: [`Company: Acme Corporation ${site.c}`, `Cost Center: ${costCenter}`, `Region: ${site.region}`, `Division: ${prng.pick(DIVISIONS)}`],
  };
}

export function serviceNowAttributes(account: SandboxAccount, prng: Prng, entitlementValues: readonly string[]): AccountAttributeMap {
  const { firstName, lastName, department, title, location, employeeNumber } = account.persona;
  const site = SITES[location] ?? SITES.Austin;
  const updated = account.modified;
  return {
    sys_id: account.nativeIdentity,
    user_name: account.name,
    first_name: firstName,
    last_name: lastName,
    name: `${firstName} ${lastName}`,
    email: `${asciiFold(firstName)}.${asciiFold(lastName)}@acme-corp.com`,
    employee_number: employeeNumber,
    active: !account.disabled,
    locked_out: account.locked,
    title,
    department: `${department} (${prng.hex(32)})`,
    company: `Acme Corporation (${prng.hex(32)})`,
    location: `${location} - ${site.street}`,
    manager: prng.hex(32),
    cost_center: `CC-${4100 + DEPARTMENTS.indexOf(department) * 100}`,
    phone: `${site.phone} ${1000 + prng.int(9000)}`,
    time_zone: site.timeZone.replace(/^.*\(|\)$/g, ''),
    date_format: 'yyyy-MM-dd',
    preferred_language: 'en',
    notification: 'Enable',
    vip: prng.chance(0.02),
    web_service_access_only: false,
    internal_integration_user: false,
    source: `ldap:CN=${firstName} ${lastName},OU=${department},OU=Users,DC=corp,DC=acme,DC=com`,
    ldap_server: 'Acme Corporate LDAP (corp.acme.com)',
    sys_domain: 'global',
    sys_created_on: glideDateTime(account.created),
    sys_created_by: 'ldap.import',
    sys_updated_on: glideDateTime(updated),
    sys_updated_by: prng.chance(0.7) ? 'ldap.import' : 'sailpoint.integration',
    sys_mod_count: String(prng.int(300)),
    last_login_time: glideDateTime(GENERATED_AT - prng.int(45 * DAY)),
    failed_attempts: String(account.locked ? 5 : prng.int(2)),
    roles: [...entitlementValues, ...distinctPicks(prng, SERVICENOW_BASE_ROLES, 3 + prng.int(8))],
    groups: distinctPicks(prng, SERVICENOW_GROUPS, 1 + prng.int(4)),
  };
}

export function flatFileAttributes(account: SandboxAccount, prng: Prng, entitlementValues: readonly string[]): AccountAttributeMap {
  const { firstName, lastName, department, title, location } = account.persona;
  const site = SITES[location] ?? SITES.Austin;
  const start = account.created - prng.int(400) * DAY;
  const sponsor = someone(prng);
  return {
    id: account.nativeIdentity,
    userName: account.name,
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`,
    email: `${asciiFold(firstName)}.${asciiFold(lastName)}@acme-corp.com`,
    department,
    title,
    location,
    employeeNumber: account.nativeIdentity,
    company: prng.pick(VENDORS),
    contractStart: isoDate(start),
    contractEnd: isoDate(start + (180 + prng.int(540)) * DAY),
    sponsor,
    sponsorEmail: `${asciiFold(sponsor).toLowerCase().replace(' ', '.')}@acme-corp.com`,
    costCenter: `CC-${4100 + DEPARTMENTS.indexOf(department) * 100}`,
    phone: `${site.phone} ${1000 + prng.int(9000)}`,
    status: account.disabled ? 'inactive' : 'active',
    lastReviewed: isoDate(GENERATED_AT - prng.int(180) * DAY),
    groups: [...entitlementValues],
  };
}
