// One item of a bulk run: its target, state (with ISC's reason when it said no) and, in the
// tooltip, its evidence, task and the body sent.
import * as vscode from 'vscode';
import type { JournalEntry, JournalItem } from '../journal/entry';
import { activityContextValue, itemCapabilities } from './activity-capabilities';
import type { ActivityNode, ActivityRowServices } from './activity-node';
import { bodyText, itemStateText, itemTooltipRows, stateIcon, targetLabel } from './activity-presentation';
import { activityTooltip } from './activity-tooltip';

export class ItemNode implements ActivityNode {
  readonly id: string;

  constructor(
    readonly parent: ActivityNode,
    readonly entry: JournalEntry,
    readonly item: JournalItem,
    private readonly services: ActivityRowServices,
  ) {
    this.id = `${parent.id}/${item.index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const { entry, item } = this;
    const checking = this.services.isChecking({ tenantId: entry.tenantId, entryId: entry.id, index: item.index });
    const row = new vscode.TreeItem(targetLabel(item), vscode.TreeItemCollapsibleState.None);
    row.id = this.id;
    row.description = itemStateText(item, checking);
    row.contextValue = activityContextValue('item', item.state, itemCapabilities(item, checking), { checking });
    const icon = stateIcon(item.state, undefined, checking);
    row.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    row.tooltip = activityTooltip([...itemTooltipRows(item), ['Entry', entry.title], ['Tenant', this.services.tenantLabel(entry.tenantId)]], bodyText(item));
    return row;
  }

  getChildren(): ActivityNode[] {
    return [];
  }
}
