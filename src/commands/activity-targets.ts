// What an Activity command acts on, from whatever it was given: a row of the view (an entry or
// one of its items), `{ tenantId, entryId, index? }`, `{ entryId, index? }`, an entry id, or
// nothing (the palette), in which case it asks with quick picks among the entries the
// command applies to.
import type { JournalEntry, JournalItem } from '../journal';
import { EntryNode } from '../activity/entry-node';
import { ItemNode } from '../activity/item-node';
import { TenantGroupNode } from '../activity/tenant-group-node';
import { entryDescription, entryLabel, itemStateText, targetLabel } from '../activity/activity-presentation';
import type { PickItem } from '../ui/prompt-types';
import type { CommandContext } from './context';
import { required } from './pickers';

export interface ActivityRef {
  entry: JournalEntry;
  /** One item, when the command was given one; otherwise it acts on the entry's items it applies to. */
  item?: JournalItem;
}

export interface ActivityQuestion {
  /** "Check Again": the quick picks' title. */
  title: string;
  /** The items the command applies to. */
  applies: (item: JournalItem) => boolean;
  /** An entry the command applies to as a whole, beyond its items (Resume). */
  appliesToEntry?: (entry: JournalEntry) => boolean;
  /** In the palette, a bulk entry then asks which of its items (or all). */
  askItem: boolean;
  /** Said when no entry qualifies: "Nothing in the Activity may have been applied." */
  none: string;
}

interface RefArgument {
  tenantId?: unknown;
  entryId?: unknown;
  index?: unknown;
}

export async function resolveActivityRef(ctx: CommandContext, args: unknown[], question: ActivityQuestion): Promise<ActivityRef> {
  const [first] = args;
  if (first instanceof ItemNode) {
    const entry = await fresh(ctx, first.entry.tenantId, first.entry.id);
    return { entry, item: itemOf(entry, first.item.index) };
  }
  if (first instanceof EntryNode) return { entry: await fresh(ctx, first.entry.tenantId, first.entry.id) };
  if (typeof first === 'string' && first.trim()) return { entry: await entryById(ctx, first.trim()) };
  if (first && typeof first === 'object' && typeof (first as RefArgument).entryId === 'string') {
    const { tenantId, entryId, index } = first as RefArgument;
    const entry = typeof tenantId === 'string' ? await fresh(ctx, tenantId, entryId as string) : await entryById(ctx, entryId as string);
    if (index === undefined) return { entry };
    if (typeof index !== 'number') throw new Error(`"index" must be the number of an item of entry ${entry.id}.`);
    return { entry, item: itemOf(entry, index) };
  }
  if (first !== undefined) throw new Error(`${question.title} needs an Activity entry: a row of the view, an entry id, or { tenantId, entryId, index }.`);
  return pickActivityRef(ctx, question);
}

/** The tenant a row or `{ tenantId }` names; undefined for all tenants. */
export function tenantArgument(value: unknown): string | undefined {
  if (value instanceof TenantGroupNode) return value.tenantId;
  if (value instanceof EntryNode) return value.entry.tenantId;
  if (value && typeof value === 'object' && typeof (value as RefArgument).tenantId === 'string') return (value as { tenantId: string }).tenantId;
  return undefined;
}

/** Every entry of every tenant, newest first. */
export async function allEntries(ctx: CommandContext, tenantId?: string): Promise<JournalEntry[]> {
  const tenantIds = tenantId ? [tenantId] : await ctx.journal.tenantIds();
  const entries = (await Promise.all(tenantIds.map((id) => ctx.journal.entries(id)))).flat();
  return entries.sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
}

async function fresh(ctx: CommandContext, tenantId: string, entryId: string): Promise<JournalEntry> {
  const known = (await ctx.journal.tenantIds()).includes(tenantId);
  const entry = known ? await ctx.journal.entry(tenantId, entryId) : undefined;
  if (!entry) throw new Error(`The Activity has no entry ${entryId} in tenant ${tenantId} (it may have been cleared).`);
  return entry;
}

function itemOf(entry: JournalEntry, index: number): JournalItem {
  const item = entry.items.find((candidate) => candidate.index === index);
  if (!item) throw new Error(`Entry "${entry.title}" has no item ${index}.`);
  return item;
}

async function entryById(ctx: CommandContext, entryId: string): Promise<JournalEntry> {
  for (const tenantId of await ctx.journal.tenantIds()) {
    const entry = await ctx.journal.entry(tenantId, entryId);
    if (entry) return entry;
  }
  throw new Error(`The Activity has no entry ${entryId} (it may have been cleared).`);
}

async function pickActivityRef(ctx: CommandContext, question: ActivityQuestion): Promise<ActivityRef> {
  const entries = (await allEntries(ctx)).filter((entry) => entry.items.some(question.applies) || question.appliesToEntry?.(entry));
  if (entries.length === 0) throw new Error(question.none);
  const several = new Set(entries.map((entry) => entry.tenantId)).size > 1;
  const items: Array<PickItem<JournalEntry>> = entries.map((entry) => ({
    label: entryLabel(entry),
    description: entryDescription(entry, { tenantLabel: several ? ctx.activity.provider.tenantLabel(entry.tenantId) : undefined }),
    value: entry,
  }));
  const entry = required(await ctx.ui.pick({ title: question.title, placeHolder: 'Which Activity entry?', items })).value;
  const applicable = entry.items.filter(question.applies);
  if (!question.askItem || !entry.bulk || applicable.length < 2) return { entry };
  const choices: Array<PickItem<JournalItem | undefined>> = [
    { label: `All ${applicable.length}`, description: entry.title, value: undefined },
    ...applicable.map((item) => ({ label: targetLabel(item), description: itemStateText(item), value: item })),
  ];
  const item = required(await ctx.ui.pick({ title: question.title, placeHolder: `Which items of "${entry.title}"?`, items: choices })).value;
  return { entry, item };
}

/** The items the command acts on: the one given (if it applies, else why not), or all that apply. */
export function itemsOf(ref: ActivityRef, applies: (item: JournalItem) => boolean, whyNot: (item: JournalItem) => string): JournalItem[] {
  if (ref.item) {
    if (!applies(ref.item)) throw new Error(whyNot(ref.item));
    return [ref.item];
  }
  const items = ref.entry.items.filter(applies);
  if (items.length === 0) throw new Error(ref.entry.items.length === 1 ? whyNot(ref.entry.items[0]) : `Nothing in "${ref.entry.title}" applies.`);
  return items;
}
