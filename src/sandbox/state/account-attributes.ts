// Account attributes as each connector would aggregate them. Generated accounts do not store
// them: they are derived on demand from the account's persona and entitlements, so 100k
// accounts cost a few fields each. An account's stored attributes (after create/PUT/PATCH)
// always win. A realistic tenant derives real-sized sets instead (seed/realistic-attributes.ts).
import type { AccountAttributeMap } from '../../isc/models';
import type { SandboxAccount, SandboxIdentity, SandboxSource } from './records';
import { asciiFold } from '../seed/names';
import type { RealisticAttributes } from '../seed/realistic-attributes';

export interface AttributeContext {
  source: SandboxSource;
  identity: SandboxIdentity | null;
  /** Values (e.g. group DNs) of the account's entitlements, in the account's order. */
  entitlementValues: string[];
  /** Set on a tenant started with `realisticAccounts`. */
  realistic: RealisticAttributes | null;
}

export function accountAttributes(account: SandboxAccount, context: AttributeContext): AccountAttributeMap {
  if (account.storedAttributes) return account.storedAttributes;
  const { realistic, source, identity, entitlementValues } = context;
  return realistic?.of(account, source, identity, entitlementValues) ?? derivedAttributes(account, context);
}

function derivedAttributes(account: SandboxAccount, { source, identity, entitlementValues }: AttributeContext): AccountAttributeMap {
  const { firstName, lastName, department, title, location, employeeNumber } = account.persona;
  const displayName = `${firstName} ${lastName}`;
  const email = `${asciiFold(firstName)}.${asciiFold(lastName)}@acme-corp.com`;
  switch (source.kind) {
    case 'flat-file':
      return {
        id: account.nativeIdentity,
        userName: account.name,
        firstName,
        lastName,
        displayName,
        email,
        department,
        title,
        location,
        employeeNumber: account.nativeIdentity,
        groups: entitlementValues,
      };
    case 'active-directory': {
      const human = !account.systemAccount;
      const cn = account.nativeIdentity.slice(3, account.nativeIdentity.indexOf(',OU='));
      return {
        sAMAccountName: account.name,
        distinguishedName: account.nativeIdentity,
        cn,
        displayName: cn,
        givenName: human ? firstName : null,
        sn: human ? lastName : null,
        mail: human && account.variant === 0 ? email : null,
        userPrincipalName: `${account.name}@corp.acme.com`,
        department,
        title,
        physicalDeliveryOfficeName: human ? location : null,
        employeeID: human ? employeeNumber : null,
        objectguid: accountUuid(account, source),
        memberOf: entitlementValues,
      };
    }
    case 'workday':
      return {
        EMPLOYEE_ID: account.nativeIdentity,
        FIRST_NAME: firstName,
        LAST_NAME: lastName,
        FULL_NAME: displayName,
        EMAIL_ADDRESS: email,
        DEPARTMENT: department,
        JOB_TITLE: title,
        LOCATION: location,
        WORKER_STATUS: identity?.lifecycleState === 'terminated' ? 'Terminated' : identity?.lifecycleState === 'leave' ? 'On Leave' : 'Active',
      };
    case 'servicenow':
      return {
        sys_id: account.nativeIdentity,
        user_name: account.name,
        first_name: firstName,
        last_name: lastName,
        email,
        active: !account.disabled,
        roles: entitlementValues,
      };
    case 'identitynow':
      return {
        uid: account.name,
        firstname: firstName,
        lastname: lastName,
        displayName,
        email,
        cloudLifecycleState: identity?.lifecycleState ?? null,
      };
  }
}

/** AD objectGUID, derived from the account id so it costs nothing to store. */
export function accountUuid(account: SandboxAccount, source: SandboxSource): string | null {
  if (source.kind !== 'active-directory') return null;
  const hex = account.id.slice(6) + account.id.slice(0, 6);
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}
