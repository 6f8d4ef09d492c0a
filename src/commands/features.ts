// What runs only once a command does, bundled on its own as dist/features.js (tools/build-split.ts):
// the command handlers, the attribute editor, the Create Account form. Everything else they
// use (client, tree, journal, ui) is the earlier bundles' own instance, handed over by the build.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { exportWorkersHeapPeak, ExportRowsWorker } from '../core/export-rows-worker';
import { AttributeEditors, CreateAccountForms } from '../editor';
import type { SandboxOptions } from '../tenants/sandbox-host';
import type { Tenant } from '../tenants/tenant-store';
import type { CommandContext, CommandHandler } from './context';
import { commandTable } from './table';
import { connectSandbox } from './tenant-commands';
import { refreshAccountRow } from './tree-refresh';

/** The parts activate() made, which the features build on. */
export type ActivatedParts = Omit<CommandContext, 'editors' | 'createForms' | 'startExportRows'>;

export interface Features {
  context: CommandContext;
  commands: ReadonlyMap<string, CommandHandler>;
  connectSandbox(options?: SandboxOptions): Promise<Tenant>;
  /** The running export worker threads' peak heap, summed (the bench adds it to the host's). */
  exportWorkersHeapPeak(): Promise<number>;
}

export function createFeatures(parts: ActivatedParts, extensionUri: vscode.Uri): Features {
  const { ui, log, journal, clients, tenants } = parts;
  const editors: AttributeEditors = new AttributeEditors({
    extensionUri,
    ui,
    log,
    journal,
    client: (tenantId) => clients.forTenant(tenantId),
    tenantLabel: (tenantId) => tenants.get(tenantId)?.label,
    applied: (account) => void refreshAccountRow(context, account),
  });
  const createForms = new CreateAccountForms({ extensionUri, ui, log });
  const exportWorkerScript = path.join(extensionUri.fsPath, 'dist', 'export-worker.js');
  const context: CommandContext = { ...parts, editors, createForms, startExportRows: () => ExportRowsWorker.start(exportWorkerScript) };
  return { context, commands: commandTable(context), connectSandbox: (options) => connectSandbox(context, options), exportWorkersHeapPeak };
}
