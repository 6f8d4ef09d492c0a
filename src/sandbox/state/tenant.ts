// The sandbox tenant's state: what the HTTP handlers read and change, and what tests and the
// bench inspect directly. Every change to an account, identity or source goes through here so
// indexes, list caches, the rendered-JSON cache and `modified` stay right: change records with
// the update* methods, never by assigning to the objects the getters return.
import type { AccountAttributeMap } from '../../isc/models';
import { AccountJsonCache } from './account-json-cache';
import { AccountStore } from './account-store';
import { accountAttributes } from './account-attributes';
import type { GeneratedTenant } from '../seed/generator';
import { ChangeLedger } from './ledger';
import type {
  AppliedAction,
  AppliedActionKind,
  SandboxAccount,
  SandboxEntitlement,
  SandboxIdentity,
  SandboxSource,
  SandboxTask,
} from './records';
import { Prng, deriveSeed, iscId } from '../seed/random';
import { RealisticAttributes } from '../seed/realistic-attributes';

/** What tests (and the API handlers) may change on an account. */
export type AccountChanges = Partial<
  Pick<
    SandboxAccount,
    | 'name'
    | 'nativeIdentity'
    | 'identityId'
    | 'manuallyCorrelated'
    | 'disabled'
    | 'locked'
    | 'systemAccount'
    | 'entitlementIds'
    | 'storedAttributes'
    | 'modified'
  >
>;

/** What tests may change on an identity (what account JSON joins from it). */
export type IdentityChanges = Partial<Pick<SandboxIdentity, 'name' | 'identityState' | 'lifecycleState'>>;

/** What tests may change on a source; `modified` becomes now unless given. */
export type SourceChanges = Partial<
  Pick<SandboxSource, 'name' | 'description' | 'authoritative' | 'connectionType' | 'features' | 'owner' | 'modified' | 'accountSchemaId'>
>;

export class SandboxTenant {
  private readonly sourceList: SandboxSource[];
  private readonly sourceMap: Map<string, SandboxSource>;
  private readonly identityList: SandboxIdentity[];
  private readonly identityMap: Map<string, SandboxIdentity>;
  private readonly entitlementList: SandboxEntitlement[];
  private readonly entitlementMap: Map<string, SandboxEntitlement>;
  private readonly store: AccountStore;
  private readonly taskMap = new Map<string, SandboxTask>();
  /** Every change request received, and what became of it. */
  readonly changeLedger = new ChangeLedger();
  private readonly idPrng: Prng;
  /** Each account's JSON text, dropped whenever the account, its identity or source changes. */
  readonly accountJson: AccountJsonCache = new AccountJsonCache(this);
  /** Real-sized attribute sets, derived per account; null: the compact sets. */
  private readonly realistic: RealisticAttributes | null;

  constructor(data: GeneratedTenant, seed: number, options: { realisticAccounts?: boolean } = {}) {
    this.sourceList = data.sources;
    this.sourceMap = new Map(data.sources.map((s) => [s.id, s]));
    this.identityList = data.identities;
    this.identityMap = new Map(data.identities.map((i) => [i.id, i]));
    this.entitlementList = data.entitlements;
    this.entitlementMap = new Map(data.entitlements.map((e) => [e.id, e]));
    this.store = new AccountStore(data.accounts);
    this.idPrng = new Prng(deriveSeed(seed, 'runtime-ids'));
    this.realistic = options.realisticAccounts ? new RealisticAttributes(seed) : null;
  }

  // Sources

  sources(): readonly SandboxSource[] {
    return this.sourceList;
  }

  source(id: string): SandboxSource | undefined {
    return this.sourceMap.get(id);
  }

  /** Changes a source; its accounts' JSON and the list caches that involve it are dropped. */
  updateSource(id: string, changes: SourceChanges): SandboxSource {
    const source = this.sourceMap.get(id);
    if (!source) throw new Error(`source ${id} does not exist`);
    Object.assign(source, changes);
    if (changes.modified === undefined) source.modified = Date.now();
    for (const account of this.store.ofSource(id)) this.accountJson.forget(account);
    this.store.touch(id);
    return source;
  }

  findSource(predicate: (source: SandboxSource) => boolean): SandboxSource | undefined {
    return this.sourceList.find(predicate);
  }

  /** The DelimitedFile source (about 200 accounts). */
  flatFileSource(): SandboxSource {
    return this.requireSource((s) => s.type === 'DelimitedFile', 'flat-file');
  }

  /** The direct-connect Active Directory source with `largeSourceAccounts` accounts. */
  largeSource(): SandboxSource {
    return this.requireSource((s) => s.kind === 'active-directory', 'large');
  }

  /** Workday HR: authoritative, one account per identity. */
  authoritativeSource(): SandboxSource {
    return this.requireSource((s) => s.authoritative, 'authoritative');
  }

  /** The IdentityNow source whose accounts /identities-accounts toggles. */
  identityNowSource(): SandboxSource {
    return this.requireSource((s) => s.kind === 'identitynow', 'IdentityNow');
  }

  // Identities and entitlements

  identities(): readonly SandboxIdentity[] {
    return this.identityList;
  }

  identity(id: string): SandboxIdentity | undefined {
    return this.identityMap.get(id);
  }

  /** Changes an identity; the JSON of its accounts and the list caches of their sources are
   * dropped (accounts join its name and states). */
  updateIdentity(id: string, changes: IdentityChanges): SandboxIdentity {
    const identity = this.identityMap.get(id);
    if (!identity) throw new Error(`identity ${id} does not exist`);
    Object.assign(identity, changes);
    const accounts = this.store.ofIdentity(id);
    for (const account of accounts) this.accountJson.forget(account);
    for (const sourceId of new Set(accounts.map((a) => a.sourceId))) this.store.touch(sourceId);
    return identity;
  }

  entitlements(): readonly SandboxEntitlement[] {
    return this.entitlementList;
  }

  entitlement(id: string): SandboxEntitlement | undefined {
    return this.entitlementMap.get(id);
  }

  entitlementsOfSource(sourceId: string): SandboxEntitlement[] {
    return this.entitlementList.filter((e) => e.sourceId === sourceId);
  }

  /** Adds an entitlement to its source (tests give an account more than one page of them). */
  addEntitlement(entitlement: SandboxEntitlement): SandboxEntitlement {
    if (!this.sourceMap.has(entitlement.sourceId)) throw new Error(`source ${entitlement.sourceId} does not exist`);
    if (this.entitlementMap.has(entitlement.id)) throw new Error(`entitlement ${entitlement.id} already exists`);
    this.entitlementList.push(entitlement);
    this.entitlementMap.set(entitlement.id, entitlement);
    return entitlement;
  }

  // Accounts

  get accountCount(): number {
    return this.store.size;
  }

  account(id: string): SandboxAccount | undefined {
    return this.store.get(id);
  }

  /** In id order; the array is live: copy it before changing the tenant while iterating. */
  accountsOfSource(sourceId: string): readonly SandboxAccount[] {
    return this.store.ofSource(sourceId);
  }

  accountsOfIdentity(identityId: string): SandboxAccount[] {
    return this.store.ofIdentity(identityId);
  }

  /** Every account in id order (live array, as above). */
  allAccounts(): readonly SandboxAccount[] {
    return this.store.all();
  }

  /** The identity's IdentityNow account, if it still has one. */
  identityNowAccountOf(identityId: string): SandboxAccount | undefined {
    const idnSourceId = this.identityNowSource().id;
    return this.store.ofIdentity(identityId).find((a) => a.sourceId === idnSourceId);
  }

  attributesOf(account: SandboxAccount): AccountAttributeMap {
    const source = this.sourceMap.get(account.sourceId);
    if (!source) throw new Error(`account ${account.id} has unknown source ${account.sourceId}`);
    const identity = account.identityId ? (this.identityMap.get(account.identityId) ?? null) : null;
    const entitlementValues = account.entitlementIds.map((id) => this.entitlementMap.get(id)?.value ?? id);
    return accountAttributes(account, { source, identity, entitlementValues, realistic: this.realistic });
  }

  /** Changes an account; `modified` becomes now unless given. Throws if the account is gone. */
  updateAccount(id: string, changes: AccountChanges): SandboxAccount {
    const found = this.store.update(id, (account) => {
      Object.assign(account, changes);
      if (changes.modified === undefined) account.modified = Date.now();
      this.accountJson.forget(account);
    });
    if (!found) throw new Error(`account ${id} does not exist`);
    return this.store.get(id) as SandboxAccount;
  }

  addAccount(account: SandboxAccount): SandboxAccount {
    if (!this.sourceMap.has(account.sourceId)) throw new Error(`source ${account.sourceId} does not exist`);
    this.store.add(account);
    return account;
  }

  removeAccount(id: string): boolean {
    const removed = this.store.remove(id);
    if (removed) this.accountJson.forget(removed);
    return removed !== undefined;
  }

  removeAllAccountsOfSource(sourceId: string): number {
    for (const account of this.store.ofSource(sourceId)) this.accountJson.forget(account);
    return this.store.removeAllOfSource(sourceId);
  }

  /** Changes whenever an account of these sources (null: of any source) changes. */
  accountsVersion(sourceIds: readonly string[] | null): string {
    return this.store.versionKey(sourceIds);
  }

  /** Deterministic ids for accounts created at run time. */
  newAccountId(): string {
    let id = iscId(this.idPrng);
    while (this.store.get(id)) id = iscId(this.idPrng);
    return id;
  }

  /** Task ids look like ISC's: 32 hex characters without the usual prefix. */
  newTaskId(): string {
    return this.idPrng.hex(32);
  }

  // Tasks and the applied-actions ledger

  tasks(): SandboxTask[] {
    return [...this.taskMap.values()];
  }

  task(id: string): SandboxTask | undefined {
    return this.taskMap.get(id);
  }

  addTask(task: SandboxTask): void {
    this.taskMap.set(task.id, task);
  }

  /** Every state change applied through the API, in the order applied (the short form of
   * `changeLedger.applied()`). */
  ledger(): readonly AppliedAction[] {
    return this.changeLedger.appliedActionList();
  }

  ledgerFor(targetId: string, action?: AppliedActionKind): AppliedAction[] {
    return this.ledger().filter((e) => e.targetId === targetId && (action === undefined || e.action === action));
  }

  private requireSource(predicate: (source: SandboxSource) => boolean, label: string): SandboxSource {
    const source = this.sourceList.find(predicate);
    if (!source) throw new Error(`the sandbox has no ${label} source`);
    return source;
  }
}
