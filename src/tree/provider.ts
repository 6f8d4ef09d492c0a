// The Accounts explorer's TreeDataProvider. It only delegates to the nodes; it also keeps
// one TenantNode per stored tenant so filters, loaded pages and expansion survive refreshes.
import * as vscode from 'vscode';
import type { Tenant, TenantStore } from '../tenants/tenant-store';
import type { AccountNode } from './account-node';
import type { ExplorerNode, TreeServices } from './node';
import type { SourceNode } from './source-node';
import { TenantNode } from './tenant-node';

export const EXPLORER_VIEW_ID = 'iscAccounts.explorer';

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly tenantNodes = new Map<string, TenantNode>();
  private readonly services: TreeServices;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: TenantStore,
    services: Omit<TreeServices, 'changed'>,
  ) {
    this.services = { ...services, changed: (node) => this.emitter.fire(node) };
    this.subscription = store.onDidChange(() => this.emitter.fire(undefined));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  /** Called on hover for an item without a tooltip: the node builds it (an account row reads its full account once). */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): Promise<vscode.TreeItem> {
    if (node.resolveTooltip) item.tooltip = await node.resolveTooltip();
    return item;
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return Promise.resolve(this.tenants());
    // A progress bar in the view while a level loads: the tree is never silently empty.
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => node.getChildren()));
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** Reloads one node's subtree, or everything without a node. */
  refresh(node?: ExplorerNode): void {
    if (node) {
      node.reset?.();
      this.emitter.fire(node);
      return;
    }
    for (const tenant of this.tenantNodes.values()) tenant.reset();
    this.emitter.fire(undefined);
  }

  /** Redraws a node without reloading it. */
  changed(node: ExplorerNode): void {
    this.emitter.fire(node);
  }

  tenants(): TenantNode[] {
    const stored = this.store.list();
    const ids = new Set(stored.map((tenant) => tenant.id));
    for (const id of [...this.tenantNodes.keys()]) {
      if (ids.has(id)) continue;
      this.tenantNodes.delete(id);
      this.services.identityPins?.save(id, []);
    }
    return stored.map((tenant) => this.tenantNode(tenant));
  }

  tenantNodeById(tenantId: string): TenantNode | undefined {
    const tenant = this.store.get(tenantId);
    return tenant ? this.tenantNode(tenant) : undefined;
  }

  sourceNode(tenantId: string, sourceId: string): SourceNode | undefined {
    return this.tenantNodeById(tenantId)?.sourceNode(sourceId);
  }

  /** The loaded node of an account, if it is on a page the tree has loaded. */
  accountNode(tenantId: string, accountId: string, sourceId?: string): AccountNode | undefined {
    const tenant = this.tenantNodeById(tenantId);
    if (!tenant) return undefined;
    const sources = sourceId ? [tenant.sourceNode(sourceId)] : tenant.loadedSources();
    for (const source of sources) {
      const node = source?.findAccount(accountId);
      if (node) return node;
    }
    return tenant.identityNodes().find((identity) => identity.findAccount(accountId))?.findAccount(accountId);
  }

  /** Every loaded row of the account: in its source, and in any pinned identity listing it. */
  accountNodesShowing(tenantId: string, accountId: string): AccountNode[] {
    return this.loadedAccountNodes(tenantId).filter((node) => node.accountId === accountId);
  }

  /** The rows the tree has loaded for a tenant: its sources' and its pinned identities'. */
  loadedAccountNodes(tenantId: string): AccountNode[] {
    const tenant = this.tenantNodeById(tenantId);
    if (!tenant) return [];
    return [...tenant.loadedSources(), ...tenant.identityNodes()].flatMap((list) => list.loadedAccounts());
  }

  private tenantNode(tenant: Tenant): TenantNode {
    const existing = this.tenantNodes.get(tenant.id);
    if (existing) {
      existing.update(tenant);
      return existing;
    }
    const node = new TenantNode(tenant, this.services);
    this.tenantNodes.set(tenant.id, node);
    return node;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
