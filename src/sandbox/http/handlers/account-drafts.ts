// How the sandbox turns written attributes into account fields: which attribute names the
// native identity and display name come from, which identity a new account correlates to, and
// which entitlements a flat file's `groups` column grants.
import type { AccountAttributeMap, AttributeValue } from '../../../isc/models';
import { badRequest } from '../errors';
import type { Persona, SandboxIdentity, SandboxSource } from '../../state/records';
import type { SandboxTenant } from '../../state/tenant';

/** First present wins: what ISC's schema would call the account's identity attribute. */
export const NATIVE_IDENTITY_ATTRIBUTES = ['nativeIdentity', 'id', 'employeeNumber', 'userName', 'sAMAccountName', 'user_name', 'uid', 'name', 'email', 'mail'];
/** First present wins: the account's display attribute; else the native identity. */
export const NAME_ATTRIBUTES = ['name', 'userName', 'sAMAccountName', 'user_name', 'uid', 'displayName'];

export function firstText(attributes: AccountAttributeMap, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = attributes[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** Names that would reach Object.prototype (or look as if they did) in a plain object. */
export const RESERVED_ATTRIBUTE_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** A 400 naming the attribute when its name is reserved. */
export function checkAttributeName(name: string, where: string): void {
  if (RESERVED_ATTRIBUTE_NAMES.includes(name)) {
    throw badRequest(`${where}: the attribute name "${name}" is not allowed (${RESERVED_ATTRIBUTE_NAMES.join(', ')} are reserved).`);
  }
}

/** A copy with no prototype: no attribute name can reach Object.prototype through it. */
export function attributeMapCopy(...sources: AccountAttributeMap[]): AccountAttributeMap {
  return Object.assign(Object.create(null) as AccountAttributeMap, ...sources.map((source) => structuredClone(source)));
}

/** JSON from the wire is an AttributeValue tree unless it holds something JSON cannot. */
export function toAttributeMap(value: Record<string, unknown>, label: string): AccountAttributeMap {
  for (const [name, item] of Object.entries(value)) {
    checkAttributeName(name, label);
    if (item === undefined) throw badRequest(`${label}.${name} has no value.`);
  }
  return attributeMapCopy(value as Record<string, AttributeValue>);
}

/** Correlation the way a simple identity profile does it: user name or email. */
export function correlate(tenant: SandboxTenant, attributes: AccountAttributeMap): SandboxIdentity | null {
  const userName = firstText(attributes, ['userName', 'uid', 'user_name', 'sAMAccountName', 'name'])?.toLowerCase();
  const email = firstText(attributes, ['email', 'mail'])?.toLowerCase();
  if (!userName && !email) return null;
  return tenant.identities().find((i) => i.alias === userName || i.email.toLowerCase() === email) ?? null;
}

export function personaFromAttributes(attributes: AccountAttributeMap, nativeIdentity: string): Persona {
  const text = (...names: string[]) => firstText(attributes, names) ?? '';
  return {
    firstName: text('firstName', 'givenName', 'first_name', 'FIRST_NAME', 'firstname'),
    lastName: text('lastName', 'sn', 'last_name', 'LAST_NAME', 'lastname') || nativeIdentity,
    department: text('department', 'DEPARTMENT'),
    title: text('title', 'JOB_TITLE'),
    location: text('location', 'LOCATION'),
    employeeNumber: text('employeeNumber', 'employeeID', 'EMPLOYEE_ID'),
  };
}

/** The source's entitlements named by its entitlement attribute (e.g. a flat file's
 * `groups`); values that match no entitlement are kept as attributes only. */
export function entitlementIdsFromAttributes(tenant: SandboxTenant, source: SandboxSource, attributes: AccountAttributeMap): string[] {
  if (!source.entitlementAttribute) return [];
  const raw = attributes[source.entitlementAttribute];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
  return tenant
    .entitlementsOfSource(source.id)
    .filter((e) => values.includes(e.value.toLowerCase()))
    .map((e) => e.id);
}
