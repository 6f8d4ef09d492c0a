// Filter and sort a source's accounts. The filter is typed with completions and "did you mean"
// from the list-accounts contract, and checked as it is typed: an invalid filter never reaches
// the server.
import { filterCompletions, filterCorrection, type FilterCompletion } from '../isc/filter-completions';
import { ACCOUNT_SORTABLE_FIELDS, parseAccountFilter } from '../isc/filters';
import type { ExplorerNode } from '../tree/node';
import type { SourceNode } from '../tree/source-node';
import type { CommandContext, CommandGroup } from './context';
import { required } from './pickers';
import { resolveSourceTarget } from './targets';

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

/** Message for the filter input: what is wrong, and where (1-based, as a person counts). */
export function filterProblem(text: string): string | undefined {
  const check = parseAccountFilter(text);
  return check.ok ? undefined : `${check.reason} (at character ${check.position + 1})`;
}

/** What can come next; when nothing can (the text went wrong before), the did-you-mean fix. */
function filterOffers(text: string): FilterCompletion[] {
  const completions = filterCompletions(text);
  const correction = completions.length === 0 ? filterCorrection(text) : undefined;
  return correction ? [correction] : completions;
}

async function revealExpanded(ctx: CommandContext, node: ExplorerNode): Promise<void> {
  await ctx.treeView()?.reveal(node, { expand: true, select: true });
}

async function filterAccounts(ctx: CommandContext, args: unknown[]): Promise<string | undefined> {
  const node = await sourceNodeFor(ctx, args, 'Filter Accounts');
  const text = await ctx.ui.completingInput({
    title: `Filter the accounts of ${node.source.name}`,
    placeHolder: 'An ISC filter, e.g. name sw "ann" and modified ge 2025-01-01T00:00:00Z. Empty shows all accounts.',
    value: node.filter ?? '',
    complete: filterOffers,
    validate: filterProblem,
  });
  if (text === undefined) return node.filter;
  // What is shown and sent is the canonical form (enumerated values as ISC spells them).
  const check = parseAccountFilter(text);
  node.setFilter(check.ok ? check.filter : text);
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

export const filterCommands: CommandGroup = (ctx) => ({
  'iscAccounts.source.filterAccounts': (...args) => filterAccounts(ctx, args),
  'iscAccounts.source.clearFilter': (...args) => clearFilter(ctx, args),
  'iscAccounts.source.sortAccounts': (...args) => sortAccounts(ctx, args),
});
