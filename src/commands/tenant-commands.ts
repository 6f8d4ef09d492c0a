// Adding, editing and removing tenants (removing asks whether its Activity entries go too),
// and the built-in sandbox tenant. Credentials are checked by fetching a token before anything
// is saved; when ISC refuses them, or the user cancels a check that takes too long, the user is
// asked again with everything they typed still filled in (Escape then ends the command).
import * as vscode from 'vscode';
import { IscError } from '../isc/errors';
import { isLoopbackHost, LOOPBACK_HOSTS, tenantBaseUrl } from '../isc/base-url';
import type { SandboxOptions } from '../tenants/sandbox-host';
import type { Tenant } from '../tenants/tenant-store';
import { errorMessage, isCancellation } from '../ui/error-text';
import type { CommandContext, CommandGroup } from './context';
import { required } from './pickers';
import { resolveTenantTarget } from './targets';

interface CredentialsDraft {
  tenantInput: string;
  clientId: string;
  secret: string;
}

function urlProblem(text: string): string | undefined {
  if (!text.trim()) return 'Type the tenant name (acme) or its API URL (https://acme.api.identitynow.com).';
  const url = URL.canParse(text.trim()) ? new URL(text.trim()) : undefined;
  if (url?.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `${url.origin} uses plain http: ISC needs https (plain http only to this machine: ${LOOPBACK_HOSTS}).`;
  }
  try {
    tenantBaseUrl(text);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

async function askCredentials(ctx: CommandContext, title: string, draft: CredentialsDraft, problem?: string): Promise<CredentialsDraft> {
  const lead = problem ? `${problem} ` : '';
  const tenantInput = required(
    await ctx.ui.input({
      title: `${title} (1/3)`,
      prompt: `${lead}Tenant name (e.g. acme) or API base URL (https://acme.api.identitynow.com)`,
      value: draft.tenantInput,
      placeHolder: 'acme',
      validate: urlProblem,
    }),
  ).trim();
  const clientId = required(
    await ctx.ui.input({
      title: `${title} (2/3)`,
      prompt: `${lead}Client id of a personal access token`,
      value: draft.clientId,
      validate: (text) => (text.trim() ? undefined : 'The client id is required.'),
    }),
  ).trim();
  const secret = required(
    await ctx.ui.input({
      title: `${title} (3/3)`,
      prompt: `${lead}Client secret of the personal access token (kept in VS Code's secret storage only)`,
      value: draft.secret,
      password: true,
      validate: (text) => (text ? undefined : 'The client secret is required.'),
    }),
  );
  return { tenantInput, clientId, secret };
}

/** Why these credentials did not work, for the next prompt; rethrows what is not about them. */
function credentialProblem(error: unknown, baseUrl: string): string {
  const host = new URL(baseUrl).host;
  if (error instanceof IscError && (error.kind === 'auth' || error.status === 401 || error.status === 400)) {
    return `${host} refused the client id or secret${error.serverMessage ? ` ("${error.serverMessage}")` : ''}: check them.`;
  }
  if (error instanceof IscError && ['network', 'tls', 'timeout', 'invalid-response'].includes(error.kind)) {
    return `Could not reach ${baseUrl}: ${error.message} Check the tenant.`;
  }
  throw error;
}

/** Asks until the credentials get a token (or the user gives up); returns what worked. */
async function askVerifiedCredentials(ctx: CommandContext, title: string, draft: CredentialsDraft): Promise<CredentialsDraft & { baseUrl: string }> {
  let problem: string | undefined;
  for (;;) {
    draft = await askCredentials(ctx, title, draft, problem);
    const baseUrl = tenantBaseUrl(draft.tenantInput);
    const client = ctx.clients.create({ baseUrl, clientId: draft.clientId, clientSecret: draft.secret });
    const host = new URL(baseUrl).host;
    try {
      await ctx.ui.progress(`Checking the credentials with ${host}…`, (signal) => client.verifyCredentials({ signal }));
      return { ...draft, baseUrl };
    } catch (error) {
      if (isCancellation(error)) {
        problem = `You cancelled the check with ${host}.`;
        ctx.log.info(`${title}: ${problem}`);
        continue;
      }
      problem = credentialProblem(error, baseUrl);
      ctx.log.warn(`${title}: ${problem}`);
      void ctx.ui.notify('error', problem);
    }
  }
}

function defaultLabel(baseUrl: string): string {
  const host = new URL(baseUrl).host;
  return host.endsWith('.api.identitynow.com') ? host.slice(0, -'.api.identitynow.com'.length) : host;
}

async function addTenant(ctx: CommandContext): Promise<Tenant> {
  const verified = await askVerifiedCredentials(ctx, 'Add ISC Tenant', { tenantInput: '', clientId: '', secret: '' });
  const label = defaultLabel(verified.baseUrl);
  const tenant: Tenant = { id: ctx.tenants.newId(label), label, baseUrl: verified.baseUrl, clientId: verified.clientId };
  await ctx.tenants.save(tenant, verified.secret);
  ctx.log.info(`Added tenant ${tenant.label} (${tenant.baseUrl})`);
  void ctx.ui.notify('info', `Added the tenant "${tenant.label}".`);
  return tenant;
}

async function editTenant(ctx: CommandContext, args: unknown[]): Promise<Tenant> {
  const tenant = await resolveTenantTarget(ctx, args, 'Edit Tenant');
  if (tenant.sandbox) throw new Error('The sandbox tenant is set up by "Connect to Sandbox Tenant"; there is nothing to edit.');
  const label = required(
    await ctx.ui.input({
      title: 'Edit Tenant',
      prompt: 'Name shown in the explorer',
      value: tenant.label,
      validate: (text) => (text.trim() ? undefined : 'The name is required.'),
    }),
  ).trim();
  const verified = await askVerifiedCredentials(ctx, `Edit Tenant ${label}`, {
    tenantInput: tenant.baseUrl,
    clientId: tenant.clientId,
    secret: (await ctx.tenants.getSecret(tenant.id)) ?? '',
  });
  const edited: Tenant = { ...tenant, label, baseUrl: verified.baseUrl, clientId: verified.clientId };
  ctx.clients.invalidate(tenant.id);
  await ctx.tenants.save(edited, verified.secret);
  const node = ctx.explorer.tenantNodeById(tenant.id);
  if (node) ctx.explorer.refresh(node);
  return edited;
}

async function removeTenant(ctx: CommandContext, args: unknown[]): Promise<boolean> {
  const tenant = await resolveTenantTarget(ctx, args, 'Remove Tenant');
  const confirmed = await ctx.ui.confirm({
    message: `Remove the tenant "${tenant.label}" from VS Code?`,
    detail: `Its client secret is deleted from this machine's secret storage. Nothing changes in ISC (${tenant.baseUrl}).`,
    confirm: 'Remove',
  });
  if (!confirmed) return false;
  const activity = await askAboutActivity(ctx, tenant);
  if (activity === undefined) return false;
  await ctx.tenants.remove(tenant.id);
  ctx.clients.invalidate(tenant.id);
  if (tenant.sandbox) await ctx.sandbox.stop();
  if (activity === 'remove') await ctx.journal.removeTenant(tenant.id);
  ctx.log.info(`Removed tenant ${tenant.label}${activity === 'remove' ? ' and its Activity entries' : ''}`);
  return true;
}

/** Whether the tenant's Activity entries go too; asked only when it has some. Undefined: Cancel. */
async function askAboutActivity(ctx: CommandContext, tenant: Tenant): Promise<'remove' | 'keep' | undefined> {
  // Opening the journal of a tenant that has none would make its folder: look first.
  if (!(await ctx.journal.tenantIds()).includes(tenant.id)) return 'keep';
  const count = (await ctx.journal.entries(tenant.id)).length;
  if (count === 0) return 'keep';
  const remove = 'Remove Its Activity';
  const keep = 'Keep Its Activity';
  const answer = await ctx.ui.choose({
    message: `Remove the ${count} Activity ${count === 1 ? 'entry' : 'entries'} of "${tenant.label}" too?`,
    detail: 'Kept, they stay in the Activity view and its exports, under the tenant\'s id. Entries still running are kept either way.',
    choices: [remove, keep],
  });
  return answer === remove ? 'remove' : answer === keep ? 'keep' : undefined;
}

export async function connectSandbox(ctx: CommandContext, options?: SandboxOptions): Promise<Tenant> {
  const tenant = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Starting the sandbox tenant…' },
    () => ctx.sandbox.connect(options),
  );
  ctx.clients.invalidate(tenant.id);
  const node = ctx.explorer.tenantNodeById(tenant.id);
  if (node) {
    ctx.explorer.refresh(node);
    await ctx.treeView()?.reveal(node, { expand: true, select: true });
  }
  return tenant;
}

export const tenantCommands: CommandGroup = (ctx) => ({
  'iscAccounts.addTenant': () => addTenant(ctx),
  'iscAccounts.editTenant': (...args) => editTenant(ctx, args),
  'iscAccounts.removeTenant': (...args) => removeTenant(ctx, args),
  'iscAccounts.connectSandbox': (options) =>
    connectSandbox(ctx, options && typeof options === 'object' ? (options as SandboxOptions) : undefined),
});
