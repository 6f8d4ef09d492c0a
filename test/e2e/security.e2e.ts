// The attribute editor webview, seen in a real browser: a CSP with a nonce and no inline
// scripts, and hostile attribute names and values (script tags, event handlers, javascript:
// URLs, 10,000 characters, RTL and zero-width characters) shown as the characters they are.
//
// Getting hostile data in: the test connects the built-in sandbox tenant through the palette,
// as a person does (it then runs inside the extension host), reads its URL from the
// extension's log line "Sandbox tenant running at …", and creates one flat-file account over
// the sandbox's HTTP API with the sandbox's published default credentials, the way any script
// would (DEFAULT_CLIENT_ID/SECRET, also printed by `npm run sandbox`). The account is then
// opened with "ISC: Edit Attributes…" from the palette.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { IscClient } from '../../src/isc';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../src/sandbox';
import { watchDialogs, type DialogWatch } from './support/dialogs';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';
import { pickQuickPickRow } from './support/quick-pick';

const VSCODE_API_SCRIPT = '_vscodeApiScript';
const ACCOUNT_NAME = 'Hostile <i>italic</i> & "quotes"';
const LONG = `${'A'.repeat(9_990)}<b>end</b>`;
const HOSTILE_VALUES = [
  '<script>window.__pwned = 1; alert("script")</script>',
  '<img src=x onerror="alert(\'img\')">',
  'javascript:alert("url")',
  '"><svg onload=alert(1)>',
  LONG,
  '\u202Etxt.exe\u202C right-to-left override',
  'zero\u200Bwidth\u200Djoiner\uFEFF',
];
const HOSTILE_NAMES = ['<img src=x onerror=alert(2)>', 'javascript:alert(3)', '<script>alert(4)</script>', `n${'x'.repeat(9_999)}`, '\u202Ename\u200B'];

function hostileAttributes(sourceId: string): Record<string, unknown> {
  const attributes: Record<string, unknown> = { sourceId, nativeIdentity: 'hostile.attributes', name: ACCOUNT_NAME };
  HOSTILE_VALUES.forEach((value, i) => (attributes[`value${i}`] = value));
  HOSTILE_NAMES.forEach((name, i) => (attributes[name] = `plain value ${i}`));
  attributes.hostileList = ['<script>alert(5)</script>', 'javascript:alert(6)'];
  return attributes;
}

async function sandboxUrlFromLog(vscode: VsCodeInBrowser): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const found = /Sandbox tenant running at (http:\/\/127\.0\.0\.1:\d+)/.exec(vscode.extensionHostLog());
    if (found) return found[1];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the extension never logged "Sandbox tenant running at <url>": the sandbox did not start, or the line changed');
}

function editorFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

describe('Security: the attribute editor webview in the browser', function () {
  this.timeout(300_000);
  let vscode: VsCodeInBrowser;
  let dialogs: DialogWatch;
  let frame: FrameLocator;

  before(async () => {
    vscode = await launchVsCode();
    dialogs = watchDialogs(vscode);
    await vscode.runCommand('iscAccounts.connectSandbox');
    const baseUrl = await sandboxUrlFromLog(vscode);
    const client = new IscClient({ baseUrl, clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET });
    const flatFile = (await client.listSources()).items.find((source) => source.type === 'DelimitedFile');
    assert.ok(flatFile?.id, 'the sandbox has a flat-file source');
    const created = await client.createAccount({ attributes: hostileAttributes(flatFile.id) as { sourceId: string } });
    await client.waitForTask(created.id, { pollIntervalMs: 100 });

    await vscode.runCommand('iscAccounts.account.editAttributes');
    await pickQuickPickRow(vscode.page, flatFile.name, flatFile.name);
    await pickQuickPickRow(vscode.page, 'Hostile', 'Hostile');
    frame = editorFrame(vscode.page);
    await frame.locator('#form section.attr').first().waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });
  after(async () => {
    await vscode?.close();
  });

  it('has a CSP with a nonce: scripts only by that nonce, never unsafe-inline', async () => {
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, 'the document has a CSP meta tag');
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    assert.ok(nonce && nonce.length >= 16, `script-src has a nonce: ${scriptSrc}`);
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|\*/, `script-src: ${scriptSrc}`);
    assert.match(csp, /default-src 'none'/);
    // VS Code itself injects one script (#_vscodeApiScript, acquireVsCodeApi) into every webview.
    const scriptNonces = await frame
      .locator(`script:not(#${VSCODE_API_SCRIPT})`)
      .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce || script.getAttribute('nonce')));
    assert.ok(scriptNonces.length > 0 && scriptNonces.every((value) => value === nonce), `every script carries the nonce: ${scriptNonces.join(', ')}`);
  });

  it('shows every hostile name and value as exactly its characters', async () => {
    const shown = await frame.locator('body').evaluate((body) => ({
      values: Array.from(body.querySelectorAll('input, textarea')).map((field) => (field as HTMLInputElement).value),
      title: body.querySelector('#title')?.textContent ?? '',
    }));
    assert.equal(shown.title.includes(ACCOUNT_NAME), true, `the title shows the account name as text: ${shown.title}`);
    for (const value of [...HOSTILE_VALUES, ...HOSTILE_NAMES, '<script>alert(5)</script>', 'javascript:alert(6)']) {
      assert.ok(shown.values.includes(value), `not shown as text: ${JSON.stringify(value.slice(0, 60))}`);
    }
  });

  it('created no element, ran no script and opened no dialog from the data', async () => {
    const dom = await frame.locator('body').evaluate((body, vscodeScript) => {
      // Unnamed functions only: a named one would be wrapped in a helper the page lacks.
      const [injected, handlers] = [
        () => body.querySelectorAll('img, svg, iframe, object, embed, i, b, a[href^="javascript" i]').length,
        () => Array.from(body.querySelectorAll('*')).filter((element) => Array.from(element.attributes).some((a) => /^on/i.test(a.name))).length,
      ];
      const found = {
        scripts: body.ownerDocument.querySelectorAll(`script:not(#${vscodeScript})`).length,
        injected: injected(),
        handlers: handlers(),
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      };
      // Positive control: markup made from a string is what the counts above would see.
      const scratch = body.ownerDocument.createElement('div');
      scratch.innerHTML = '<i onmouseover="void 0">control</i>';
      body.append(scratch);
      const control = { injected: injected() - found.injected, handlers: handlers() - found.handlers };
      scratch.remove();
      return { ...found, control };
    }, VSCODE_API_SCRIPT);
    assert.deepEqual(dom, { scripts: 1, injected: 0, handlers: 0, pwned: null, control: { injected: 1, handlers: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(dialogs.attempts(), [], 'no alert/confirm/prompt dialog, shown or ignored by the webview sandbox');
  });

  // Last, since it opens one: proves the "no dialog" check above would see one.
  it('would see a dialog the webview tried to open (positive control)', async () => {
    const before = dialogs.attempts().length;
    await frame.locator('body').evaluate(() => window.alert('positive control'));
    const started = Date.now();
    while (dialogs.attempts().length === before && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(dialogs.attempts().length, before + 1, `an alert() in the webview left no trace: ${JSON.stringify(vscode.logs().slice(-5))}`);
  });
});
