// Shared by the Activity view's in-VS-Code tests: a sandbox tenant whose changes are made
// through the real journal API (the one the commands use), and readers of the view's rows
// through its provider, as VS Code reads them.
import * as vscode from 'vscode';
import type { ActivityNode } from '../../src/activity/activity-node';
import { IscClient } from '../../src/isc';
import type { IscApi } from '../../src/isc/api';
import type { ReadBackWindow } from '../../src/isc/read-back';
import { sendJournaled, type ChangeSpec, type JournalEntry, type JournalTarget } from '../../src/journal';
import type { IscAccountsApi } from '../../src/extension';
import { sandboxTenant, type SandboxTenantFixture } from './explorer-helpers';

/** Short, like the sandbox's tasks (50 ms). */
export const WINDOW: ReadBackWindow = { windowMs: 2_000, firstIntervalMs: 20, maxIntervalMs: 100 };

export interface ActivityFixture extends SandboxTenantFixture {
  client: IscApi;
}

export async function activityTenant(tenantId: string): Promise<ActivityFixture> {
  const fx = await sandboxTenant(tenantId);
  // The extension's client for the tenant is made as a command makes it: its log's redactor learns the secret.
  await fx.api.clients.forTenant(tenantId);
  // The test's changes go through a client of the test's own bundle: the journal code here is
  // that bundle's copy, and it recognises its own client's errors only (instanceof).
  const { sandbox } = fx;
  const client = new IscClient({ baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, requestsPer10Seconds: 1_000_000, retryBaseDelayMs: 10, retryMaxDelayMs: 50 });
  return { ...fx, client };
}

/** One change sent through the journal; resolves with its entry id once its outcome is written. */
export async function journaledChange(fx: ActivityFixture, spec: ChangeSpec, target: JournalTarget = {}, window: ReadBackWindow = WINDOW): Promise<string> {
  const { entryId } = await sendJournaled(fx.api.journal, { tenantId: fx.tenantId, title: 'a test change', spec, target }, fx.client, { window });
  return entryId;
}

/** The rows of a tenant's entries, newest first: at the top, or under the tenant's group when several tenants have entries. */
export async function entryRows(api: IscAccountsApi, tenantId: string): Promise<ActivityNode[]> {
  const top = await api.activity.getChildren();
  const group = top.find((node) => node.id === `activity/${tenantId}`);
  if (group) return group.getChildren();
  return top.filter((node) => node.id.startsWith(`activity/${tenantId}/`));
}

export async function entryRow(api: IscAccountsApi, tenantId: string, entryId: string): Promise<ActivityNode> {
  const found = (await entryRows(api, tenantId)).find((node) => node.id === `activity/${tenantId}/${entryId}`);
  if (!found) throw new Error(`the Activity view has no row for entry ${entryId}`);
  return found;
}

export function rowText(node: ActivityNode): { label: string; description: string; contextValue: string; tooltip: string; icon: string } {
  const item = node.getTreeItem();
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  // appendText escapes: spaces as &nbsp;, Markdown's punctuation with a backslash.
  const markdown = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
  const tooltip = markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, '$1');
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
  return { label, description: typeof item.description === 'string' ? item.description : '', contextValue: item.contextValue ?? '', tooltip, icon };
}

export async function entryNow(api: IscAccountsApi, tenantId: string, entryId: string): Promise<JournalEntry> {
  const entry = await api.journal.entry(tenantId, entryId);
  if (!entry) throw new Error(`the journal has no entry ${entryId}`);
  return entry;
}
