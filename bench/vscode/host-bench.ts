// Runs inside the real VS Code extension host as `extensionTestsPath` (no mocha): measures
// the extension's activation, then, when asked, drives the Accounts explorer through the
// extension's API against the bench's sandbox tenant: time to the first page of the big
// source, and the host's memory after paging through 5,000 accounts. Writes one JSON file.
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { exportAccountsInHost } from './host-export';
import { findInHost } from './host-find';
import type { HostBenchConfig, HostBenchResult, MemorySample } from './protocol';

const EXTENSION_ID = 'isc-accounts.isc-accounts';

/** The part of the extension's API object (what activate() returns) this module uses. */
interface ExplorerNode {
  id: string;
  getTreeItem(): vscode.TreeItem;
}
interface ExtensionApi {
  tenants: {
    save(tenant: { id: string; label: string; baseUrl: string; clientId: string }, clientSecret: string): Promise<void>;
  };
  explorer: { getChildren(node?: ExplorerNode): vscode.ProviderResult<ExplorerNode[]> };
  clients: { forTenant(id: string): Promise<{ listAccounts(options: { filters?: string; limit?: number }): Promise<unknown> }> };
  exportWorkersHeapPeak(): Promise<number>;
}

export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(process.env.ISC_BENCH_CONFIG ?? '', 'utf8')) as HostBenchConfig;
  const result: HostBenchResult = { vscodeVersion: vscode.version, activationMs: null };
  try {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    result.wasActiveBefore = extension.isActive;
    const timing = timeActivation(path.join(extension.extensionPath, extension.packageJSON.main as string));
    const started = performance.now();
    const api = await extension.activate();
    result.activationMs = extension.isActive && !result.wasActiveBefore ? performance.now() - started : null;
    result.codeLoadingMs = timing.codeLoadingMs;
    result.activateCallMs = timing.activateCallMs;
    if (config.bigTree) await bigTree(api, config.bigTree, result);
    if (config.exportAccounts) {
      const gc = exposeGc();
      result.exportAccounts = await exportAccountsInHost(api, config.exportAccounts, () => sample(gc));
    }
    if (config.find) result.find = await findInHost(api, config.find);
  } catch (error) {
    result.error = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  }
  writeFileSync(config.resultFile, JSON.stringify(result));
}

/**
 * VS Code's own measure of an activation (what "Show Running Extensions" reports): the time to
 * load the extension's main module plus the time its activate() call takes. Measured by timing
 * the extension host's require of that module and wrapping the activate it exports.
 */
function timeActivation(mainFile: string): { codeLoadingMs?: number; activateCallMs?: number } {
  const timing: { codeLoadingMs?: number; activateCallMs?: number } = {};
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const originalLoad = loader._load;
  const target = path.resolve(mainFile).replace(/\.js$/, '');
  loader._load = function (this: unknown, request: string, ...rest: [unknown, boolean]) {
    if (path.resolve(request).replace(/\.js$/, '') !== target) return originalLoad.call(this, request, ...rest);
    loader._load = originalLoad;
    const started = performance.now();
    const exports = originalLoad.call(this, request, ...rest) as Record<string, unknown>;
    timing.codeLoadingMs = performance.now() - started;
    return new Proxy(exports, {
      get(module, name) {
        const value = Reflect.get(module, name);
        if (name !== 'activate' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const callStarted = performance.now();
          try {
            return value(...args);
          } finally {
            timing.activateCallMs = performance.now() - callStarted;
          }
        };
      },
    });
  };
  return timing;
}

async function bigTree(api: ExtensionApi, tree: NonNullable<HostBenchConfig['bigTree']>, result: HostBenchResult): Promise<void> {
  const gc = exposeGc();
  // The heap is the whole extension host's: VS Code's built-in extensions that activate after
  // start-up (TypeScript's adds about 6 MB) would count as this extension's rows.
  await untilActivationsSettle();
  const activeBefore = activeExtensions();
  result.memoryBefore = sample(gc);
  const firstPageStartedAt = Date.now();
  const started = performance.now();
  await api.tenants.save({ id: 'bench', label: 'Bench tenant', baseUrl: tree.baseUrl, clientId: tree.clientId }, tree.clientSecret);
  const saved = performance.now();
  const tenant = (await children(api)).find((node) => node.id === 'tenant/bench');
  if (!tenant) throw new Error('the bench tenant is not in the tree');
  const source = (await children(api, tenant)).find((node) => label(node) === tree.sourceName);
  if (!source) throw new Error(`no source "${tree.sourceName}" under the bench tenant`);
  const sourcesShown = performance.now();
  let nodes = await children(api, source);
  result.firstPageMs = performance.now() - started;
  result.firstPageSteps = { saveMs: saved - started, sourcesMs: sourcesShown - saved, accountsMs: performance.now() - sourcesShown };
  result.firstPageAccounts = accounts(nodes).length;
  result.firstPageWindow = { from: firstPageStartedAt, to: Date.now() };

  const pagingStartedAt = Date.now();
  const pagingStarted = performance.now();
  while (accounts(nodes).length < tree.pageThrough) {
    const more = nodes[nodes.length - 1]?.getTreeItem().command;
    if (!more || more.command !== 'iscAccounts.loadMore') throw new Error(`no "load more" row after ${accounts(nodes).length} accounts`);
    await vscode.commands.executeCommand(more.command, ...(more.arguments ?? []));
    nodes = await children(api, source);
    // From here on every piece of code the paging runs has been loaded once (the command
    // bundles load with the first "load more"): what the heap gains after this is rows.
    if (!result.memoryAtSecondPage) {
      result.memoryAtSecondPage = sample(gc);
      result.accountsAtSecondPage = accounts(nodes).length;
    }
  }
  result.pagedAccounts = accounts(nodes).length;
  result.pagingMs = performance.now() - pagingStarted;
  result.pagingWindow = { from: pagingStartedAt, to: Date.now() };
  result.memoryAfter = sample(gc);
  result.activatedMeanwhile = activeExtensions().filter((id) => !activeBefore.includes(id));
}

function activeExtensions(): string[] {
  return vscode.extensions.all.filter((extension) => extension.isActive).map((extension) => extension.id);
}

/** Waits until no extension has activated for 3 s (at most 30 s). */
async function untilActivationsSettle(): Promise<void> {
  const started = Date.now();
  let count = activeExtensions().length;
  let stableSince = Date.now();
  while (Date.now() - stableSince < 3_000 && Date.now() - started < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = activeExtensions().length;
    if (now !== count) {
      count = now;
      stableSince = Date.now();
    }
  }
}

async function children(api: ExtensionApi, node?: ExplorerNode): Promise<ExplorerNode[]> {
  return (await api.explorer.getChildren(node)) ?? [];
}

function label(node: ExplorerNode): string {
  const value = node.getTreeItem().label;
  return typeof value === 'string' ? value : (value?.label ?? '');
}

function accounts(nodes: ExplorerNode[]): ExplorerNode[] {
  return nodes.filter((node) => (node.getTreeItem().contextValue ?? '').startsWith('account'));
}

/** The extension host runs without --expose-gc; this turns the flag on for a fresh context. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function sample(gc: () => void): MemorySample {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, rss: usage.rss, external: usage.external };
}
