// Collecting the targets of a bulk edit as pages of accounts arrive: of each account only what
// the plan, the journal and the report need (id, names, source, modified, its attributes), the
// value distribution tallied on the way, and whether its source is flat-file asked once per
// source. The command (selection or a source's filter) and the bench feed it. No vscode here.
import type { IscApi } from '../isc/api';
import type { Account, Source } from '../isc/models';
import { isFlatFileSource } from '../isc/source-kind';
import { AttributeTally } from './attribute-overview';
import type { BulkEditTarget } from './bulk-edit-plan';

export class BulkEditTargets {
  readonly targets: BulkEditTarget[] = [];
  /** The same accounts without their attributes (the plan's targets hold those). */
  readonly accounts: Account[] = [];
  readonly tally = new AttributeTally();
  private readonly ids = new Set<string>();
  private readonly sources = new Map<string, Promise<Source>>();

  constructor(
    private readonly client: Pick<IscApi, 'getSource'>,
    /** What a person calls the account ("ann.lee"). */
    private readonly label: (account: Account) => string,
    known?: Source,
  ) {
    if (known?.id) this.sources.set(known.id, Promise.resolve(known));
  }

  get count(): number {
    return this.targets.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  async add(page: readonly Account[], signal?: AbortSignal): Promise<void> {
    for (const account of page) {
      if (!account.id || this.ids.has(account.id)) continue;
      this.ids.add(account.id);
      const attributes = account.attributes ?? {};
      const source = await this.sourceOf(account.sourceId, signal);
      this.tally.add(attributes);
      this.targets.push({ accountId: account.id, accountName: this.label(account), notEditable: notEditable(source), attributes });
      this.accounts.push(namesOf(account));
    }
  }

  private sourceOf(sourceId: string | undefined, signal?: AbortSignal): Promise<Source | undefined> {
    if (!sourceId) return Promise.resolve(undefined);
    let source = this.sources.get(sourceId);
    if (!source) this.sources.set(sourceId, (source = this.client.getSource(sourceId, { signal })));
    return source;
  }
}

function notEditable(source: Source | undefined): string | undefined {
  if (!source) return 'its source is not known, so it cannot be told to be flat-file';
  if (isFlatFileSource(source)) return undefined;
  return `"${source.name ?? source.id}" is not a flat-file source (type "${source.type ?? '?'}"); ISC changes attributes only on flat-file (DelimitedFile) accounts`;
}

/** The parts the journal's target, the report and the tree refresh read: a 100,000-account source is held in memory. */
function namesOf(account: Account): Account {
  const { id, name, nativeIdentity, sourceId, sourceName, modified, identityId } = account;
  return { id, name, nativeIdentity, sourceId, sourceName, modified, identityId } as Account;
}
