// A real VS Code opens in the browser with the extension under development loaded: its
// workbench shows, the extension's view container is in the activity bar and opens from the
// palette.
import * as assert from 'node:assert/strict';
import { launchVsCode, type VsCodeInBrowser } from './support/vscode-browser';
import { Contributions } from './support/contributions';
import { repoRoot } from '../../tools/paths';

describe('VS Code in the browser (smoke)', () => {
  const contributions = Contributions.read(repoRoot);
  let vscode: VsCodeInBrowser;

  before(async () => {
    vscode = await launchVsCode();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await vscode?.saveDiagnostics(this.currentTest.fullTitle());
  });

  after(async () => {
    await vscode?.close();
  });

  it('shows the workbench in extension development mode', async () => {
    const { page } = vscode;
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    const file = await vscode.screenshot('smoke-workbench');
    console.log(`      screenshot: ${file}`);
    assert.match(await page.title(), /Extension Development Host/);
  });

  it('has an activity bar with the built-in views and this extension\'s containers', async () => {
    const labels = await vscode.page
      .locator('.part.activitybar .action-item a.action-label')
      .evaluateAll((links) => links.map((link) => link.getAttribute('aria-label') ?? ''));
    assert.ok(labels.some((label) => label.startsWith('Explorer')), `no Explorer in the activity bar: ${labels.join(' | ')}`);
    const containers = contributions.activityBarContainers();
    assert.ok(containers.length > 0, 'package.json contributes no activity bar container');
    for (const { title } of containers) {
      assert.ok(labels.some((label) => label.startsWith(title)), `no '${title}' in the activity bar: ${labels.join(' | ')}`);
    }
  });

  it('opens this extension\'s view container from the command palette', async () => {
    const [container] = contributions.activityBarContainers();
    assert.ok(container, 'package.json contributes no activity bar container');
    await vscode.openView(container.id);
    const sideBarTitle = await vscode.page.locator('.part.sidebar .composite.title').innerText();
    await vscode.screenshot('smoke-view-container');
    assert.match(sideBarTitle, new RegExp(container.title, 'i'));
  });
});
