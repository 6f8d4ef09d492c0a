// Create Account from the source's schema as a person uses it, in a real VS Code in Chromium:
// run it from the palette on the sandbox's flat file, read the form the schema built, type a
// wrong number and see it refused, fix it, Create, and check the sandbox over HTTP.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { IscClient } from '../../src/isc';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../src/sandbox';
import { pickQuickPickRow } from './support/quick-pick';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';

const FLAT_FILE_SOURCE = 'Contractor Roster (CSV)';
const HOSTILE = '<img src=x onerror=alert(1)>';

/** VS Code nests each webview in two iframes: the host frame, then the page's own. */
function formFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

describe('Create Account from the schema in the browser', function () {
  this.timeout(300_000);
  let vscode: VsCodeInBrowser;
  let page: Page;
  let sandboxUrl: string;

  before(async () => {
    vscode = await launchVsCode();
    page = vscode.page;
    await vscode.openView('iscAccounts');
    await vscode.runCommand('iscAccounts.connectSandbox');
    const started = Date.now();
    for (;;) {
      const found = /Sandbox tenant running at (http:\/\/127\.0\.0\.1:\d+)/.exec(vscode.extensionHostLog());
      if (found) {
        sandboxUrl = found[1];
        break;
      }
      if (Date.now() - started > 120_000) throw new Error('the sandbox did not start (no address in the extension log)');
      await page.waitForTimeout(250);
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
  });

  const field = (frame: FrameLocator, name: string) => frame.locator(`[data-field="${name}"]`);

  it('shows the form built from the account schema, refuses a wrong number by name, and creates the account', async () => {
    await vscode.runCommand('iscAccounts.source.createAccount');
    await pickQuickPickRow(page, FLAT_FILE_SOURCE.slice(0, 10), FLAT_FILE_SOURCE);
    const frame = formFrame(page);
    await field(frame, 'id').waitFor({ state: 'visible', timeout: 30_000 });
    const order = await frame.locator('[data-field]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field')));
    assert.deepEqual(order.slice(0, 2), ['id', 'userName']);
    assert.equal(await frame.locator('.required').count(), 1, 'one required mark: the identity attribute');
    assert.equal(await field(frame, 'id').locator('.required').count(), 1);
    assert.equal(await field(frame, 'rehireEligible').locator('select').count(), 1, 'BOOLEAN is a choice');

    await field(frame, 'id').locator('input').fill('E2E-7001');
    await field(frame, 'userName').locator('input').fill('e2e.schema');
    await field(frame, 'displayName').locator('input').fill(HOSTILE);
    await field(frame, 'weeklyHours').locator('input').fill('7.5');
    await field(frame, 'rehireEligible').locator('select').selectOption('true');
    await field(frame, 'groups').getByRole('button', { name: /Add groups item/ }).click();
    await page.keyboard.type('E2E Group');
    await frame.locator('#create').click();
    const problem = field(frame, 'weeklyHours').locator('.problem');
    await problem.waitFor({ state: 'visible' });
    assert.match(await problem.innerText(), /weeklyHours must be a whole number \(INT\)/);
    await frame.locator('#notice .banner').waitFor({ state: 'visible' });
    assert.match(await frame.locator('#notice').innerText(), /Nothing was sent/);
    assert.equal(await frame.locator('img').count(), 0, 'the hostile value stayed text');
    await vscode.screenshot('create-schema-refused');

    await frame.locator('#notice').scrollIntoViewIfNeeded();
    await vscode.screenshot('create-schema-form-top');
    await field(frame, 'weeklyHours').locator('input').fill('40');
    await frame.locator('#create').click();
    const client = new IscClient({ baseUrl: sandboxUrl, clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET });
    const source = (await client.listSources()).items.find((candidate) => candidate.name === FLAT_FILE_SOURCE)!;
    const started = Date.now();
    for (;;) {
      const found = await client.listAccounts({ filters: `sourceId eq "${source.id}" and nativeIdentity eq "E2E-7001"` });
      if (found.items.length === 1) {
        const attributes = found.items[0].attributes ?? {};
        assert.deepEqual([attributes.weeklyHours, attributes.rehireEligible, attributes.groups, attributes.displayName], [40, true, ['E2E Group'], HOSTILE]);
        break;
      }
      if (Date.now() - started > 30_000) throw new Error('the account was not created');
      await page.waitForTimeout(250);
    }
    await page.locator('.monaco-list-row', { hasText: 'Create e2e.schema' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await vscode.screenshot('create-schema-created');
  });
});
