// Accounts per source kind: a flat file of contractors, the big Active Directory (one main
// account per identity, then numbered admin accounts, plus uncorrelated and service accounts),
// ServiceNow users, and one Workday/IdentityNow account per identity.
import type { SandboxAccount, SandboxIdentity, SandboxSource } from '../state/records';
import { SERVICE_ACCOUNT_PURPOSES, asciiFold } from './names';
import { Prng, deriveSeed, flatJoin } from './random';
import { NO_ENTITLEMENTS, UniqueNames, makeAccount, personaOf, pickSome, randomPersona, shuffled } from './generator-parts';
import type { AccountDraft } from './generator-parts';

export function generateFlatFileAccounts(
  seed: number,
  source: SandboxSource,
  identities: readonly SandboxIdentity[],
  groupIds: readonly string[],
  count: number,
  out: SandboxAccount[],
): void {
  const prng = new Prng(deriveSeed(seed, 'accounts:flat-file'));
  const people = shuffled(prng, identities);
  const userNames = new UniqueNames();
  for (let i = 0; i < count; i++) {
    const employeeNumber = `C${10_000 + i}`;
    const identity = i < people.length && !prng.chance(0.05) ? people[i] : null;
    const persona = identity ? personaOf(identity) : randomPersona(prng, employeeNumber);
    const name = userNames.claim(`${asciiFold(persona.firstName)}.${asciiFold(persona.lastName)}`, '');
    const entitlementIds = pickSome(prng, groupIds, 1, 3, 0.1);
    out.push(makeAccount(prng, source, { name, nativeIdentity: employeeNumber, identity, persona, entitlementIds }, true));
  }
}

export function generateDirectoryAccounts(
  seed: number,
  source: SandboxSource,
  identities: readonly SandboxIdentity[],
  groupIds: readonly string[],
  count: number,
  out: SandboxAccount[],
): void {
  const prng = new Prng(deriveSeed(seed, 'accounts:active-directory'));
  // Each identity's sAMAccountName base is made unique once; its extra accounts get an
  // `aN-` prefix, so only the few uncorrelated and service accounts need a uniqueness check.
  const samNames = new UniqueNames();
  const people = identities.map((identity) => {
    const base = asciiFold(identity.firstName).slice(0, 1) + asciiFold(identity.lastName);
    const sam = samNames.claim(base, '');
    return { identity, persona: personaOf(identity), sam, suffix: numberSuffix(sam, base) };
  });
  const domainUsers = groupIds[0];
  const otherGroups = groupIds.slice(1);
  const n = identities.length;
  for (let i = 0; i < count; i++) {
    const roll = prng.float();
    let draft: AccountDraft;
    if (roll < 0.06 || n === 0) {
      const service = roll < 0.01;
      const purpose = service ? prng.pick(SERVICE_ACCOUNT_PURPOSES) : '';
      const persona = service
        ? { ...randomPersona(prng, ''), firstName: 'Service', lastName: purpose, department: 'IT Operations', title: 'Service Account' }
        : randomPersona(prng, String(900_000 + i));
      const base = service ? `svc-${purpose}` : asciiFold(persona.firstName).slice(0, 1) + asciiFold(persona.lastName);
      const sam = samNames.claim(base, service ? '-' : '');
      const ou = service ? 'OU=Service Accounts' : `OU=${persona.department},OU=Users`;
      const cn = service ? `Service ${purpose}` : `${persona.firstName} ${persona.lastName}`;
      draft = { name: sam, nativeIdentity: distinguishedName(cn, numberSuffix(sam, base), ou), identity: null, persona, entitlementIds: NO_ENTITLEMENTS, systemAccount: service };
    } else {
      const person = people[i % n];
      const variant = Math.floor(i / n);
      const { persona } = person;
      const cn = variant > 0 ? `${persona.firstName} ${persona.lastName} (admin ${variant})` : `${persona.firstName} ${persona.lastName}`;
      draft = {
        name: variant > 0 ? `a${variant}-${person.sam}` : person.sam,
        nativeIdentity: distinguishedName(cn, person.suffix, `OU=${persona.department},OU=Users`),
        identity: person.identity,
        persona,
        variant,
        entitlementIds: NO_ENTITLEMENTS,
      };
    }
    draft.entitlementIds = prng.chance(0.1) ? NO_ENTITLEMENTS : pickSome(prng, otherGroups, 0, 4, 0.3, domainUsers);
    out.push(makeAccount(prng, source, draft, true));
  }
}

/** `jmuller2` from base `jmuller` → ` 2`, so the CN stays unique too. */
function numberSuffix(name: string, base: string): string {
  const extra = name.slice(base.length).replace(/^-/, '');
  return extra ? ` ${extra}` : '';
}

function distinguishedName(cn: string, suffix: string, ou: string): string {
  return flatJoin(['CN=', cn, suffix, ',', ou, ',DC=corp,DC=acme,DC=com']);
}

export function generateServiceNowAccounts(
  seed: number,
  source: SandboxSource,
  identities: readonly SandboxIdentity[],
  roleIds: readonly string[],
  count: number,
  out: SandboxAccount[],
): void {
  const prng = new Prng(deriveSeed(seed, 'accounts:servicenow'));
  const people = shuffled(prng, identities);
  const userNames = new UniqueNames();
  for (let i = 0; i < count; i++) {
    const identity = i < people.length && !prng.chance(0.05) ? people[i] : null;
    const persona = identity ? personaOf(identity) : randomPersona(prng, String(800_000 + i));
    const name = userNames.claim(`${asciiFold(persona.firstName)}.${asciiFold(persona.lastName)}`, '');
    const entitlementIds = pickSome(prng, roleIds, 1, 3, 0.2);
    out.push(makeAccount(prng, source, { name, nativeIdentity: prng.hex(32), identity, persona, entitlementIds }, true));
  }
}

/** Workday and IdentityNow: exactly one account per identity, always correlated. */
export function generateOnePerIdentity(
  seed: number,
  source: SandboxSource,
  identities: readonly SandboxIdentity[],
  nativeIdentityOf: (identity: SandboxIdentity) => string,
  out: SandboxAccount[],
): void {
  const prng = new Prng(deriveSeed(seed, `accounts:${source.kind}`));
  const isIdn = source.kind === 'identitynow';
  for (const identity of identities) {
    const draft: AccountDraft = {
      name: isIdn ? identity.alias : identity.name,
      nativeIdentity: nativeIdentityOf(identity),
      identity,
      persona: personaOf(identity),
      entitlementIds: NO_ENTITLEMENTS,
      disabled: isIdn && identity.identityState === 'INACTIVE_LONG_TERM',
      locked: false,
    };
    out.push(makeAccount(prng, source, draft, false));
  }
}
