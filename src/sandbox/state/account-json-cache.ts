// Account JSON for GET /accounts and GET /accounts/{id}, as UTF-8 bytes, kept per account until
// the tenant says the account, its identity or its source changed (tenant.ts calls `forget`).
// Why: building objects per account and JSON.stringify-ing a 250-account page cost ~15 ms of
// CPU; writing the text directly costs ~7 ms cold, and a cached page is a memcpy (~0.3 ms).
// The bytes are exactly JSON.stringify(accountView(…)) (openapi-json.ts keeps that object form
// as the reference; test/unit/sandbox.render-cache.test.ts compares the two on every account).
import type { DetailLevel } from '../../isc/models';
import { accountUuid } from './account-attributes';
import type { SandboxAccount } from './records';
import type { SandboxTenant } from './tenant';

/** A response body that is already JSON: http/server.ts sends the bytes as they are. */
export class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

interface Rendered {
  /** `{"id":…,"origin":"…"` (the fields SLIM and FULL share, no closing brace), then, once a
   * FULL read asked for it, `,"cloudLifecycleState":…,"ownerIdentity":null}`. One Buffer per
   * account: Node packs small ones into shared 8 KiB slabs; two per account wasted ~40%. */
  bytes: Buffer;
  coreLength: number;
  full: boolean;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
const q = JSON.stringify;

/** FULL text of the 25k-account bench source is ~40 MiB, of 100k accounts ~165 MiB (plus ~15%
 * slab slack and ~160 B of heap per account); realistic accounts (~6 KiB) fill it at ~19k. Past the budget new renders are not kept (no
 * eviction: a client paging through everything again still finds most pages cached, where an
 * LRU would find none). */
const DEFAULT_MAX_BYTES = 112 * 2 ** 20;

export class AccountJsonCache {
  private readonly entries = new Map<SandboxAccount, Rendered>();
  private cachedBytes = 0;

  constructor(
    private readonly tenant: SandboxTenant,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  /** One account, as `accountView(tenant, account, detail)` would serialize. */
  account(account: SandboxAccount, detail: DetailLevel = 'FULL'): JsonBytes {
    const parts: Buffer[] = [];
    this.push(parts, account, detail);
    return new JsonBytes(Buffer.concat(parts));
  }

  /** A JSON array of accounts (one list page). */
  page(accounts: readonly SandboxAccount[], detail: DetailLevel): JsonBytes {
    const parts: Buffer[] = [OPEN];
    for (let i = 0; i < accounts.length; i++) {
      if (i > 0) parts.push(COMMA);
      this.push(parts, accounts[i], detail);
    }
    parts.push(CLOSE);
    return new JsonBytes(Buffer.concat(parts));
  }

  /** Drops an account's text: call after any change to what its rendering reads. */
  forget(account: SandboxAccount): void {
    const entry = this.entries.get(account);
    if (!entry) return;
    this.cachedBytes -= entry.bytes.length;
    this.entries.delete(account);
  }

  clear(): void {
    this.entries.clear();
    this.cachedBytes = 0;
  }

  /** For tests and the bench: how many accounts and bytes are held. */
  stats(): { accounts: number; bytes: number } {
    return { accounts: this.entries.size, bytes: this.cachedBytes };
  }

  private push(parts: Buffer[], account: SandboxAccount, detail: DetailLevel): void {
    let entry = this.entries.get(account);
    if (!entry || (detail === 'FULL' && !entry.full)) entry = this.render(account, detail === 'FULL', entry);
    if (detail === 'FULL') parts.push(entry.bytes);
    else parts.push(entry.full ? entry.bytes.subarray(0, entry.coreLength) : entry.bytes, Buffer.from(this.renderSlimEnd(account)));
  }

  /** SLIM renders only the core, so SLIM-only listing never derives attributes. */
  private render(account: SandboxAccount, full: boolean, previous: Rendered | undefined): Rendered {
    let entry: Rendered;
    if (previous) {
      const bytes = Buffer.concat([previous.bytes, Buffer.from(this.renderExtras(account))]);
      entry = { bytes, coreLength: previous.coreLength, full: true };
    } else {
      const core = this.renderCore(account);
      const coreLength = Buffer.byteLength(core);
      entry = { bytes: Buffer.from(full ? core + this.renderExtras(account) : core), coreLength, full };
    }
    const growth = entry.bytes.length - (previous?.bytes.length ?? 0);
    if (this.cachedBytes + growth <= this.maxBytes) {
      this.entries.set(account, entry);
      this.cachedBytes += growth;
    }
    return entry;
  }

  // The two renderers below follow accountView field by field, in its key order. Strings go
  // through JSON.stringify (escaping); booleans and the fixed literals are written as is.

  private renderCore(account: SandboxAccount): string {
    const source = this.tenant.source(account.sourceId);
    const identity = account.identityId ? this.tenant.identity(account.identityId) : undefined;
    const correlation = identity ? `,"identityId":${q(identity.id)},"identity":{"id":${q(identity.id)},"type":"IDENTITY","name":${q(identity.name)}}` : '';
    return (
      `{"id":${q(account.id)},"name":${q(account.name)},"created":${q(iso(account.created))},"modified":${q(iso(account.modified))}` +
      `,"sourceId":${q(account.sourceId)},"sourceName":${source ? q(source.name) : 'null'}${correlation}` +
      `,"authoritative":${source?.authoritative ?? false},"disabled":${account.disabled},"locked":${account.locked}` +
      `,"nativeIdentity":${q(account.nativeIdentity)},"systemAccount":${account.systemAccount},"uncorrelated":${account.identityId === null}` +
      `,"manuallyCorrelated":${account.manuallyCorrelated},"hasEntitlements":${account.entitlementIds.length > 0},"origin":${q(account.origin)}`
    );
  }

  /** Not kept: a few cheap fields, so a SLIM-only listing caches just the core. */
  private renderSlimEnd(account: SandboxAccount): string {
    const source = this.tenant.source(account.sourceId);
    return (
      `,"attributes":null,"description":null,"uuid":${q(source ? accountUuid(account, source) : null)}` +
      `,"features":${q(source && source.features.length > 0 ? source.features.join(',') : null)}}`
    );
  }

  private renderExtras(account: SandboxAccount): string {
    const source = this.tenant.source(account.sourceId);
    const identity = account.identityId ? this.tenant.identity(account.identityId) : undefined;
    const owner = source ? `{"id":${q(source.owner.id)},"type":"IDENTITY","name":${q(source.owner.name)}}` : 'null';
    return (
      `,"cloudLifecycleState":${q(identity?.lifecycleState ?? null)},"identityState":${q(identity?.identityState ?? null)}` +
      `,"connectionType":${q(source?.connectionType ?? null)},"isMachine":${account.isMachine},"recommendation":${q(account.recommendation)}` +
      `,"attributes":${q(this.tenant.attributesOf(account))},"description":null,"uuid":${q(source ? accountUuid(account, source) : null)}` +
      `,"sourceOwner":${owner},"features":${q(source && source.features.length > 0 ? source.features.join(',') : null)},"ownerIdentity":null}`
    );
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
