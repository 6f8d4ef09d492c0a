// activate() registers every command package.json declares with a handler that loads the
// command code (dist/features.js) on first use, so "registered" no longer proves a command
// has a handler: this compares the loaded handlers with package.json both ways.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IscAccountsApi } from '../../src/extension';

describe('Commands loaded on first use', () => {
  it('has a handler for every command package.json declares, and none it does not', async () => {
    const extension = vscode.extensions.getExtension<IscAccountsApi>('isc-accounts.isc-accounts')!;
    const api = await extension.activate();
    const declared = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((entry) => entry.command).sort();
    const handled = (await api.commandHandlerIds()).sort();
    assert.deepEqual(
      declared.filter((id) => !handled.includes(id)),
      [],
      'declared in package.json but without a handler',
    );
    assert.deepEqual(
      handled.filter((id) => !declared.includes(id)),
      [],
      'a handler package.json does not declare',
    );
  });
});
