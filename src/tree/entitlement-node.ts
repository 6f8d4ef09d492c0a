// One entitlement of an account (leaf).
import * as vscode from 'vscode';
import type { Entitlement } from '../isc/models';
import type { ExplorerNode } from './node';

export class EntitlementNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly parent: ExplorerNode,
    readonly entitlement: Entitlement,
    index: number,
  ) {
    this.id = `${parent.id}/entitlement/${entitlement.id ?? `#${index}`}`;
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entitlement;
    const item = new vscode.TreeItem(e.name || e.value || e.id || '(unnamed entitlement)');
    item.id = this.id;
    item.contextValue = e.privileged ? 'entitlement:privileged' : 'entitlement';
    item.description = [e.attribute && e.value ? `${e.attribute} = ${e.value}` : e.value, e.privileged ? 'privileged' : '']
      .filter(Boolean)
      .join(' · ');
    const tooltip = new vscode.MarkdownString();
    for (const [label, value] of [
      ['Name', e.name],
      ['Attribute', e.attribute],
      ['Value', e.value],
      ['Description', e.description],
      ['Source', e.source?.name],
      ['Id', e.id],
    ] as const) {
      if (value) tooltip.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
    }
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(e.privileged ? 'shield' : 'key');
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
