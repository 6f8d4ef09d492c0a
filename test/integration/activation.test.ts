// The extension activates in a real VS Code, and the commands it registers are exactly the
// ones package.json declares: a command declared but not registered fails when clicked, one
// registered but not declared is invisible in the palette and menus.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'isc-accounts.isc-accounts';

interface ContributedCommand {
  command: string;
}
interface ContributedView {
  id: string;
}

describe('Extension activation', () => {
  let extension: vscode.Extension<unknown>;

  before(() => {
    const found = vscode.extensions.getExtension(extensionId);
    assert.ok(found, `extension ${extensionId} is not loaded`);
    extension = found;
  });

  it('activates without error and records how long it took', async () => {
    const wasActive = extension.isActive;
    const started = performance.now();
    await extension.activate();
    const activationMs = Math.round(performance.now() - started);
    assert.equal(extension.isActive, true);
    const note = wasActive ? 'already active before the test' : `${activationMs} ms`;
    console.log(`      activation: ${note} (VS Code ${vscode.version}, ${vscode.env.appHost})`);
    recordActivationTime(extension.extensionPath, { activationMs: wasActive ? null : activationMs });
  });

  it('registers every command declared in package.json', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declaredCommands(extension).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'declared in package.json but not registered');
  });

  it('declares in package.json every iscAccounts.* command it registers', async () => {
    const declared = new Set(declaredCommands(extension));
    // VS Code itself registers `<viewId>.focus`, `<viewId>.resetViewLocation`, ... for every
    // contributed view: those belong to the workbench, not to the extension.
    const viewPrefixes = contributedViewIds(extension).map((id) => `${id}.`);
    const undeclared = (await vscode.commands.getCommands(true)).filter(
      (id) =>
        id.startsWith('iscAccounts.') &&
        !declared.has(id) &&
        !viewPrefixes.some((prefix) => id.startsWith(prefix)),
    );
    assert.deepEqual(undeclared, [], 'registered but not declared in package.json');
  });
});

function declaredCommands(extension: vscode.Extension<unknown>): string[] {
  const commands = (extension.packageJSON.contributes?.commands ?? []) as ContributedCommand[];
  return commands.map((entry) => entry.command);
}

function contributedViewIds(extension: vscode.Extension<unknown>): string[] {
  const views = (extension.packageJSON.contributes?.views ?? {}) as Record<string, ContributedView[]>;
  return Object.values(views).flatMap((list) => list.map((view) => view.id));
}

// Kept for trend-watching across runs; test-results/ is ignored by git.
function recordActivationTime(extensionPath: string, result: { activationMs: number | null }): void {
  const folder = path.join(extensionPath, 'test-results');
  mkdirSync(folder, { recursive: true });
  const record = { ...result, vscodeVersion: vscode.version, appHost: vscode.env.appHost, at: new Date().toISOString() };
  writeFileSync(path.join(folder, 'activation-time.json'), `${JSON.stringify(record, null, 2)}\n`);
}
