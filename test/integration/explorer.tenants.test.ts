// Tenants: Add Tenant checks the URL and the credentials before saving, keeps what the user
// typed when ISC refuses or the check is cancelled, keeps secrets only in SecretStorage; the
// built-in sandbox tenant.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { PromptInfo } from '../../src/ui/prompt-types';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { children, extensionApi, labelOf, notices, run, until } from './explorer-helpers';

describe('Tenants', function () {
  this.timeout(120_000);
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 50, taskDurationMs: 50 });
  });
  after(async () => {
    (await extensionApi()).ui.stopAnswering();
    await sandbox?.close();
  });

  it('Add Tenant names what is wrong with a bad URL, in the input box', async () => {
    const api = await extensionApi();
    api.ui.answer(['http://acme.api.identitynow.com']);
    assert.equal(await run('iscAccounts.addTenant'), undefined);
    assert.match(api.ui.transcript[0].validationMessage!, /plain http/);
    api.ui.answer(['not a tenant!']);
    await run('iscAccounts.addTenant');
    assert.match(api.ui.transcript[0].validationMessage!, /is not an ISC tenant/);
  });

  it('Add Tenant says the client id or secret was refused and asks again with the typed values', async () => {
    const api = await extensionApi();
    const prefilled: Array<string | undefined> = [];
    const keep = (replacement?: string) => (prompt: PromptInfo) => {
      prefilled.push(prompt.value);
      return replacement ?? prompt.value;
    };
    api.ui.answer([sandbox.baseUrl, 'wrong-client', 'wrong-secret-value', keep(), keep(sandbox.clientId), keep(sandbox.clientSecret)]);
    const tenant = await run<{ id: string; baseUrl: string; clientId: string }>('iscAccounts.addTenant');
    try {
      assert.deepEqual(prefilled, [sandbox.baseUrl, 'wrong-client', 'wrong-secret-value']);
      const [refused] = notices(api, 'error');
      assert.match(refused, /refused the client id or secret/);
      assert.ok(!refused.includes('wrong-secret-value'), 'the secret is never in a message');
      const again = api.ui.transcript.filter((e) => e.kind === 'input')[3];
      assert.match(again.prompt!, /refused the client id or secret/);
      assert.equal(tenant.baseUrl, sandbox.baseUrl);
      assert.equal(tenant.clientId, sandbox.clientId);
      assert.ok((await children(api)).some((node) => node.id === `tenant/${tenant.id}`), 'the tree shows it');

      // Secrets: only in SecretStorage.
      assert.equal(await api.tenants.getSecret(tenant.id), sandbox.clientSecret);
      assert.ok(!JSON.stringify(api.tenants.list()).includes(sandbox.clientSecret), 'not in globalState');
      const settings = vscode.workspace.getConfiguration('iscAccounts');
      assert.ok(!JSON.stringify(settings).includes(sandbox.clientSecret), 'not in settings');
      assert.ok(!api.log.redactor.redact(`secret=${sandbox.clientSecret}`).includes(sandbox.clientSecret), 'masked in the log');
      assert.ok(!JSON.stringify(api.ui.transcript).includes('wrong-secret-value'), 'not in the prompt transcript');
    } finally {
      api.ui.answer([true]);
      assert.equal(await run('iscAccounts.removeTenant', tenant.id), true);
    }
    assert.match(api.ui.transcript[0].prompt!, /Remove the tenant ".+" from VS Code\?/);
    assert.equal(await api.tenants.getSecret(tenant.id), undefined, 'the secret is deleted');
    assert.equal(api.tenants.get(tenant.id), undefined);
  });

  it('Add Tenant: the credential check can be cancelled, promptly, and everything typed is offered again', async () => {
    const api = await extensionApi();
    // A token endpoint that never answers: only Cancel can end the check before the time limit (30 s).
    const tokenRequests: IncomingMessage[] = [];
    let closedByClient = 0;
    const silent = createServer((request) => {
      tokenRequests.push(request);
      request.socket.on('close', () => closedByClient++);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const prefilled: Array<string | undefined> = [];
      const keep = (prompt: PromptInfo) => {
        prefilled.push(prompt.value);
        return prompt.value;
      };
      api.ui.answer([url, 'patient-client', 'patient-secret-value', keep, keep, keep, undefined]);
      const started = Date.now();
      const command = run('iscAccounts.addTenant');
      await until(() => tokenRequests.length === 1, 'the first check to reach the token endpoint');
      assert.equal(api.ui.cancelProgress(), 1, 'one cancellable check was running');
      await until(() => tokenRequests.length === 2, 'the second check (after the values were offered again)');
      assert.equal(api.ui.cancelProgress(), 1);
      assert.equal(await command, undefined, 'Escape after the second cancel ends Add Tenant without a tenant');
      const took = Date.now() - started;
      assert.ok(took < 15_000, `two cancelled checks took ${took} ms; each would otherwise wait 30 s`);
      assert.deepEqual(prefilled, [url, 'patient-client', 'patient-secret-value'], 'the typed values were offered again');
      const inputs = api.ui.transcript.filter((entry) => entry.kind === 'input');
      assert.match(inputs[3].prompt!, /cancelled the check/);
      assert.deepEqual(notices(api, 'error'), [], 'a cancel is not an error');
      assert.ok(!api.tenants.list().some((tenant) => tenant.baseUrl === url), 'nothing was saved');
      await until(() => closedByClient === 2, 'both token requests were aborted, not left hanging');
    } finally {
      api.ui.stopAnswering();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('Connect to Sandbox Tenant starts the sandbox once and reuses it', async () => {
    const api = await extensionApi();
    const first = await api.connectSandbox({ largeSourceAccounts: 300, taskDurationMs: 50 });
    try {
      assert.equal(first.label, 'Sandbox tenant');
      const again = await run<{ baseUrl: string }>('iscAccounts.connectSandbox');
      assert.equal(again.baseUrl, first.baseUrl, 'a second call reuses the running sandbox');
      const node = (await children(api)).find((n) => n.id === `tenant/${first.id}`)!;
      assert.equal(labelOf(node), 'Sandbox tenant');
      const sources = await children(api, node);
      assert.ok(sources.map(labelOf).includes('Active Directory'));
    } finally {
      api.ui.answer([true]);
      await run('iscAccounts.removeTenant', first.id);
    }
    const response = await fetch(`${first.baseUrl}/oauth/token`, { method: 'POST' }).catch((error: unknown) => error);
    assert.ok(response instanceof Error, 'removing the sandbox tenant stopped the sandbox');
  });
});
