// Changing a flat-file account's attributes: the attribute editor (JSON Patch, its own
// webview), or Replace Attributes: an editable JSON document sent whole with PUT.
//
// Replace Attributes is two steps: run on an account, it opens an untitled document
// `<account>.isc-put.json` holding `{"attributes": …}`; run on that document (its editor
// title button, or the palette while it is the active editor), it asks once and sends it.
// On any failure the document, and so the user's text, stays as it was.
import * as vscode from 'vscode';
import { parseAttributesDocument } from '../core/attribute-input';
import type { ChangeReport } from '../core/change-report';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { refuseWhileInFlight } from './in-flight';
import { markPending, refreshAccountRow, showUnconfirmed } from './tree-refresh';
import { accountJournalTarget, accountOfTarget, requireFlatFileAccount, resolveAccountTarget, rowOfTarget, targetLabel, type AccountTarget } from './targets';

export const PUT_DOCUMENT_SUFFIX = '.isc-put.json';

// No flat-file check here: on other accounts the editor opens read-only with the reason, and
// still lets the user change the correlation, which ISC allows on any account.
async function editAttributes(ctx: CommandContext, args: unknown[]): Promise<void> {
  const target = await resolveAccountTarget(ctx, args, 'Edit Attributes');
  await ctx.editors.open(target.tenantId, target.accountId);
}

export function replaceAttributeCommands(): CommandGroup {
  return (ctx) => {
    /** Which account each open PUT document belongs to. */
    const documents = new Map<string, AccountTarget>();

    async function open(target: AccountTarget): Promise<vscode.TextDocument> {
      await requireFlatFileAccount(ctx, target, 'Replace Attributes (PUT)');
      const account = await accountOfTarget(ctx, target, true);
      const name = targetLabel(target).replace(/[\\/:*?"<>|#%]+/g, '_');
      const uri = vscode.Uri.from({ scheme: 'untitled', path: `/${name}${PUT_DOCUMENT_SUFFIX}` });
      documents.set(uri.toString(), target);
      const document = await vscode.workspace.openTextDocument(uri);
      // An already open document keeps the user's edits; a new one starts from the account.
      if (document.getText().trim() === '') {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(0, 0), `${JSON.stringify({ attributes: account.attributes ?? {} }, null, 2)}\n`);
        await vscode.workspace.applyEdit(edit);
      }
      await vscode.window.showTextDocument(document, { preview: false });
      void ctx.ui.notify(
        'info',
        `Edit the attributes of "${targetLabel(target)}", then run "Replace Attributes (PUT)" again (editor title button) to send them.`,
      );
      return document;
    }

    async function send(uri: vscode.Uri): Promise<ChangeReport | undefined> {
      const target = documents.get(uri.toString());
      if (!target) {
        throw new Error('This document is not linked to an account (it may be from an earlier session): run "Replace Attributes (PUT)" on the account again.');
      }
      const document = await vscode.workspace.openTextDocument(uri);
      const parsed = parseAttributesDocument(document.getText());
      if (!parsed.ok) throw new Error(`${parsed.message} Nothing was sent; fix the document and try again.`);
      refuseWhileInFlight(ctx, target, 'Replace Attributes (PUT)');
      const label = targetLabel(target);
      const count = Object.keys(parsed.value).length;
      const confirmed = await ctx.ui.confirm({
        message: `Replace all attributes of "${label}" with the contents of this document?`,
        detail: `${count} attribute${count === 1 ? '' : 's'} will be sent with PUT; attributes missing from the document are removed from the account.`,
        confirm: 'Replace',
      });
      if (!confirmed) return undefined;
      const done = markPending(ctx, target, 'Replace Attributes (PUT)');
      let report: ChangeReport;
      try {
        report = await runSingleChange(ctx, {
          title: `Replacing the attributes of ${label}`,
          past: 'given the new attributes (PUT)',
          subject: { tenantId: target.tenantId, accountId: target.accountId, sourceId: rowOfTarget(target)?.sourceId, label },
          spec: { kind: 'put', accountId: target.accountId, attributes: parsed.value },
          target: accountJournalTarget(target),
        });
      } finally {
        done();
      }
      await refreshAccountRow(ctx, target);
      showUnconfirmed(ctx, report, 'changed');
      return report;
    }

    async function replaceAttributes(args: unknown[]): Promise<unknown> {
      const [first] = args;
      if (first instanceof vscode.Uri) return send(first);
      const active = vscode.window.activeTextEditor?.document.uri;
      if (first === undefined && active && documents.has(active.toString())) return send(active);
      return open(await resolveAccountTarget(ctx, args, 'Replace Attributes (PUT)'));
    }

    return {
      'iscAccounts.account.editAttributes': (...args) => editAttributes(ctx, args),
      'iscAccounts.account.replaceAttributes': (...args) => replaceAttributes(args),
    };
  };
}
