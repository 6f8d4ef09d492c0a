// Active Directory accounts as a real tenant aggregates them: 50–70 attributes, Exchange
// addresses, and `memberOf` with dozens of long group DNs. The account's entitlements come first
// in `memberOf`; the other groups lie outside the source's group search scope, so they are not
// entitlements (as on tenants whose group aggregation is scoped to some OUs).
import type { AccountAttributeMap } from '../../isc/models';
import type { SandboxAccount } from '../state/records';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, LOCATIONS, TITLES, asciiFold } from './names';
import { ACCESS_LEVELS, APPLICATIONS, APP_FUNCTIONS, DIVISIONS, GROUP_KINDS, REGIONS, SITES, TEAMS } from './realistic-words';
import { compact, distinctPicks, fileTime, generalizedTime, guid, skewedCount } from './realistic-formats';
import { Prng, deriveSeed } from './random';
import { DAY, GENERATED_AT } from './generator-parts';

const DOMAIN = 'DC=corp,DC=acme,DC=com';
const GROUP_POOL_SIZE = 1200;
const NEVER_EXPIRES = '9223372036854775807';
const EXCHANGE_ORG = '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients';
const ADDRESS_BOOKS = [
  `CN=Default Global Address List,CN=All Global Address Lists,CN=Address Lists Container,CN=Acme Corp,CN=Microsoft Exchange,CN=Services,CN=Configuration,${DOMAIN}`,
  `CN=All Users,CN=All Address Lists,CN=Address Lists Container,CN=Acme Corp,CN=Microsoft Exchange,CN=Services,CN=Configuration,${DOMAIN}`,
  `CN=All Recipients(VLV),CN=All System Address Lists,CN=Address Lists Container,CN=Acme Corp,CN=Microsoft Exchange,CN=Services,CN=Configuration,${DOMAIN}`,
  `CN=Mailboxes(VLV),CN=All System Address Lists,CN=Address Lists Container,CN=Acme Corp,CN=Microsoft Exchange,CN=Services,CN=Configuration,${DOMAIN}`,
];

/** Group DNs a tenant's accounts are members of besides their entitlements; one pool per seed. */
export function directoryGroupPool(seed: number): string[] {
  const prng = new Prng(deriveSeed(seed, 'realistic:ad-groups'));
  const names = new Set<string>();
  while (names.size < GROUP_POOL_SIZE) {
    const [prefix, ou] = prng.pick(GROUP_KINDS);
    const department = compact(prng.pick(DEPARTMENTS));
    let cn: string;
    switch (prefix) {
      case 'APP': cn = `APP-${prng.pick(APPLICATIONS)}-${prng.pick(APP_FUNCTIONS)}-${prng.pick(ACCESS_LEVELS)}`; break;
      case 'SG': cn = `SG-${department}-${compact(prng.pick(TEAMS))}-${prng.pick(ACCESS_LEVELS)}`; break;
      case 'DL': cn = `DL ${prng.pick(DEPARTMENTS)} ${prng.pick(LOCATIONS)} All Staff`; break;
      case 'FS': cn = `FS-${department}-${compact(prng.pick(TEAMS))}-${prng.chance(0.5) ? 'RW' : 'RO'}`; break;
      case 'SP': cn = `SP-${prng.pick(DEPARTMENTS)} ${prng.pick(TEAMS)} Site-${prng.pick(['Members', 'Visitors', 'Owners'])}`; break;
      case 'O365': cn = `O365-${prng.pick(['E3', 'E5', 'F3'])}-${prng.pick(['Exchange', 'Teams', 'PowerBI Pro', 'Visio', 'Project', 'Copilot'])}-Licensed`; break;
      case 'VPN': cn = `VPN-${prng.pick(REGIONS)}-${prng.pick(['Standard', 'Privileged', 'Contractor', 'AlwaysOn'])}`; break;
      default: cn = `ROLE-${department}-${compact(prng.pick(TITLES))}`;
    }
    names.add(`CN=${cn},${ou},${DOMAIN}`);
  }
  return [...names];
}

export function directoryAttributes(
  account: SandboxAccount,
  prng: Prng,
  groupPool: readonly string[],
  entitlementValues: readonly string[],
): AccountAttributeMap {
  const { firstName, lastName, department, title, location, employeeNumber } = account.persona;
  const human = !account.systemAccount;
  const main = human && account.variant === 0;
  const sam = account.name;
  const dn = account.nativeIdentity;
  const cn = dn.slice(3, dn.indexOf(',OU='));
  const site = SITES[location] ?? SITES.Austin;
  const email = `${asciiFold(firstName)}.${asciiFold(lastName)}@acme-corp.com`;
  const objectGuid = guid(prng);
  const rid = 1100 + prng.int(400_000);
  const groupCount = human ? skewedCount(prng, main ? 40 : 25, 0.55, 8, 160) : skewedCount(prng, 6, 0.5, 2, 20);
  const pwdLastSet = account.modified - prng.int(90) * DAY;
  const lastLogon = GENERATED_AT - prng.int(30 * DAY);
  const manager = `CN=${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)},OU=${department},OU=Users,${DOMAIN}`;
  const uacBase = account.systemAccount ? 66048 : 512;
  const attributes: AccountAttributeMap = {
    objectClass: ['top', 'person', 'organizationalPerson', 'user'],
    objectCategory: `CN=Person,CN=Schema,CN=Configuration,${DOMAIN}`,
    distinguishedName: dn,
    cn,
    name: cn,
    displayName: cn,
    givenName: human ? firstName : null,
    sn: human ? lastName : null,
    initials: human ? firstName.slice(0, 1) : null,
    sAMAccountName: sam,
    userPrincipalName: `${sam}@corp.acme.com`,
    description: human ? `${title}, ${department} (${location})` : `Service account for ${lastName}; owner: IT Operations; do not disable without a change request`,
    objectguid: objectGuid,
    objectSid: `S-1-5-21-3623811015-3361044348-30300820-${rid}`,
    primaryGroupID: '513',
    userAccountControl: String(uacBase + (account.disabled ? 2 : 0)),
    accountExpires: NEVER_EXPIRES,
    pwdLastSet: fileTime(pwdLastSet),
    'msDS-UserPasswordExpiryTimeComputed': account.systemAccount ? NEVER_EXPIRES : fileTime(pwdLastSet + 90 * DAY),
    lastLogon: fileTime(lastLogon),
    lastLogonTimestamp: fileTime(lastLogon - prng.int(7 * DAY)),
    badPasswordTime: fileTime(lastLogon - prng.int(60 * DAY)),
    badPwdCount: String(account.locked ? 5 : prng.int(3)),
    lockoutTime: account.locked ? fileTime(GENERATED_AT - prng.int(DAY)) : '0',
    logonCount: String(prng.int(4000)),
    whenCreated: generalizedTime(account.created),
    whenChanged: generalizedTime(account.modified),
    uSNCreated: String(20_000 + prng.int(9_000_000)),
    uSNChanged: String(9_000_000 + prng.int(9_000_000)),
    dSCorePropagationData: Array.from({ length: 2 + prng.int(4) }, () => generalizedTime(account.created + prng.int(600) * DAY)),
    department,
    title,
    company: 'Acme Corporation',
    division: prng.pick(DIVISIONS),
    employeeID: human ? employeeNumber : null,
    employeeNumber: human ? employeeNumber : null,
    employeeType: human ? (account.variant > 0 ? 'Privileged' : 'Employee') : 'Service',
    manager: human ? manager : null,
    physicalDeliveryOfficeName: human ? location : null,
    streetAddress: site.street,
    l: location,
    st: site.state,
    postalCode: site.postalCode,
    co: site.country,
    c: site.c,
    countryCode: site.countryCode,
    telephoneNumber: human ? `${site.phone} ${1000 + prng.int(9000)}` : null,
    mobile: main ? `${site.phone.slice(0, 4)} ${prng.int(900) + 100} ${prng.int(9000) + 1000} ${prng.int(900) + 100}` : null,
    ipPhone: main ? String(40_000 + prng.int(10_000)) : null,
    homeDirectory: main ? `\\\\fs0${1 + prng.int(4)}.corp.acme.com\\home$\\${sam}` : null,
    homeDrive: main ? 'H:' : null,
    scriptPath: human ? 'logon.cmd' : null,
    profilePath: main ? `\\\\fs01.corp.acme.com\\profiles$\\${sam}` : null,
    extensionAttribute1: `CC-${4100 + DEPARTMENTS.indexOf(department) * 100}`,
    extensionAttribute2: site.region,
    extensionAttribute10: human ? `WD-${employeeNumber}` : null,
    'msDS-SupportedEncryptionTypes': account.systemAccount ? '24' : '0',
    msNPAllowDialin: prng.chance(0.2) ? 'TRUE' : null,
    memberOf: [...entitlementValues, ...distinctPicks(prng, groupPool, groupCount)],
  };
  if (main) Object.assign(attributes, exchangeAttributes(sam, email, objectGuid, prng));
  if (account.systemAccount) {
    attributes.servicePrincipalName = [`MSSQLSvc/sql0${1 + prng.int(6)}.corp.acme.com:1433`, `HTTP/${lastName.toLowerCase()}.corp.acme.com`, `HOST/${sam}.corp.acme.com`];
  }
  return attributes;
}

function exchangeAttributes(sam: string, email: string, objectGuid: string, prng: Prng): AccountAttributeMap {
  const recipient = `${EXCHANGE_ORG}/cn=${objectGuid.replace(/-/g, '')}-${sam}`;
  return {
    mail: email,
    mailNickname: sam,
    proxyAddresses: [
      `SMTP:${email}`,
      `smtp:${sam}@acme-corp.com`,
      `smtp:${sam}@acmecorp.mail.onmicrosoft.com`,
      `sip:${email}`,
      `X500:${recipient}`,
      `X500:/o=Acme Corp/ou=First Administrative Group/cn=Recipients/cn=${sam}${prng.hex(8)}`,
    ],
    targetAddress: `SMTP:${sam}@acmecorp.mail.onmicrosoft.com`,
    legacyExchangeDN: recipient,
    msExchMailboxGuid: guid(prng),
    msExchRecipientTypeDetails: '2147483648',
    msExchRemoteRecipientType: '4',
    msExchVersion: '88218628259840',
    msExchPoliciesIncluded: [guid(prng), `{${guid(prng)}}`],
    showInAddressBook: [...ADDRESS_BOOKS],
  };
}
