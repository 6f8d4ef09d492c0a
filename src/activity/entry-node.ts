// One Activity entry: a single change (its row says what happened to whom), or a bulk run (its
// row counts the outcomes, its items are the children). The tooltip has the facts, the task
// and, for PATCH and PUT, the body sent.
import * as vscode from 'vscode';
import { countStates, entryState, type JournalEntry, type JournalItem } from '../journal/entry';
import { activityContextValue, entryCapabilities } from './activity-capabilities';
import type { ActivityNode, ActivityRowServices } from './activity-node';
import { bodyText, entryDescription, entryLabel, entryTooltipRows, itemTooltipRows, stateIcon } from './activity-presentation';
import { activityTooltip } from './activity-tooltip';
import { ItemNode } from './item-node';

export class EntryNode implements ActivityNode {
  readonly id: string;

  constructor(
    private current: JournalEntry,
    private readonly services: ActivityRowServices,
    /** The tenant's group row when several tenants have entries; undefined at the top. */
    public parent: ActivityNode | undefined,
  ) {
    this.id = `activity/${current.tenantId}/${current.id}`;
  }

  get entry(): JournalEntry {
    return this.current;
  }

  update(entry: JournalEntry): void {
    this.current = entry;
  }

  private checking(item: JournalItem): boolean {
    return this.services.isChecking({ tenantId: this.current.tenantId, entryId: this.current.id, index: item.index });
  }

  getTreeItem(): vscode.TreeItem {
    const entry = this.current;
    const [only] = entry.items;
    const single = !entry.bulk && entry.items.length === 1;
    const checking = entry.items.some((item) => this.checking(item));
    const tenantLabel = this.services.tenantLabel(entry.tenantId);
    const state = entryState(entry);
    const row = new vscode.TreeItem(entryLabel(entry), single ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    row.id = this.id;
    // Grouped under its tenant, the row need not repeat the tenant.
    row.description = entryDescription(entry, { tenantLabel: this.parent ? undefined : tenantLabel, checking: single && checking });
    row.contextValue = activityContextValue('entry', state, entryCapabilities(entry, (item) => this.checking(item)), { bulk: !single, checking });
    const icon = stateIcon(state, countStates(entry), checking && single);
    row.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    const rows = entryTooltipRows(entry, tenantLabel);
    row.tooltip = single ? activityTooltip([...rows, ...itemTooltipRows(only)], bodyText(only)) : activityTooltip(rows);
    return row;
  }

  getChildren(): ActivityNode[] {
    if (!this.current.bulk && this.current.items.length === 1) return [];
    return this.current.items.map((item) => new ItemNode(this, this.current, item, this.services));
  }
}
