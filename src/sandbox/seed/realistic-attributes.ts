// Attribute sets sized like real tenants' (startSandbox({ realisticAccounts: true })). Nothing
// is stored: each account's attributes are derived on demand from a stream seeded by the
// tenant's seed and the account's id, so 100,000 realistic accounts cost no more memory than
// 100,000 compact ones, and the same seed gives the same bytes on every run. The measured sizes
// per source are in ../README.md (test/unit/sandbox.realistic.test.ts keeps them in range).
import type { AccountAttributeMap } from '../../isc/models';
import type { SandboxAccount, SandboxIdentity, SandboxSource } from '../state/records';
import { flatFileAttributes, serviceNowAttributes, workdayAttributes } from './realistic-apps';
import { directoryAttributes, directoryGroupPool } from './realistic-directory';
import { Prng, deriveSeed } from './random';

export class RealisticAttributes {
  private groupPool: string[] | null = null;

  constructor(private readonly seed: number) {}

  /** Null for the IdentityNow source, whose accounts are small on real tenants too. */
  of(account: SandboxAccount, source: SandboxSource, identity: SandboxIdentity | null, entitlementValues: readonly string[]): AccountAttributeMap | null {
    const prng = new Prng(deriveSeed(this.seed, `realistic:${account.id}`));
    switch (source.kind) {
      case 'active-directory':
        this.groupPool ??= directoryGroupPool(this.seed);
        return directoryAttributes(account, prng, this.groupPool, entitlementValues);
      case 'workday':
        return workdayAttributes(account, identity, prng);
      case 'servicenow':
        return serviceNowAttributes(account, prng, entitlementValues);
      case 'flat-file':
        return flatFileAttributes(account, prng, entitlementValues);
      case 'identitynow':
        return null;
    }
  }
}
