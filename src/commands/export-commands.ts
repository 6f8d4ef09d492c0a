// Export Accounts…: a source's accounts (with the tree's filter and sort) or the selected
// accounts, as CSV or JSON Lines, into a file chosen in the save dialog. Takes a source row, a
// selection of account rows, nothing (then it asks: tenant, source), or from scripts
// `{ tenantId, sourceId? | accountIds?, format?, attributes?, file? }`; whatever is not given is
// asked. The export itself (streaming, pacing, the temporary file) is in core/account-export.ts.
import * as path from 'node:path';
import { attributesSeen } from '../core/account-csv';
import { exportAccounts, ExportStoppedError, ID_CHUNK, PAGE_SIZE, type ExportFormat, type ExportResult, type ExportScope } from '../core/account-export';
import { describePartialFile } from '../core/export-file';
import { exportProgressText } from '../core/export-progress';
import type { IscApi } from '../isc/api';
import { accountFilter } from '../isc/filters';
import type { Account } from '../isc/models';
import { AccountNode } from '../tree/account-node';
import { sourceAccountsFilter } from '../tree/source-presentation';
import { errorMessage } from '../ui/error-text';
import type { CommandContext, CommandGroup } from './context';
import { required } from './pickers';
import { resolveAccountTargets, resolveSourceTarget } from './targets';

const TITLE = 'Export Accounts';
const RATE_WINDOW_MS = 10_000;

interface ExportArgs {
  tenantId?: string;
  sourceId?: string;
  accountIds?: unknown;
  format?: unknown;
  attributes?: unknown;
  file?: unknown;
}

interface ExportTarget {
  tenantId: string;
  scope: ExportScope;
  /** "Active Directory (filter: …)" or "3 selected accounts": for titles and messages. */
  label: string;
  /** The start of the offered file name. */
  fileStem: string;
}

const FORMATS = {
  csv: { label: 'CSV', extension: 'csv', description: 'account fields and the attributes you pick, for a spreadsheet' },
  jsonl: { label: 'JSON Lines', extension: 'jsonl', description: 'each account as ISC returned it, one a line' },
};

function scriptArgs(args: unknown[]): ExportArgs {
  const [first] = args;
  // Only a plain object is a script's arguments: a tree node (source or account) is not.
  return first && typeof first === 'object' && Object.getPrototypeOf(first) === Object.prototype ? (first as ExportArgs) : {};
}

async function resolveTarget(ctx: CommandContext, args: unknown[]): Promise<ExportTarget> {
  const given = scriptArgs(args);
  if (given.accountIds !== undefined) {
    const ids = given.accountIds;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id.trim())) {
      throw new Error(`${TITLE}: "accountIds" is a non-empty list of account ids.`);
    }
    if (typeof given.tenantId !== 'string') throw new Error(`${TITLE}: "accountIds" needs "tenantId", the tenant they belong to.`);
    return selectionTarget(given.tenantId, ids as string[]);
  }
  if (args[0] instanceof AccountNode || (Array.isArray(args[1]) && args[1].some((node) => node instanceof AccountNode))) {
    const targets = await resolveAccountTargets(ctx, args, TITLE);
    const tenants = new Set(targets.map((target) => target.tenantId));
    if (tenants.size > 1) throw new Error(`${TITLE}: the selected accounts belong to ${tenants.size} tenants; select accounts of one tenant.`);
    return selectionTarget(targets[0].tenantId, targets.map((target) => target.accountId));
  }
  const { tenantId, source, node } = await resolveSourceTarget(ctx, given.sourceId === undefined ? args : [{ tenantId: given.tenantId, sourceId: given.sourceId }], TITLE);
  const sourceId = source.id ?? '';
  const filter = node?.filter;
  return {
    tenantId,
    scope: { kind: 'query', filters: sourceAccountsFilter(sourceId, filter), sorters: node?.sorters },
    label: `${source.name}${filter ? ` (filter: ${filter})` : ''}`,
    fileStem: source.name,
  };
}

function selectionTarget(tenantId: string, ids: string[]): ExportTarget {
  const count = new Set(ids).size;
  return { tenantId, scope: { kind: 'ids', ids }, label: `${count} selected ${count === 1 ? 'account' : 'accounts'}`, fileStem: 'selected-accounts' };
}

async function chooseFormat(ctx: CommandContext, given: unknown): Promise<ExportFormat> {
  if (given === 'csv' || given === 'jsonl') return given;
  if (given !== undefined) throw new Error(`${TITLE}: "format" is "csv" or "jsonl", not ${JSON.stringify(given)}.`);
  const items = (['csv', 'jsonl'] as const).map((value) => ({ label: FORMATS[value].label, description: FORMATS[value].description, value }));
  return required(await ctx.ui.pick({ title: TITLE, placeHolder: 'Which format?', items })).value;
}

/** The accounts the attribute choice is offered from: the export's first page. */
async function firstPage(client: IscApi, scope: ExportScope): Promise<Account[]> {
  const filters = scope.kind === 'ids' ? accountFilter.in('id', scope.ids.slice(0, ID_CHUNK)) : scope.filters;
  const sorters = scope.kind === 'query' ? scope.sorters : undefined;
  return (await client.listAccounts({ filters, sorters, limit: scope.kind === 'ids' ? Math.min(ID_CHUNK, scope.ids.length) : PAGE_SIZE })).items;
}

async function chooseAttributes(ctx: CommandContext, client: IscApi, target: ExportTarget, given: unknown): Promise<string[]> {
  if (given !== undefined) {
    if (!Array.isArray(given) || !given.every((name) => typeof name === 'string' && name.trim())) {
      throw new Error(`${TITLE}: "attributes" is a list of attribute names.`);
    }
    return given as string[];
  }
  const names = attributesSeen(await firstPage(client, target.scope));
  if (names.length === 0) return [];
  const items = names.map((name) => ({ label: name, picked: true, value: name }));
  const placeHolder = 'Attribute columns (seen on the first page); id, name, nativeIdentity, source, identity, states and dates are always there';
  return required(await ctx.ui.pickMany({ title: `${TITLE}: attributes of ${target.label}`, placeHolder, items })).map((item) => item.value);
}

async function chooseFile(ctx: CommandContext, target: ExportTarget, format: ExportFormat, given: unknown): Promise<string> {
  if (given !== undefined) {
    if (typeof given !== 'string' || !path.isAbsolute(given)) throw new Error(`${TITLE}: "file" is an absolute path, not ${JSON.stringify(given)}.`);
    return given;
  }
  const chosen = FORMATS[format];
  const stem = target.fileStem.replace(/[^\w.-]+/g, '-');
  const defaultName = `${stem}-accounts-${new Date().toISOString().slice(0, 10)}.${chosen.extension}`;
  const uri = await ctx.ui.saveFile({ title: `${TITLE} as ${chosen.label}`, defaultName, filters: { [chosen.label]: [chosen.extension] }, saveLabel: 'Export' });
  return required(uri).fsPath;
}

function accountsText(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'account' : 'accounts'}`;
}

async function exportAccountsCommand(ctx: CommandContext, args: unknown[]): Promise<ExportResult> {
  const given = scriptArgs(args);
  const target = await resolveTarget(ctx, args);
  const client = await ctx.clients.forTenant(target.tenantId);
  const format = await chooseFormat(ctx, given.format);
  const attributes = format === 'csv' ? await chooseAttributes(ctx, client, target, given.attributes) : [];
  const file = await chooseFile(ctx, target, format, given.file);
  const pace = { requests: ctx.clients.settings().requestsPer10Seconds, windowMs: RATE_WINDOW_MS };
  let result: ExportResult;
  const rows = ctx.startExportRows();
  try {
    result = await ctx.ui.progress(`Exporting ${target.label}`, (signal, report) =>
      exportAccounts(client, { scope: target.scope, format, attributes, file, rows, signal, pace, onProgress: (progress) => report(exportProgressText(progress)) }),
    );
  } catch (error) {
    if (!(error instanceof ExportStoppedError)) throw error;
    ctx.log.error(`${TITLE} of ${target.label} to ${file} stopped`, error.cause);
    throw new Error(`${TITLE} of ${target.label} stopped: ${errorMessage(error.cause)} ${describePartialFile(error.partial)}`);
  } finally {
    await rows.close();
  }
  if (result.cancelled) {
    const partial = result.partial ? describePartialFile(result.partial) : '';
    ctx.log.info(`${TITLE} of ${target.label} cancelled after ${result.rows} accounts. ${partial}`);
    void ctx.ui.notify(result.partial?.removed === false ? 'warning' : 'info', `Export cancelled after ${accountsText(result.rows)}; ${file} was not written. ${partial}`);
    return result;
  }
  const missing = result.missing.length > 0 ? ` ${accountsText(result.missing.length)} of the selection no longer exist in ISC: ${result.missing.slice(0, 5).join(', ')}${result.missing.length > 5 ? ', …' : ''}.` : '';
  ctx.log.info(`Exported ${result.rows} accounts of ${target.label} to ${file} (${format})`);
  void ctx.ui.notify(missing ? 'warning' : 'info', `Exported ${accountsText(result.rows)} of ${target.label} to ${file}.${missing}`);
  return result;
}

export const exportCommands: CommandGroup = (ctx) => ({
  'iscAccounts.source.exportAccounts': (...args) => exportAccountsCommand(ctx, args),
});
