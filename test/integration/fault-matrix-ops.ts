// The operations of the fault matrix: each one runs a change through its real command handler
// (or, for the attribute editor, the applyDraft its panel calls), on an account, source or
// identity no other cell used, and says which request is the change and what the ledger
// should show for it.
import * as vscode from 'vscode';
import { accountToDraft } from '../../src/editor/shared/draft';
import type { EditorDraft, LoadedAccount } from '../../src/editor/shared/protocol';
import { applyDraft, type ApplyResult } from '../../src/editor/apply';
import { fetchEditableAccount } from '../../src/editor/editable-account';
import { IscClient } from '../../src/isc';
import type { LedgerQuery, SandboxAccount, SandboxHandle } from '../../src/sandbox';
import { run, type SandboxTenantFixture } from './explorer-helpers';
import { withoutAccountSchema } from './create-schema-helpers';

export interface CellResult {
  outcome: string;
  label?: string;
  reason?: string;
}

/** What one run of an operation did. */
export interface Ran {
  /** One per change; undefined when the command ended with an error before any change. */
  results?: CellResult[];
  /** The sandbox ledger's entries for each change: one query per target. */
  intents: LedgerQuery[];
}

export interface Operation {
  name: string;
  /** The change request, for the proxy's rule. */
  method: string;
  path: (ids: string[]) => RegExp;
  /** `arm` is called with the target ids once they are picked, before anything is sent. */
  run: (fx: SandboxTenantFixture, pick: Picker, arm: (ids: string[]) => void) => Promise<Ran>;
}

export type Picker = (sourceId: string, condition: (a: SandboxAccount) => boolean) => SandboxAccount;

type Report = { results?: CellResult[] } | undefined;
const ref = (fx: SandboxTenantFixture, a: SandboxAccount) => ({ tenantId: fx.tenantId, accountId: a.id });
const ad = (s: SandboxHandle) => s.tenant.largeSource().id;
const flat = (s: SandboxHandle) => s.tenant.flatFileSource().id;
const intent = (kind: LedgerQuery['kind'] & string, id: string): LedgerQuery => {
  if (kind === 'identity-enable' || kind === 'identity-disable') return { kind, identityId: id };
  if (kind === 'remove-all') return { kind, sourceId: id };
  return { kind, accountId: id };
};
let serial = 0;

/** An operation on one account: run `command` with `answers`; the ledger shows `action` on it. */
function accountOp(name: string, action: LedgerQuery['kind'] & string, command: string, method: string, suffix: string, where: (s: SandboxHandle) => string, condition: (a: SandboxAccount) => boolean, answers: unknown[] = []): Operation {
  return {
    name,
    method,
    path: ([id]) => new RegExp(`/accounts/${id}${suffix}$`),
    run: async (fx, pick, arm) => {
      const account = pick(where(fx.sandbox), condition);
      arm([account.id]);
      fx.api.ui.answer(answers as never[]);
      const report = await run<Report>(command, ref(fx, account));
      return { results: report?.results, intents: [intent(action, account.id)] };
    },
  };
}

const enabled = (a: SandboxAccount) => !a.disabled && !a.locked;
const idnOf = (s: SandboxHandle, count: number, used: Set<string>) => {
  const found = s.tenant.identities().filter((i) => !used.has(i.id) && s.tenant.identityNowAccountOf(i.id)).slice(0, count);
  for (const identity of found) used.add(identity.id);
  return found;
};

export function operations(usedIdentities: Set<string>): Operation[] {
  const idnSingle = (toggle: 'enable' | 'disable'): Operation => ({
    name: `IDN ${toggle}`,
    method: 'POST',
    path: ([id]) => new RegExp(`/identities-accounts/${id}/${toggle}$`),
    run: async (fx, _pick, arm) => {
      const [identity] = idnOf(fx.sandbox, 1, usedIdentities);
      arm([identity.id]);
      fx.api.ui.answer([]);
      const report = await run<Report>(`iscAccounts.identity.${toggle}IdnAccount`, { tenantId: fx.tenantId, identityIds: [identity.id] });
      return { results: report?.results, intents: [intent(`identity-${toggle}`, identity.id)] };
    },
  });
  const idnBulk = (toggle: 'enable' | 'disable'): Operation => ({
    name: `IDN ${toggle} bulk`,
    method: 'POST',
    path: () => new RegExp(`/identities-accounts/${toggle}$`),
    run: async (fx, _pick, arm) => {
      const identities = idnOf(fx.sandbox, 3, usedIdentities);
      arm(identities.map((i) => i.id));
      fx.api.ui.answer([]);
      const report = await run<Report>(`iscAccounts.identity.${toggle}IdnAccount`, { tenantId: fx.tenantId, identityIds: identities.map((i) => i.id) });
      return { results: report?.results, intents: identities.map((i) => intent(`identity-${toggle}`, i.id)) };
    },
  });
  return [
    {
      name: 'create',
      method: 'POST',
      path: () => /\/accounts$/,
      run: async (fx, _pick, arm) => {
        const nativeIdentity = `matrix-${Date.now()}-${serial++}`;
        arm([]);
        fx.api.ui.answer([nativeIdentity, nativeIdentity, 'department=Matrix']);
        const report = await withoutAccountSchema(fx.sandbox, flat(fx.sandbox), () => run<Report>('iscAccounts.source.createAccount', { tenantId: fx.tenantId, sourceId: flat(fx.sandbox) }));
        return { results: report?.results, intents: [{ kind: 'create', nativeIdentity }] };
      },
    },
    accountOp('delete', 'delete', 'iscAccounts.account.delete', 'DELETE', '', flat, () => true, [true]),
    accountOp('remove', 'remove', 'iscAccounts.account.remove', 'POST', '/remove', ad, () => true, [true]),
    {
      name: 'remove all of source',
      method: 'POST',
      path: ([id]) => new RegExp(`/sources/${id}/remove-accounts$`),
      run: async (fx, _pick, arm) => {
        const source = fx.sandbox.tenant.sources().find((s) => s.id !== ad(fx.sandbox) && s.id !== flat(fx.sandbox) && !/identitynow/i.test(`${s.type}`))!;
        arm([source.id]);
        fx.api.ui.answer([true, source.name]);
        const report = await run<Report>('iscAccounts.source.removeAllAccounts', { tenantId: fx.tenantId, sourceId: source.id });
        return { results: report?.results, intents: [intent('remove-all', source.id)] };
      },
    },
    {
      name: 'PUT',
      method: 'PUT',
      path: ([id]) => new RegExp(`/accounts/${id}$`),
      run: async (fx, pick, arm) => {
        const account = pick(flat(fx.sandbox), () => true);
        fx.api.ui.answer([]);
        const document = await run<vscode.TextDocument | undefined>('iscAccounts.account.replaceAttributes', ref(fx, account));
        if (!document) return { results: undefined, intents: [intent('put', account.id)] };
        const attributes = { ...(JSON.parse(document.getText()) as { attributes: Record<string, unknown> }).attributes, department: `PUT ${serial++}` };
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify({ attributes }, null, 2));
        await vscode.workspace.applyEdit(edit);
        arm([account.id]);
        fx.api.ui.answer([true]);
        const report = await run<Report>('iscAccounts.account.replaceAttributes', document.uri);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        return { results: report?.results, intents: [intent('put', account.id)] };
      },
    },
    {
      name: 'PATCH attributes',
      method: 'PATCH',
      path: ([id]) => new RegExp(`/accounts/${id}$`),
      run: async (fx, pick, arm) => {
        const account = pick(flat(fx.sandbox), () => true);
        // A client of this bundle, so its errors are the classes applyDraft (also of this bundle) knows.
        const tenant = fx.api.tenants.get(fx.tenantId)!;
        const timeoutMs = 1000 * (vscode.workspace.getConfiguration('iscAccounts').get<number>('requestTimeoutSeconds') ?? 30);
        const client = new IscClient({ baseUrl: tenant.baseUrl, clientId: fx.sandbox.clientId, clientSecret: fx.sandbox.clientSecret, timeoutMs });
        const base = await fetchEditableAccount(client, account.id).catch(() => undefined);
        if (!base) return { results: undefined, intents: [intent('patch', account.id)] };
        const draft = accountToDraft(base);
        arm([account.id]);
        draft.attributes.push({ rowId: 'r-matrix', name: 'matrixNote', value: { kind: 'single', type: 'string', text: `note ${serial++}` } });
        const applied = await applyConfirmed(fx, client, base, draft);
        const change = 'change' in applied ? applied.change : undefined;
        return { results: change ? [{ outcome: change.outcome, label: base.name, reason: change.reason }] : undefined, intents: [intent('patch', account.id)] };
      },
    },
    accountOp('PATCH correlation', 'patch', 'iscAccounts.account.setManuallyCorrelated', 'PATCH', '', ad, (a) => !a.manuallyCorrelated, ['true']),
    accountOp('enable', 'enable', 'iscAccounts.account.enable', 'POST', '/enable', ad, (a) => a.disabled),
    accountOp('disable', 'disable', 'iscAccounts.account.disable', 'POST', '/disable', ad, enabled),
    accountOp('unlock', 'unlock', 'iscAccounts.account.unlock', 'POST', '/unlock', ad, (a) => a.locked, ['Unlock']),
    accountOp('enable +options (forced)', 'enable', 'iscAccounts.account.enableWithOptions', 'POST', '/enable', ad, (a) => a.disabled && !a.locked, ['Force provisioning', 'CHG-1']),
    accountOp('disable +options', 'disable', 'iscAccounts.account.disableWithOptions', 'POST', '/disable', ad, enabled, ['Do not force provisioning', 'CHG-2']),
    accountOp('unlock +options', 'unlock', 'iscAccounts.account.unlock', 'POST', '/unlock', ad, (a) => a.locked, ['Options…', 'Yes', 'Do not force provisioning', '']),
    accountOp('reload', 'reload', 'iscAccounts.account.reload', 'POST', '/reload', ad, () => true),
    idnSingle('enable'),
    idnSingle('disable'),
    idnBulk('enable'),
    idnBulk('disable'),
  ];
}

/** The editor's Apply (the function its panel calls), with its confirmation answered yes. */
export async function applyConfirmed(fx: SandboxTenantFixture, client: IscClient, base: LoadedAccount, draft: EditorDraft): Promise<ApplyResult> {
  fx.api.ui.answer([true, undefined]); // Apply; and Cancel, should it ask about a newer version
  try {
    return await applyDraft({ client, journal: fx.api.journal, tenantId: fx.tenantId, base, log: fx.api.log as never, ui: fx.api.ui, reportProgress: () => undefined }, draft);
  } finally {
    fx.api.ui.stopAnswering();
  }
}
