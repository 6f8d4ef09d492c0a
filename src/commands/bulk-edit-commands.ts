// Edit Attributes of Selection… / of Matching Accounts…: read the targets, then open the bulk
// editor's tab on a session (bulk-edit-session.ts). Scripts and tests pass
// `{ tenantId, accountIds? | sourceId?, edit, apply? }` instead: the plan is returned without a
// tab, and with `apply: true` it is applied after the one question, the report returned too.
import { openBulkEditPanel } from '../editor/bulk-panel';
import type { BulkPlanView } from '../editor/shared/bulk-protocol';
import type { ChangeReport } from '../core/change-report';
import type { CommandContext, CommandGroup } from './context';
import { AccountsBulkEditSession } from './bulk-edit-session';
import { loadMatching, loadSelection, type LoadedTargets } from './bulk-edit-loading';
import { resolveAccountTargets, resolveSourceTarget } from './targets';

const SELECTION = 'Edit Attributes of Selection';
const MATCHING = 'Edit Attributes of Matching Accounts';

export interface BulkEditScript {
  tenantId: string;
  accountIds?: string[];
  sourceId?: string;
  edit: unknown;
  apply?: boolean;
}

export type BulkEditScriptResult = { plan: BulkPlanView; report?: ChangeReport };

function scriptOf(value: unknown): BulkEditScript | undefined {
  if (!value || typeof value !== 'object' || !('edit' in value)) return undefined;
  const script = value as Record<string, unknown>;
  if (typeof script.tenantId !== 'string') throw new Error('Bulk edit: "tenantId" must name the tenant.');
  if (script.accountIds !== undefined && (!Array.isArray(script.accountIds) || script.accountIds.some((id) => typeof id !== 'string' || id.trim() === ''))) {
    throw new Error('Bulk edit: "accountIds" must be a list of account ids.');
  }
  if (script.sourceId !== undefined && typeof script.sourceId !== 'string') throw new Error('Bulk edit: "sourceId" must be a source id.');
  if ((script.accountIds === undefined) === (script.sourceId === undefined)) throw new Error('Bulk edit: give either "accountIds" or "sourceId".');
  return script as unknown as BulkEditScript;
}

async function editSelection(ctx: CommandContext, args: unknown[]): Promise<BulkEditScriptResult | undefined> {
  const script = scriptOf(args[0]);
  if (script?.accountIds) return runScript(ctx, script, await loadSelection(ctx, script.tenantId, script.accountIds));
  if (script) throw new Error(`${SELECTION}: give "accountIds" (or use ${MATCHING} with "sourceId").`);
  const targets = await resolveAccountTargets(ctx, args, SELECTION);
  const tenants = new Set(targets.map((target) => target.tenantId));
  if (tenants.size > 1) throw new Error(`${SELECTION}: the selection spans ${tenants.size} tenants; select accounts of one tenant.`);
  const loaded = await loadSelection(ctx, targets[0].tenantId, targets.map((target) => target.accountId));
  await open(ctx, loaded);
  return undefined;
}

async function editMatching(ctx: CommandContext, args: unknown[]): Promise<BulkEditScriptResult | undefined> {
  const script = scriptOf(args[0]);
  if (script && !script.sourceId) throw new Error(`${MATCHING}: give "sourceId" (or use ${SELECTION} with "accountIds").`);
  const target = await resolveSourceTarget(ctx, script ? [{ tenantId: script.tenantId, sourceId: script.sourceId }] : args, MATCHING);
  const node = target.node ?? ctx.explorer.sourceNode(target.tenantId, target.source.id ?? '');
  const loaded = await loadMatching(ctx, target.tenantId, { source: target.source, filter: node?.filter, sorters: node?.sorters });
  if (script) return runScript(ctx, script, loaded);
  await open(ctx, loaded);
  return undefined;
}

async function open(ctx: CommandContext, loaded: LoadedTargets): Promise<void> {
  if (loaded.collected.count === 0) {
    void ctx.ui.notify('info', `No accounts to edit in ${loaded.scope}.`);
    return;
  }
  await openBulkEditPanel({ extensionUri: ctx.editors.extensionUri, log: ctx.log }, new AccountsBulkEditSession(ctx, loaded));
}

async function runScript(ctx: CommandContext, script: BulkEditScript, loaded: LoadedTargets): Promise<BulkEditScriptResult> {
  const session = new AccountsBulkEditSession(ctx, loaded);
  const plan = await session.plan(script.edit as never);
  if (!script.apply) return { plan };
  const report = await session.applyPlan(plan.planId);
  return report === 'cancelled' ? { plan } : { plan, report };
}

export const bulkEditCommands: CommandGroup = (ctx) => ({
  'iscAccounts.account.bulkEditAttributes': (...args) => editSelection(ctx, args),
  'iscAccounts.source.bulkEditAttributes': (...args) => editMatching(ctx, args),
});
