// What command handlers get: the extension's parts, wired once in extension.ts.
import type * as vscode from 'vscode';
import type { ActivityView } from '../activity/activity-view';
import type { ExportRowsReader } from '../core/export-rows-worker';
import type { AttributeEditors, CreateAccountForms } from '../editor';
import type { JournalStore } from '../journal';
import type { TenantClients } from '../tenants/tenant-clients';
import type { SandboxHost } from '../tenants/sandbox-host';
import type { TenantStore } from '../tenants/tenant-store';
import type { ExplorerNode } from '../tree/node';
import type { ExplorerProvider } from '../tree/provider';
import type { ReadOnlyDocuments } from '../ui/documents';
import type { RedactingLogChannel } from '../ui/log';
import type { Ui } from '../ui/prompts';

export interface CommandContext {
  tenants: TenantStore;
  clients: TenantClients;
  sandbox: SandboxHost;
  explorer: ExplorerProvider;
  /** Undefined until the view is created (tests may run commands before). */
  treeView: () => vscode.TreeView<ExplorerNode> | undefined;
  ui: Ui;
  log: RedactingLogChannel;
  documents: ReadOnlyDocuments;
  /** Every change is written here before it is sent (the Activity view shows it). */
  journal: JournalStore;
  /** The Activity view: its rows, and the checks that read back what may have been applied. */
  activity: ActivityView;
  /** The attribute editor's tabs, one per account. */
  editors: AttributeEditors;
  /** Create Account's forms built from a source's schema, one per source. */
  createForms: CreateAccountForms;
  /** Starts an export's worker thread (the caller closes it). */
  startExportRows: () => ExportRowsReader;
}

/** Arguments come from menus (node, selected nodes), the palette (none) or scripts (ids). */
export type CommandHandler = (...args: unknown[]) => unknown;

export type CommandGroup = (context: CommandContext) => Record<string, CommandHandler>;
