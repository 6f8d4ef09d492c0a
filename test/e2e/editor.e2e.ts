// The attribute editor as a person uses it, in a real VS Code in Chromium: open it from the
// palette on a sandbox flat-file account, edit, read the preview, hide and show the tab,
// Apply, and check the sandbox (over HTTP, from this process) has the new attributes.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { IscClient, type Account, type JsonPatchOperation } from '../../src/isc';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../src/sandbox';
import { watchDialogs, type DialogWatch } from './support/dialogs';
import { keepForReadme } from './support/readme-screenshots';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';
import { pickQuickPickRow } from './support/quick-pick';

const HOSTILE = '<img src=x onerror=alert(1)>';
const FLAT_FILE_SOURCE = 'Contractor Roster (CSV)';

/** VS Code nests each webview in two iframes: the host frame, then the page's own. */
function editorFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** The request body the preview shows, parsed: exactly what Apply will send. */
async function previewOperations(frame: FrameLocator): Promise<JsonPatchOperation[]> {
  const text = await frame.locator('.payload-body').first().innerText();
  return JSON.parse(text) as JsonPatchOperation[];
}

/** An attribute's section in the form, found by the name in its name field. */
function attributeSection(frame: FrameLocator, name: string) {
  return frame.locator(`section.attr[aria-label="Attribute ${name}"]`);
}

describe('Attribute editor in the browser', function () {
  this.timeout(300_000);
  let vscode: VsCodeInBrowser;
  let page: Page;
  let sandboxUrl: string;
  let accountName: string;
  let groupsBefore: string[];
  let dialogs: DialogWatch;

  before(async () => {
    vscode = await launchVsCode();
    page = vscode.page;
    dialogs = watchDialogs(vscode);
    await vscode.openView('iscAccounts');
    await vscode.runCommand('iscAccounts.connectSandbox');
    sandboxUrl = await sandboxAddress();
  });

  /** The sandbox runs in the extension host; its address is in the extension's log (a new one after a reload). */
  async function sandboxAddress(notThis?: string): Promise<string> {
    const started = Date.now();
    for (;;) {
      const found = [...vscode.extensionHostLog().matchAll(/Sandbox tenant running at (http:\/\/127\.0\.0\.1:\d+)/g)].map((match) => match[1]);
      const latest = found.at(-1);
      if (latest && latest !== notThis) return latest;
      if (Date.now() - started > 120_000) throw new Error('the sandbox did not start (no new address in the extension log)');
      await page.waitForTimeout(250);
    }
  }

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
  });

  /** The edited account as the sandbox has it, asked over HTTP: not through the extension. */
  async function accountOnServer(): Promise<Account> {
    const client = new IscClient({ baseUrl: sandboxUrl, clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET });
    const source = (await client.listSources()).items.find((candidate) => candidate.name === FLAT_FILE_SOURCE);
    assert.ok(source, `the sandbox has the source ${FLAT_FILE_SOURCE}`);
    const found = await client.listAccounts({ filters: `sourceId eq "${source.id}" and name eq "${accountName}"` });
    assert.equal(found.items.length, 1);
    return found.items[0];
  }

  async function openEditorFromPalette(): Promise<FrameLocator> {
    await vscode.runCommand('iscAccounts.account.editAttributes');
    await pickQuickPickRow(page, FLAT_FILE_SOURCE.slice(0, 10), FLAT_FILE_SOURCE);
    const picked = await pickQuickPickRow(page, accountName ?? '', accountName ?? /./);
    accountName ??= picked;
    const frame = editorFrame(page);
    await frame.locator('section.attr').first().waitFor({ state: 'visible', timeout: 30_000 });
    return frame;
  }

  it('opens from the palette on a flat-file account, titled with the account', async () => {
    const frame = await openEditorFromPalette();
    await page.locator('.tabs-container .tab', { hasText: `✎ ${accountName}` }).waitFor({ state: 'visible' });
    assert.match(await frame.locator('#title').innerText(), new RegExp(accountName.replace(/\./g, '\\.')));
    const account = await accountOnServer();
    groupsBefore = (account.attributes?.groups as string[]) ?? [];
    assert.deepEqual(await previewOperations(frame), [], 'nothing to send before any edit');
    assert.equal(await frame.locator('#apply').isDisabled(), true);
  });

  it('previews the exact operations for a changed value, an added item, a removed attribute and a new one', async () => {
    const frame = editorFrame(page);
    await attributeSection(frame, 'department').locator('.attr-value').fill('Editor E2E');
    const groups = attributeSection(frame, 'groups');
    await groups.getByRole('button', { name: /^Add an item to groups$/ }).click();
    await page.keyboard.type('E2E Reviewers');
    await attributeSection(frame, 'location').getByRole('button', { name: 'Remove attribute location' }).click();
    await frame.getByRole('button', { name: 'Add attribute', exact: true }).click();
    await page.keyboard.type('note');
    await attributeSection(frame, 'note').locator('.attr-value').fill(HOSTILE);

    assert.deepEqual(await previewOperations(frame), [
      { op: 'remove', path: '/attributes/location' },
      { op: 'replace', path: '/attributes/department', value: 'Editor E2E' },
      { op: 'replace', path: '/attributes/groups', value: [...groupsBefore, 'E2E Reviewers'] },
      { op: 'add', path: '/attributes/note', value: HOSTILE },
    ]);
    const changes = await frame.locator('#diff').innerText();
    assert.match(changes, /department\s+changed/);
    assert.match(changes, /location\s+removed/);
    assert.match(changes, /note\s+added/);
  });

  it('shows a hostile value as text and runs nothing', async () => {
    const frame = editorFrame(page);
    assert.equal(await frame.locator('section.attr').last().locator('.attr-value').inputValue(), HOSTILE);
    assert.ok((await frame.locator('#diff').innerText()).includes(HOSTILE), 'the diff shows the characters');
    assert.equal(await frame.locator('img').count(), 0, 'no element was made from the value');
    assert.deepEqual(dialogs.attempts(), [], 'no dialog, shown or ignored by the webview sandbox');
    const refused = vscode.logs().filter((entry) => /Content.Security.Policy|Refused to (load|apply|execute|connect)/i.test(entry.text));
    assert.deepEqual(refused, [], 'the editor needs nothing its CSP forbids');
  });

  it('keeps the edits when the tab is hidden and shown again', async () => {
    await vscode.runCommand('File: New Untitled Text File');
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor({ state: 'visible' });
    await page.locator('.tabs-container .tab', { hasText: `✎ ${accountName}` }).click();
    const frame = editorFrame(page);
    await attributeSection(frame, 'note').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await attributeSection(frame, 'department').locator('.attr-value').inputValue(), 'Editor E2E');
    assert.equal(await attributeSection(frame, 'location').count(), 0);
    assert.equal((await previewOperations(frame)).length, 4);
    // The README's picture: the edited attributes in view beside their preview.
    await attributeSection(frame, 'department').evaluate((section) => section.scrollIntoView({ block: 'start' }));
    keepForReadme(await vscode.screenshot('editor'), 'editor');
  });

  it('reorders items from the keyboard, focus following the item', async () => {
    const frame = editorFrame(page);
    const items = attributeSection(frame, 'groups').locator('.item-value');
    const last = (await items.count()) - 1;
    await items.nth(last).focus();
    await page.keyboard.press('Alt+ArrowUp');
    const groups = () => previewOperations(frame).then((ops) => ops.find((op) => op.path === '/attributes/groups'));
    const moved = [...groupsBefore.slice(0, -1), 'E2E Reviewers', ...groupsBefore.slice(-1)];
    assert.deepEqual(await groups(), { op: 'replace', path: '/attributes/groups', value: moved });
    assert.equal(await frame.locator(':focus').inputValue(), 'E2E Reviewers', 'focus moved with the item');
    await page.keyboard.press('Alt+ArrowDown');
    assert.deepEqual(await groups(), { op: 'replace', path: '/attributes/groups', value: [...groupsBefore, 'E2E Reviewers'] });
  });

  it('explains an invalid name inline, announces it, and disables Apply until fixed', async () => {
    const frame = editorFrame(page);
    await frame.getByRole('button', { name: 'Add attribute', exact: true }).click();
    await page.keyboard.type('department');
    const section = frame.locator('section.attr').last();
    await section.locator('.problem', { hasText: 'used more than once' }).waitFor({ state: 'visible' });
    assert.equal(await section.locator('.attr-name').getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.locator('#apply').isDisabled(), true);
    await frame.locator('#live', { hasText: /problem/ }).waitFor({ state: 'attached' });
    await section.getByRole('button', { name: /^Remove attribute/ }).click();
    assert.equal(await frame.locator('#apply').isDisabled(), false);
    assert.equal((await previewOperations(frame)).length, 4);
  });

  it('restores the edits after a window reload', async () => {
    const before = sandboxUrl;
    await vscode.runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    const frame = editorFrame(page);
    await attributeSection(frame, 'note').waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await attributeSection(frame, 'department').locator('.attr-value').inputValue(), 'Editor E2E');
    assert.equal(await attributeSection(frame, 'note').locator('.attr-value').inputValue(), HOSTILE);
    assert.equal((await previewOperations(frame)).length, 4);
    // The restore fetched the account again, which started a fresh sandbox in the new extension host.
    sandboxUrl = await sandboxAddress(before);
  });

  it('applies after the confirmation, and the sandbox has the new attributes', async () => {
    const frame = editorFrame(page);
    await frame.locator('#apply').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await dialog.innerText(), new RegExp(`Apply 4 operations to "${accountName.replace(/\./g, '\\.')}"`));
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    // The reload regenerated the sandbox, so the account's `modified` may differ from the one
    // the edits were made against: then Apply asks first, as it should.
    const stale = page.locator('.monaco-dialog-box', { hasText: 'changed on the server since it was loaded' });
    if (await stale.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) {
      await stale.getByRole('button', { name: 'Apply Anyway', exact: true }).click();
    }
    await frame.locator('.banner', { hasText: 'Applied 4 operations' }).waitFor({ state: 'visible', timeout: 60_000 });

    const account = await accountOnServer();
    assert.equal(account.attributes?.department, 'Editor E2E');
    assert.deepEqual(account.attributes?.groups, [...groupsBefore, 'E2E Reviewers']);
    assert.equal(account.attributes?.note, HOSTILE);
    assert.equal(Object.hasOwn(account.attributes ?? {}, 'location'), false);

    // The form now shows the server's values, with nothing left to send.
    assert.deepEqual(await previewOperations(frame), []);
    assert.equal(await attributeSection(frame, 'note').locator('.attr-value').inputValue(), HOSTILE);
    assert.equal(await frame.locator('img').count(), 0);
    assert.deepEqual(dialogs.attempts(), [], 'no dialog, shown or ignored by the webview sandbox');
  });
});
