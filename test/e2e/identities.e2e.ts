// An identity as a person opens it, in a real VS Code in Chromium: "Show Accounts of Identity"
// from the palette, and the identity pinned above its tenant's sources with its accounts from
// every source, its IDN account among them; its IDN toggle; the pin after a window reload.
// The sandbox tenant runs in this test's own process, so the test can choose the identity and
// read what the extension asked. The picture is kept in media/screenshots/identity.png.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { startSandbox, type SandboxHandle, type SandboxIdentity } from '../../src/sandbox';
import { pickQuickPickRow } from './support/quick-pick';
import { keepForReadme } from './support/readme-screenshots';
import { sandboxTenantEnv } from './support/sandbox-tenant';
import { contextMenuPick, paneRows, rowLabelled, viewPane, widenSideBar } from './support/side-bar';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

const TENANT_LABEL = 'E2E sandbox';

describe('Identities in the browser', function () {
  this.timeout(300_000);
  let sandbox: SandboxHandle;
  let vscode: VsCodeInBrowser;
  let page: Page;
  let accounts: Locator;
  let identity: SandboxIdentity;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 300, identities: 120, taskDurationMs: 500 });
    // Someone with a few accounts in three sources or more, one of them their IDN account (enabled).
    identity = sandbox.tenant.identities().find((candidate) => {
      const owned = sandbox.tenant.accountsOfIdentity(candidate.id);
      const sameName = sandbox.tenant.identities().filter((other) => other.name.startsWith(candidate.name)).length;
      return sameName === 1 && owned.length <= 5 && new Set(owned.map((a) => a.sourceId)).size >= 3 && sandbox.tenant.identityNowAccountOf(candidate.id)?.disabled === false;
    })!;
    assert.ok(identity, 'the sandbox has an identity with accounts in three sources');
    vscode = await launchVsCode({
      env: sandboxTenantEnv(sandbox, TENANT_LABEL),
      settings: { 'workbench.sideBar.location': 'left' },
    });
    page = vscode.page;
    await page.setViewportSize({ width: 1400, height: 860 });
    accounts = viewPane(page, 'Accounts');
    await vscode.openView('iscAccounts');
    await widenSideBar(page, 640);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
    await sandbox?.close();
  });

  function identityRow(): Locator {
    return rowLabelled(accounts, identity.name, 2);
  }

  it('opens an identity from the palette: pinned above the sources, its accounts from three sources with one request, its IDN account among them', async () => {
    await rowLabelled(accounts, TENANT_LABEL, 1).click();
    await rowLabelled(accounts, 'IdentityNow', 2).waitFor({ state: 'visible', timeout: 60_000 });
    const mark = sandbox.requestLog().length;
    await vscode.runCommand('iscAccounts.account.showIdentityAccounts');
    await pickQuickPickRow(page, identity.name, identity.name);
    await identityRow().waitFor({ state: 'visible', timeout: 60_000 });
    await identityRow().locator('.label-description', { hasText: /IDN account enabled/ }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await paneRows(accounts, 2).first().locator('.label-name').innerText()).trim(), identity.name, 'the identity is the first row of its tenant');

    const owned = sandbox.tenant.accountsOfIdentity(identity.id);
    const rows = paneRows(accounts, 3);
    await rows.nth(owned.length - 1).waitFor({ state: 'visible', timeout: 30_000 });
    const shownSources = (await rows.locator('.label-description').allInnerTexts()).map((text) => text.split(' · ')[0].trim());
    assert.deepEqual([...shownSources].sort(), owned.map((a) => sandbox.tenant.source(a.sourceId)!.name).sort());
    assert.ok(shownSources.includes('IdentityNow'), `its IDN account is listed: ${shownSources.join(', ')}`);
    const listed = sandbox
      .requestLog()
      .slice(mark)
      .filter((r) => r.method === 'GET' && /\/accounts$/.test(r.path) && new URLSearchParams(r.query).get('filters') === `identityId eq "${identity.id}"`);
    assert.equal(listed.length, 1, 'one filtered request');

    await page.mouse.move(1100, 700);
    const taken = await vscode.screenshot('identity');
    keepForReadme(taken, 'identity');
    console.log(`      screenshot: ${taken}`);
  });

  it('disables the IDN account from the identity’s menu: ISC has it disabled, and the identity and its row say so', async () => {
    const offered = await contextMenuPick(identityRow(), 'Disable IDN Account of Identity…');
    assert.ok(!offered.includes('Enable IDN Account of Identity…'), `one IDN toggle: ${offered.join(' | ')}`);
    assert.ok(offered.includes('Close Identity'), `menu: ${offered.join(' | ')}`);
    await identityRow().locator('.label-description', { hasText: /IDN account disabled/ }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(sandbox.tenant.identityNowAccountOf(identity.id)!.disabled, true);
    const idnRow = paneRows(accounts, 3).filter({ has: page.locator('.label-description', { hasText: /^IdentityNow · disabled$/ }) });
    await idnRow.waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('keeps the identity pinned across a window reload', async () => {
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    const tenant = rowLabelled(accounts, TENANT_LABEL, 1);
    await tenant.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await tenant.getAttribute('aria-expanded')) === 'false') await tenant.click();
    await identityRow().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal((await paneRows(accounts, 2).first().locator('.label-name').innerText()).trim(), identity.name, 'still above the sources');
    await identityRow().locator('.label-description', { hasText: /IDN account disabled/ }).waitFor({ state: 'visible', timeout: 30_000 });
  });
});
