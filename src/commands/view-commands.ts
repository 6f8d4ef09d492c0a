// What the explorer shows: refresh, load more, per-source filter and sort, find an account,
// and the log.
import { ACCOUNT_SORTABLE_FIELDS, validateAccountFilter } from '../isc/filters';
import type { ExplorerNode } from '../tree/node';
import type { PagedNode } from '../tree/paged-node';
import type { SourceNode } from '../tree/source-node';
import type { CommandContext, CommandGroup } from './context';
import { required, searchAccount } from './pickers';
import { resolveSourceTarget, resolveTenantTarget } from './targets';

function isExplorerNode(value: unknown): value is ExplorerNode {
  return !!value && typeof value === 'object' && typeof (value as ExplorerNode).getTreeItem === 'function';
}

/** The tree's node of a source, loading the tenant's sources if the tenant was never expanded. */
async function sourceNodeFor(ctx: CommandContext, args: unknown[], title: string): Promise<SourceNode> {
  const target = await resolveSourceTarget(ctx, args, title);
  if (target.node) return target.node;
  const tenant = ctx.explorer.tenantNodeById(target.tenantId);
  await tenant?.getChildren();
  const node = ctx.explorer.sourceNode(target.tenantId, target.source.id ?? '');
  if (!node) throw new Error(`The source "${target.source.name}" is not in the explorer; refresh the tenant and try again.`);
  return node;
}

/** Message for the filter box: what is wrong, and where (1-based, as a person counts). */
export function filterProblem(text: string): string | undefined {
  const check = validateAccountFilter(text);
  return check.ok ? undefined : `${check.message} (at character ${check.position + 1})`;
}

async function revealExpanded(ctx: CommandContext, node: ExplorerNode): Promise<void> {
  await ctx.treeView()?.reveal(node, { expand: true, select: true });
}

async function filterAccounts(ctx: CommandContext, args: unknown[]): Promise<string | undefined> {
  const node = await sourceNodeFor(ctx, args, 'Filter Accounts');
  const text = await ctx.ui.input({
    title: `Filter the accounts of ${node.source.name}`,
    prompt: 'An ISC filter expression, e.g. name sw "ann" or uncorrelated eq true. Empty shows all accounts.',
    value: node.filter ?? '',
    placeHolder: 'name sw "ann" and uncorrelated eq false',
    // Checked as the user types: an invalid filter never reaches the server.
    validate: filterProblem,
  });
  if (text === undefined) return node.filter;
  node.setFilter(text);
  await revealExpanded(ctx, node);
  return node.filter;
}

async function clearFilter(ctx: CommandContext, args: unknown[]): Promise<void> {
  const node = await sourceNodeFor(ctx, args, 'Clear Filter');
  node.setFilter(undefined);
}

async function sortAccounts(ctx: CommandContext, args: unknown[]): Promise<string | undefined> {
  const node = await sourceNodeFor(ctx, args, 'Sort Accounts');
  const current = node.sorters?.replace(/^-/, '');
  const field = await ctx.ui.pick<string | undefined>({
    title: `Sort the accounts of ${node.source.name}`,
    placeHolder: node.sorters ? `Now sorted by ${node.sorters}` : 'Now in ISC’s default order',
    items: [
      { label: 'Default order', description: 'as ISC returns them', value: undefined },
      ...ACCOUNT_SORTABLE_FIELDS.map((name) => ({ label: name, description: name === current ? 'current' : undefined, value: name })),
    ],
  });
  const chosen = required(field).value;
  let sorters: string | undefined;
  if (chosen) {
    const direction = await ctx.ui.pick({
      title: `Sort by ${chosen}`,
      placeHolder: 'Direction',
      items: [
        { label: 'Ascending', value: '' },
        { label: 'Descending', value: '-' },
      ],
    });
    sorters = `${required(direction).value}${chosen}`;
  }
  node.setSorters(sorters);
  await revealExpanded(ctx, node);
  return sorters;
}

/**
 * Reveals a loaded row. VS Code's extension host resolves the row among the children it cached
 * for the parent, which can be stale after a filter, sort or reload of that source; on a miss,
 * the parent is redrawn (dropping that cache, which VS Code does after a 200 ms debounce) and
 * the reveal tried once more. After that, the caller shows the JSON instead.
 */
export async function revealWithRetry(ctx: CommandContext, node: ExplorerNode, expand = false): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.treeView()?.reveal(node, { select: true, focus: true, expand });
      return true;
    } catch (error) {
      ctx.log.warn(`Could not reveal ${node.id} (attempt ${attempt}): ${String(error)}`);
      if (attempt === 2 || !node.parent) return false;
      ctx.explorer.changed(node.parent);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Searches the tenant by name as you type; reveals the account if the tree has it, else opens its JSON. */
async function findAccount(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const tenant = await resolveTenantTarget(ctx, args, 'Find Account');
  const account = await searchAccount(ctx, tenant.id, `Find Account in ${tenant.label}`);
  const accountId = account.id ?? '';
  const node = ctx.explorer.accountNode(tenant.id, accountId, account.sourceId);
  if (node && (await revealWithRetry(ctx, node))) return node;
  // Not on a loaded page: rather than load pages until it shows up, show what ISC has.
  return ctx.documents.showAccount(tenant.id, tenant.label, accountId, account.name ?? accountId);
}

export const viewCommands: CommandGroup = (ctx) => ({
  'iscAccounts.refresh': (node) => ctx.explorer.refresh(isExplorerNode(node) ? node : undefined),
  'iscAccounts.loadMore': async (node) => {
    if (!isExplorerNode(node) || typeof (node as PagedNode).loadMore !== 'function') {
      throw new Error('Load More needs the source or account whose list to extend.');
    }
    await (node as PagedNode).loadMore();
  },
  'iscAccounts.showLog': () => ctx.log.show(),
  'iscAccounts.findAccount': (...args) => findAccount(ctx, args),
  'iscAccounts.source.filterAccounts': (...args) => filterAccounts(ctx, args),
  'iscAccounts.source.clearFilter': (...args) => clearFilter(ctx, args),
  'iscAccounts.source.sortAccounts': (...args) => sortAccounts(ctx, args),
});
