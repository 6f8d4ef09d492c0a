// Wiring only: builds the parts activation needs (the tree, the Activity view, tenants and
// their clients), registers the commands, and returns an API for tests and scripts. Nothing
// here waits on the network. The command handlers and the editors are loaded on the first
// command (commands/lazy-features.ts), the nodes below a tenant when one is expanded
// (tree/tree-loader.ts), the Activity rows when the view has entries to show or settle
// (activity/activity-loader.ts), the sandbox when the sandbox tenant is first used.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createActivityView } from './activity/activity-view';
import type { ActivityNode } from './activity/activity-node';
import type { ActivityProvider } from './activity/activity-provider';
import { LazyFeatures } from './commands/lazy-features';
import { runCommand } from './commands/run-command';
import type { AttributeEditorHandle, CreateAccountFormPanel } from './editor';
import { ATTRIBUTE_EDITOR_VIEW_TYPE } from './editor/shared/protocol';
import { JournalStore } from './journal/journal-store';
import { readJournalLimits } from './tenants/client-settings';
import { addPreconfiguredTenant } from './tenants/preconfigured-setup';
import { TenantClients } from './tenants/tenant-clients';
import { SandboxHost, type SandboxOptions } from './tenants/sandbox-host';
import { TenantStore, type Tenant } from './tenants/tenant-store';
import type { ExplorerNode } from './tree/node';
import { IdentityPins } from './tree/identity-pins';
import { EXPLORER_VIEW_ID, ExplorerProvider } from './tree/provider';
import { ReadOnlyDocuments } from './ui/documents';
import { createLog, type RedactingLogChannel } from './ui/log';
import { widenExplorerOnFirstLook } from './ui/first-look';
import { Ui } from './ui/prompts';

/** What `activate` returns: tests drive the extension through it. */
export interface IscAccountsApi {
  tenants: TenantStore;
  clients: TenantClients;
  explorer: ExplorerProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  /** Every prompt goes through it; tests queue answers with `ui.answer([...])`. */
  ui: Ui;
  log: RedactingLogChannel;
  /** The Activity journal: every change the extension makes. */
  journal: JournalStore;
  /** The Activity view's rows (tests read the tree through it). */
  activity: ActivityProvider;
  activityView: vscode.TreeView<ActivityNode>;
  connectSandbox(options?: SandboxOptions): Promise<Tenant>;
  /** The open attribute editor of an account, if any. */
  attributeEditor(tenantId: string, accountId: string): AttributeEditorHandle | undefined;
  /** The open Create Account form of a source, if any. */
  createAccountForm(tenantId: string, sourceId: string): CreateAccountFormPanel | undefined;
  /** The running export worker threads' peak heap, summed: the bench adds it to the host's. */
  exportWorkersHeapPeak(): Promise<number>;
  /** The ids of the command handlers (loads them): tests compare them with package.json. */
  commandHandlerIds(): Promise<string[]>;
}

let sandboxHost: SandboxHost | undefined;
let journalStore: JournalStore | undefined;

export function activate(context: vscode.ExtensionContext): IscAccountsApi {
  const log = createLog();
  const ui = new Ui();
  const tenants = new TenantStore(context.globalState, context.secrets);
  const sandbox = new SandboxHost(tenants, (message) => log.info(message));
  sandboxHost = sandbox;
  const clients = new TenantClients(tenants, sandbox, log);
  const journal = new JournalStore(path.join(context.globalStorageUri.fsPath, 'journal'), {
    redactor: log.redactor,
    ...readJournalLimits((key) => vscode.workspace.getConfiguration('iscAccounts').get(key)),
  });
  journalStore = journal;
  const explorer = new ExplorerProvider(tenants, {
    client: (tenantId) => clients.forTenant(tenantId),
    pageSize: () => clients.settings().pageSize,
    identityPins: new IdentityPins(context.workspaceState),
  });
  const treeView = vscode.window.createTreeView(EXPLORER_VIEW_ID, {
    treeDataProvider: explorer,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const documents = new ReadOnlyDocuments(async (tenantId, accountId) => (await clients.forTenant(tenantId)).getAccount(accountId));
  const activity = createActivityView({ journal, tenants, clients, log });
  context.subscriptions.push(log, tenants, clients, explorer, treeView, documents, activity);

  const features = new LazyFeatures(
    { tenants, clients, sandbox, explorer, treeView: () => treeView, ui, log, documents, journal, activity },
    context.extensionUri,
  );
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(ATTRIBUTE_EDITOR_VIEW_TYPE, features));
  for (const id of declaredCommands(context.extension.packageJSON)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, runCommand(id, features.handler(id), ui, log)));
  }

  void addPreconfiguredTenant(tenants, process.env, {
    secret: (secret) => log.addSecret(secret),
    error: (message) => {
      log.error(message);
      void vscode.window.showErrorMessage(message);
    },
  })
    .then((preset) => preset && widenExplorerOnFirstLook(context.globalState, EXPLORER_VIEW_ID))
    .catch((error: unknown) => log.error(`Setting up the npm start tenant failed: ${error instanceof Error ? error.message : String(error)}`));

  return {
    tenants,
    clients,
    explorer,
    treeView,
    ui,
    log,
    journal,
    activity: activity.provider,
    activityView: activity.treeView,
    connectSandbox: async (options) => (await features.load()).connectSandbox(options),
    attributeEditor: (tenantId, accountId) => features.loaded?.context.editors.find(tenantId, accountId),
    createAccountForm: (tenantId, sourceId) => features.loaded?.context.createForms.find(tenantId, sourceId),
    exportWorkersHeapPeak: async () => (await features.loaded?.exportWorkersHeapPeak()) ?? 0,
    commandHandlerIds: async () => [...(await features.load()).commands.keys()],
  };
}

/** The commands package.json declares; each is registered here, its handler loaded on first use. */
function declaredCommands(packageJson: { contributes?: { commands?: Array<{ command: string }> } }): string[] {
  return (packageJson.contributes?.commands ?? []).map((entry) => entry.command);
}

export async function deactivate(): Promise<void> {
  await Promise.all([sandboxHost?.stop(), journalStore?.close()]);
  sandboxHost = undefined;
  journalStore = undefined;
}
