// Secrets in the real VS Code: after a tenant is added through Add Tenant (a wrong secret
// first) and a few actions ran (some failing), the client secret is in SecretStorage and
// nowhere else — not in settings, not in globalState, not in the log channel's file, not in a
// message — and no access token is either. A malformed answer in the middle of an action ends
// its progress with an error message instead of leaving it spinning.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { IscAccountsApi } from '../../src/extension';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { startTenant, type LoopbackServer, type Reply } from '../../tools/testing/loopback-server';
import { startSniffingProxy, type SniffingProxy } from '../../tools/testing/sniffing-proxy';
import { extensionApi, notices, run } from './explorer-helpers';
import { logFileWithMarker } from './log-file';

/** Each secret found in `text`, as-is or URL-encoded, shortened so the failure does not print it whole. */
function leaks(text: string, secrets: string[]): string[] {
  return secrets.filter((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret))).map((secret) => `${secret.slice(0, 6)}…`);
}

describe('Security: secrets stay in SecretStorage', function () {
  this.timeout(120_000);
  const secret = `vscode-s3cr3t-${randomBytes(16).toString('hex')}`;
  const wrongSecret = `vscode-wr0ng-${randomBytes(16).toString('hex')}`;
  const marker = `security-test-marker-${randomBytes(8).toString('hex')}`;
  let api: IscAccountsApi;
  let sandbox: SandboxHandle;
  let proxy: SniffingProxy;
  let tenantId: string;
  let allSecrets: () => string[];
  /** Everything asked and shown, Add Tenant's prompts included (a new script clears the transcript). */
  const shown: string[] = [];

  before(async () => {
    api = await extensionApi();
    sandbox = await startSandbox({ clientSecret: secret, largeSourceAccounts: 50, taskDurationMs: 20 });
    proxy = await startSniffingProxy(sandbox.baseUrl);
    allSecrets = () => [secret, wrongSecret, ...proxy.secretsSeen()];
    api.log.info(marker);

    // Add Tenant as a person would: the wrong secret first, then the right one.
    const keep = (replacement?: string) => (prompt: { value?: string }) => replacement ?? prompt.value;
    api.ui.answer([proxy.url, sandbox.clientId, wrongSecret, keep(), keep(), keep(secret)]);
    const tenant = await run<{ id: string } | undefined>('iscAccounts.addTenant');
    assert.ok(tenant, `Add Tenant did not finish: ${JSON.stringify(api.ui.transcript)}`);
    tenantId = tenant.id;
    shown.push(JSON.stringify(api.ui.transcript));
    // Actions get their targets as arguments: any prompt now would fail the test loudly.
    api.ui.answer([]);

    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id).find((a) => !a.disabled)!;
    const target = { tenantId, accountId: account.id };
    await run('iscAccounts.account.disable', target);
    sandbox.expireAllTokens(); // the next call meets a 401 and refreshes its token
    await run('iscAccounts.account.enable', target);
    await run('iscAccounts.account.disable', { tenantId, accountId: '2c9180000000000000000000000dead' }); // 404
    sandbox.setFaults({ dropAfterApplyRate: 1 });
    // The answer is lost after ISC applied it. Disable would settle that by reading the account
    // back; reload has nothing to read back, so its outcome stays unknown and is reported.
    await run('iscAccounts.account.reload', target);
    sandbox.setFaults({ dropAfterApplyRate: 0 });
    shown.push(JSON.stringify(api.ui.transcript));
    // The 404 is an error; the reload whose answer was lost "may have been applied", a warning.
    assert.ok(notices(api, 'error').length >= 1 && notices(api, 'warning').length >= 1, `the failing actions were reported: ${JSON.stringify(api.ui.transcript)}`);
  });

  after(async () => {
    api?.ui.stopAnswering();
    if (tenantId) await api.tenants.remove(tenantId);
    await proxy?.close();
    await sandbox?.close();
  });

  it('keeps the secret in SecretStorage, and tokens were really issued', async () => {
    assert.equal(await api.tenants.getSecret(tenantId), secret);
    assert.ok(proxy.secretsSeen().filter((value) => value.startsWith('eyJ')).length >= 2, 'at least two access tokens went through');
  });

  it('has no secret or token in any iscAccounts.* setting, at any scope', () => {
    const extension = vscode.extensions.getExtension('isc-accounts.isc-accounts')!;
    const keys = Object.keys(extension.packageJSON.contributes.configuration.properties as Record<string, unknown>);
    assert.ok(keys.length > 0);
    const configuration = vscode.workspace.getConfiguration();
    const dump = JSON.stringify([vscode.workspace.getConfiguration('iscAccounts'), ...keys.map((key) => configuration.inspect(key))]);
    assert.deepEqual(leaks(dump, allSecrets()), []);
  });

  it('has no secret or token in globalState (every key the tenant store can reach)', () => {
    const state: unknown = Reflect.get(api.tenants, 'state');
    assert.ok(isMemento(state), 'the tenant store keeps its globalState Memento as `state`: if this moved, follow it');
    const dump = JSON.stringify(state.keys().map((key) => [key, state.get(key)]));
    assert.ok(dump.includes(tenantId), 'the tenant itself is in globalState');
    assert.deepEqual(leaks(dump, allSecrets()), []);
  });

  it('has no secret or token in the log channel’s file', async () => {
    const { file, searched } = await logFileWithMarker(marker);
    assert.ok(file, `could not find the LogOutputChannel's log file (searched ${searched}); expose context.logUri in the API to make this reachable`);
    const text = await vscode.workspace.fs.readFile(vscode.Uri.file(file)).then((bytes) => Buffer.from(bytes).toString('utf8'));
    assert.match(text, /404/, 'the failing actions were logged');
    assert.deepEqual(leaks(text, allSecrets()), []);
  });

  it('has no secret or token in anything shown or asked', () => {
    assert.match(shown[0], /refused the client id or secret/, 'Add Tenant showed the refusal of the wrong secret');
    assert.deepEqual(leaks(shown.join('\n'), allSecrets()), []);
  });
});

describe('Security: a malformed answer during an action ends its progress with an error', function () {
  this.timeout(120_000);
  let api: IscAccountsApi;
  let server: LoopbackServer | undefined;

  before(async () => {
    api = await extensionApi();
  });
  afterEach(async () => {
    api.ui.stopAnswering();
    await api.tenants.remove('malformed');
    api.clients.invalidate('malformed');
    await server?.close();
  });

  const taskStarted: Reply = { status: 202, json: { id: 'task-1' } };
  const cases: Array<[string, (method: string) => Reply]> = [
    ['the task answer is cut short', () => ({ status: 202, headers: { 'Content-Type': 'application/json' }, body: '{"id": "ta' })],
    ['the task status is an HTML 502 page', (method) => (method === 'POST' ? taskStarted : { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' })],
    ['the task status is an array of numbers', (method) => (method === 'POST' ? taskStarted : { status: 200, json: [1, 2, 3] })],
  ];
  for (const [what, answer] of cases) {
    it(`${what}: the command settles within 30 s and shows an error`, async () => {
      server = await startTenant((request) => answer(request.method));
      await api.tenants.save({ id: 'malformed', label: 'Malformed', baseUrl: server.url, clientId: 'malformed-client' }, 'malformed-secret-value');
      api.ui.answer([]);
      const settled = await Promise.race([
        run('iscAccounts.account.disable', { tenantId: 'malformed', accountId: 'a1' }).then(() => 'settled' as const),
        new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 30_000)),
      ]);
      assert.equal(settled, 'settled', 'the progress notification would still be spinning');
      // The change was accepted (or may have been): an unreadable answer makes it "may have been applied", a warning.
      const shown = [...notices(api, 'error'), ...notices(api, 'warning')];
      assert.equal(shown.length, 1, JSON.stringify(api.ui.transcript));
      assert.match(shown[0], /unreadable answer|HTML|cut short|not JSON|expected/i);
    });
  }
});

function isMemento(value: unknown): value is vscode.Memento {
  return typeof value === 'object' && value !== null && typeof (value as vscode.Memento).keys === 'function' && typeof (value as vscode.Memento).get === 'function';
}
