// The Activity view's TreeDataProvider: every entry of every tenant, newest first, grouped by
// tenant when more than one tenant has entries. It follows the journal live: each write
// redraws its entry's row (writes that come together, as in a bulk run, are gathered for a
// moment so 800 items do not mean 2,400 redraws). Reading the entries is also when what a
// reload or a crash cut off is handed to the background settling.
import * as vscode from 'vscode';
import type { JournalEntry } from '../journal/entry';
import type { JournalStore } from '../journal/journal-store';
import type { TenantStore } from '../tenants/tenant-store';
import type { ActivityChecks } from './activity-checks';
import type { ActivityNode, ActivityRowServices } from './activity-node';
import { loadActivityParts } from './activity-loader';
import type { EntryNode } from './entry-node';
import type { TenantGroupNode } from './tenant-group-node';

export const ACTIVITY_VIEW_ID = 'iscAccounts.activity';

const REDRAW_DELAY_MS = 150;

export class ActivityProvider implements vscode.TreeDataProvider<ActivityNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ActivityNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly entryNodes = new Map<string, EntryNode>();
  private readonly groupNodes = new Map<string, TenantGroupNode>();
  private readonly rows: ActivityRowServices;
  private readonly pending = new Set<string>();
  private pendingAll = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly journal: JournalStore,
    private readonly checks: ActivityChecks,
    private readonly tenants: TenantStore,
  ) {
    this.rows = { isChecking: (ref) => checks.isChecking(ref), tenantLabel: (tenantId) => this.tenantLabel(tenantId) };
    const changed = (tenantId: string, entryId: string) => this.schedule(tenantId, entryId);
    const tenantsChanged = tenants.onDidChange(() => this.schedule('', ''));
    this.unsubscribe = [journal.subscribe(changed), checks.subscribe(changed), () => tenantsChanged.dispose()];
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: ActivityNode): Promise<ActivityNode[]> {
    if (node) return node.getChildren();
    const groups = (await this.readAll()).filter((group) => group.entries.length > 0);
    const grouped = groups.length > 1;
    const roots: ActivityNode[] = [];
    // Rows of entries cleared or dropped by retention are forgotten.
    const shown = new Set(groups.flatMap(({ tenantId, entries }) => entries.map((entry) => `${tenantId}/${entry.id}`)));
    for (const key of [...this.entryNodes.keys()]) if (!shown.has(key)) this.entryNodes.delete(key);
    for (const { tenantId, entries } of groups) {
      const group = grouped ? this.groupNode(tenantId) : undefined;
      const nodes = entries.map((entry) => this.entryNode(entry, group));
      if (group) {
        group.entries = nodes;
        roots.push(group);
      } else {
        roots.push(...nodes);
      }
    }
    return roots;
  }

  getParent(node: ActivityNode): ActivityNode | undefined {
    return node.parent;
  }

  /** The row of an entry the view has shown, if any. */
  entryNodeById(tenantId: string, entryId: string): EntryNode | undefined {
    return this.entryNodes.get(`${tenantId}/${entryId}`);
  }

  /** Every tenant's entries, newest first; what was cut off starts settling in the background. */
  async readAll(): Promise<Array<{ tenantId: string; entries: JournalEntry[] }>> {
    const tenantIds = await this.journal.tenantIds();
    const groups = await Promise.all(tenantIds.map(async (tenantId) => ({ tenantId, entries: await this.journal.entries(tenantId) })));
    for (const group of groups) {
      // Not a removed tenant (no client), nor the built-in sandbox: it starts afresh with each
      // session, so reading it back would prove nothing about what the last one did.
      const tenant = this.tenants.get(group.tenantId);
      if (tenant && !tenant.sandbox) this.checks.settleInterrupted(group.entries);
    }
    const newest = (group: { entries: JournalEntry[] }) => group.entries[0]?.created ?? '';
    return groups.sort((a, b) => (newest(a) < newest(b) ? 1 : newest(a) > newest(b) ? -1 : 0));
  }

  /** Reads the journal's files again (runs of other windows), then redraws. */
  async refresh(): Promise<void> {
    for (const tenantId of await this.journal.tenantIds()) await this.journal.refresh(tenantId);
    this.schedule('', '');
  }

  tenantLabel(tenantId: string): string {
    return this.tenants.get(tenantId)?.label ?? `${tenantId} (removed tenant)`;
  }

  private entryNode(entry: JournalEntry, parent: ActivityNode | undefined): EntryNode {
    const key = `${entry.tenantId}/${entry.id}`;
    const existing = this.entryNodes.get(key);
    if (existing) {
      existing.update(entry);
      existing.parent = parent;
      return existing;
    }
    const { EntryNode } = loadActivityParts();
    const node = new EntryNode(entry, this.rows, parent);
    this.entryNodes.set(key, node);
    return node;
  }

  private groupNode(tenantId: string): TenantGroupNode {
    let node = this.groupNodes.get(tenantId);
    if (!node) {
      const { TenantGroupNode } = loadActivityParts();
      node = new TenantGroupNode(tenantId, () => this.tenantLabel(tenantId));
      this.groupNodes.set(tenantId, node);
    }
    return node;
  }

  /** A known entry redraws its own row; a new entry, or a whole tenant, redraws the view. */
  private schedule(tenantId: string, entryId: string): void {
    const key = `${tenantId}/${entryId}`;
    if (entryId && this.entryNodes.has(key)) this.pending.add(key);
    else this.pendingAll = true;
    this.timer ??= setTimeout(() => void this.redraw(), REDRAW_DELAY_MS);
  }

  private async redraw(): Promise<void> {
    this.timer = undefined;
    const keys = [...this.pending];
    this.pending.clear();
    if (this.pendingAll) {
      this.pendingAll = false;
      this.emitter.fire(undefined);
      // A closed view asks for nothing: what a refresh found cut off must still start settling.
      await this.readAll().catch(() => undefined);
      return;
    }
    for (const key of keys) {
      const node = this.entryNodes.get(key);
      const entry = node && (await this.journal.entry(node.entry.tenantId, node.entry.id).catch(() => undefined));
      if (!node || !entry) {
        this.emitter.fire(undefined);
        return;
      }
      node.update(entry);
      this.emitter.fire(node);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const stop of this.unsubscribe) stop();
    this.emitter.dispose();
  }
}
