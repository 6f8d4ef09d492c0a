// Deterministic tenant data: same options, same tenant, byte for byte. Pure: no clock, no I/O.
// Each source draws from its own seeded stream, so changing the size of the big source does
// not change the flat-file source or the identities.
import type { SandboxAccount, SandboxEntitlement, SandboxIdentity, SandboxSource } from '../state/records';
import { Prng, deriveSeed, iscId } from './random';
import { buildSources } from './generator-sources';
import { generateDirectoryAccounts, generateFlatFileAccounts, generateOnePerIdentity, generateServiceNowAccounts } from './generator-accounts';
import { DAY, GENERATED_AT, UniqueNames } from './generator-parts';
import {
  AD_GROUPS,
  DEPARTMENTS,
  FIRST_NAMES,
  FIXED_PERSONAS,
  FLAT_FILE_GROUPS,
  LAST_NAMES,
  LOCATIONS,
  PRIVILEGED_AD_GROUPS,
  SERVICENOW_ROLES,
  TITLES,
  asciiFold,
} from './names';

export { GENERATED_AT } from './generator-parts';

export interface GeneratorOptions {
  seed: number;
  identities: number;
  largeSourceAccounts: number;
  flatFileAccounts?: number;
  serviceNowAccounts?: number;
}

export interface GeneratedTenant {
  sources: SandboxSource[];
  identities: SandboxIdentity[];
  accounts: SandboxAccount[];
  entitlements: SandboxEntitlement[];
}

export const MAX_LARGE_SOURCE_ACCOUNTS = 100_000;

export function generateTenantData(options: GeneratorOptions): GeneratedTenant {
  const { seed } = options;
  checkCount('identities', options.identities, 100_000);
  checkCount('largeSourceAccounts', options.largeSourceAccounts, MAX_LARGE_SOURCE_ACCOUNTS);
  const identities = generateIdentities(seed, options.identities);
  const sources = buildSources(new Prng(deriveSeed(seed, 'sources')), identities[0] ?? null, GENERATED_AT);
  const [flatFile, activeDirectory, workday, serviceNow, identityNow] = sources;
  const entitlements = [
    ...generateEntitlements(seed, flatFile, FLAT_FILE_GROUPS, (g) => g),
    ...generateEntitlements(seed, activeDirectory, AD_GROUPS, (g) => `CN=${g},OU=Groups,DC=corp,DC=acme,DC=com`),
    ...generateEntitlements(seed, serviceNow, SERVICENOW_ROLES, (g) => g),
  ];
  const idsOf = (source: SandboxSource): string[] =>
    entitlements.filter((e) => e.sourceId === source.id).map((e) => e.id);
  const accounts: SandboxAccount[] = [];
  generateFlatFileAccounts(seed, flatFile, identities, idsOf(flatFile), options.flatFileAccounts ?? 200, accounts);
  generateDirectoryAccounts(seed, activeDirectory, identities, idsOf(activeDirectory), options.largeSourceAccounts, accounts);
  generateOnePerIdentity(seed, workday, identities, (identity) => identity.employeeNumber, accounts);
  generateServiceNowAccounts(seed, serviceNow, identities, idsOf(serviceNow), options.serviceNowAccounts ?? 150, accounts);
  generateOnePerIdentity(seed, identityNow, identities, (identity) => identity.alias, accounts);
  return { sources, identities, accounts, entitlements };
}

function checkCount(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer between 0 and ${max}, got ${value}`);
  }
}

function generateIdentities(seed: number, count: number): SandboxIdentity[] {
  const prng = new Prng(deriveSeed(seed, 'identities'));
  const aliases = new UniqueNames();
  const identities: SandboxIdentity[] = [];
  for (let i = 0; i < count; i++) {
    const [firstName, lastName] = i < FIXED_PERSONAS.length ? FIXED_PERSONAS[i] : [prng.pick(FIRST_NAMES), prng.pick(LAST_NAMES)];
    const alias = aliases.claim(`${asciiFold(firstName)}.${asciiFold(lastName)}`, '');
    const roll = prng.float();
    const identityState = roll < 0.94 ? 'ACTIVE' : roll < 0.96 ? 'INACTIVE_SHORT_TERM' : 'INACTIVE_LONG_TERM';
    identities.push({
      id: iscId(prng),
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      alias,
      email: `${alias}@acme-corp.com`,
      department: prng.pick(DEPARTMENTS),
      title: prng.pick(TITLES),
      location: prng.pick(LOCATIONS),
      employeeNumber: String(100_000 + i),
      identityState,
      lifecycleState: identityState === 'ACTIVE' ? 'active' : identityState === 'INACTIVE_SHORT_TERM' ? 'leave' : 'terminated',
      created: GENERATED_AT - (400 + prng.int(900)) * DAY,
    });
  }
  return identities;
}

function generateEntitlements(
  seed: number,
  source: SandboxSource,
  names: readonly string[],
  valueOf: (name: string) => string,
): SandboxEntitlement[] {
  const prng = new Prng(deriveSeed(seed, `entitlements:${source.kind}`));
  return names.map((name) => {
    const created = source.created + prng.int(30) * DAY;
    return {
      id: iscId(prng),
      sourceId: source.id,
      name,
      attribute: source.entitlementAttribute ?? 'groups',
      value: valueOf(name),
      description: `${name} on ${source.name}`,
      type: source.kind === 'servicenow' ? 'role' : 'group',
      privileged: PRIVILEGED_AD_GROUPS.has(name) || name === 'admin' || name === 'security_admin',
      requestable: prng.chance(0.7),
      created,
      modified: created + prng.int(200) * DAY,
    };
  });
}
