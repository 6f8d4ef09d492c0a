// A tenant: its sources, and in the background each source's account count.
//
// Counting costs one `limit=1&count=true` request per source. A tenant with 50 sources must
// not fire 50 requests at once on expand (they would take half of ISC's 100-per-10-seconds
// budget in a burst and delay what the user clicks next), so counts run two at a time after
// the sources are shown, skip sources whose count is already known (an expanded source's
// first page carries count=true), and stop when the tenant is refreshed.
import * as vscode from 'vscode';
import type { Source } from '../isc/models';
import type { Tenant } from '../tenants/tenant-store';
import type { IdentityNode, IdentityParent } from './identity-node';
import type { ExplorerNode, TreeServices } from './node';
import type { SourceNode } from './source-node';
import { loadTreeParts } from './tree-loader';

const COUNT_CONCURRENCY = 2;
const SOURCES_PAGE = 250;

export class TenantNode implements IdentityParent {
  readonly parent = undefined;
  readonly id: string;
  private sources: Source[] | undefined;
  private loadingSources: Promise<Source[]> | undefined;
  /** Pinned identities, shown above the sources in the order they were opened. */
  private readonly identities = new Map<string, IdentityNode>();
  private readonly sourceNodes = new Map<string, SourceNode>();
  private counting: AbortController | undefined;

  constructor(
    private current: Tenant,
    private readonly services: TreeServices,
  ) {
    this.id = `tenant/${current.id}`;
    const pins = services.identityPins?.of(current.id) ?? [];
    if (pins.length > 0) {
      const { IdentityNode } = loadTreeParts();
      for (const pin of pins) this.identities.set(pin.id, new IdentityNode(this, pin.id, pin.name, services));
    }
  }

  get tenant(): Tenant {
    return this.current;
  }
  get tenantId(): string {
    return this.current.id;
  }
  get tenantLabel(): string {
    return this.current.label;
  }

  /** The tenant was edited: a new URL or client means everything below is stale. */
  update(tenant: Tenant): void {
    const stale = tenant.baseUrl !== this.current.baseUrl || tenant.clientId !== this.current.clientId;
    this.current = tenant;
    if (stale) this.reset();
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.current.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = this.current.sandbox ? 'tenant:sandbox' : 'tenant';
    item.description = this.current.sandbox ? 'sandbox on this machine' : hostOf(this.current.baseUrl);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**Tenant:** ').appendText(this.current.label).appendMarkdown('  \n');
    tooltip.appendMarkdown('**API:** ').appendText(this.current.baseUrl).appendMarkdown('  \n');
    tooltip.appendMarkdown('**Client id:** ').appendText(this.current.clientId);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(this.current.sandbox ? 'beaker' : 'cloud');
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const { MessageNode } = loadTreeParts();
    const pinned = [...this.identities.values()];
    let sources: readonly Source[];
    try {
      sources = await this.loadSources();
    } catch (error) {
      return [...pinned, MessageNode.error(this, 'sources', error, { command: 'iscAccounts.refresh', title: 'Retry', arguments: [this] })];
    }
    if (sources.length === 0) return [...pinned, new MessageNode(this, 'empty', 'No sources in this tenant')];
    return [...pinned, ...sources.map((source) => this.nodeFor(source))];
  }

  /** The tenant's sources, fetched once (and counted in the background) until the next refresh. */
  async loadSources(): Promise<readonly Source[]> {
    if (this.sources) return this.sources;
    const loading = (this.loadingSources ??= this.fetchSources());
    try {
      const sources = await loading;
      // A refresh meanwhile (reset) dropped this answer: it is returned, not kept.
      if (this.loadingSources === loading) {
        this.loadingSources = undefined;
        this.sources = sources;
        this.startCounting();
      }
      return sources;
    } catch (error) {
      if (this.loadingSources === loading) this.loadingSources = undefined;
      throw error;
    }
  }

  sourceById(sourceId: string): Source | undefined {
    return this.sources?.find((source) => source.id === sourceId);
  }

  /** Pins the identity above the sources (or finds it pinned already). */
  openIdentity(identityId: string, name: string | undefined): IdentityNode {
    let node = this.identities.get(identityId);
    if (!node) {
      const { IdentityNode } = loadTreeParts();
      node = new IdentityNode(this, identityId, name, this.services);
      this.identities.set(identityId, node);
      this.savePins();
      this.services.changed(this);
    }
    return node;
  }

  closeIdentity(identityId: string): boolean {
    const closed = this.identities.delete(identityId);
    if (closed) {
      this.savePins();
      this.services.changed(this);
    }
    return closed;
  }

  private savePins(): void {
    this.services.identityPins?.save(this.tenantId, this.identityNodes().map((node) => ({ id: node.identityId, name: node.name })));
  }

  identityNodes(): IdentityNode[] {
    return [...this.identities.values()];
  }

  /** Loaded source nodes (to find an account's node, or refresh a source after an action). */
  loadedSources(): SourceNode[] {
    return (this.sources ?? []).map((source) => this.nodeFor(source));
  }

  sourceNode(sourceId: string): SourceNode | undefined {
    return this.sources?.some((source) => source.id === sourceId) ? this.sourceNodes.get(sourceId) : undefined;
  }

  reset(): void {
    this.counting?.abort();
    this.counting = undefined;
    this.sources = undefined;
    this.loadingSources = undefined;
    for (const node of this.identities.values()) node.reset();
    for (const node of this.sourceNodes.values()) {
      node.reset();
      node.forgetCount();
    }
  }

  private async fetchSources(): Promise<Source[]> {
    const client = await this.services.client(this.tenantId);
    const all: Source[] = [];
    for (let offset = 0; ; offset += SOURCES_PAGE) {
      const page = await client.listSources({ offset, limit: SOURCES_PAGE, sorters: 'name' });
      all.push(...page.items);
      if (page.items.length < SOURCES_PAGE) return all;
    }
  }

  private startCounting(): void {
    this.counting?.abort();
    const controller = new AbortController();
    this.counting = controller;
    const queue = this.loadedSources().filter((node) => node.totalCount === undefined);
    for (const node of queue) node.setCount(undefined, true);
    const worker = async () => {
      for (let node = queue.shift(); node && !controller.signal.aborted; node = queue.shift()) {
        if (node.totalCount !== undefined) {
          node.setCount(undefined, false);
          continue;
        }
        try {
          const client = await this.services.client(this.tenantId);
          const page = await client.listAccounts({
            filters: loadTreeParts().sourceAccountsFilter(node.sourceId, undefined),
            limit: 1,
            count: true,
            detailLevel: 'SLIM',
            signal: controller.signal,
          });
          if (!controller.signal.aborted) node.setCount(page.totalCount, false);
        } catch {
          // The count is decoration: without it the row just shows no number; expanding the
          // source shows any real error in place.
          if (!controller.signal.aborted) node.setCount(undefined, false);
        }
      }
    };
    for (let i = 0; i < COUNT_CONCURRENCY; i++) void worker();
  }

  private nodeFor(source: Source): SourceNode {
    const key = source.id ?? source.name;
    const existing = this.sourceNodes.get(key);
    if (existing) {
      existing.update(source);
      return existing;
    }
    const { SourceNode } = loadTreeParts();
    const node = new SourceNode(this, source, this.services);
    this.sourceNodes.set(key, node);
    return node;
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
