// The side bar's views as a person uses them: a view's pane by its title, its rows, a row's
// context menu, the modal dialog a command opens, and the side bar's width.
import type { Locator, Page } from 'playwright-core';
import { escapeRegExp } from './palette';

/** The pane of a view in the side bar, by the title its header shows ("Accounts", "Activity"). */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') }) });
}

/** Rows of a view's tree; `level` 1 is the top. */
export function paneRows(pane: Locator, level?: number): Locator {
  return pane.locator(`.monaco-list-row[role="treeitem"]${level ? `[aria-level="${level}"]` : ''}`);
}

/** The row whose label is `label` (a string matches the whole label). */
export function rowLabelled(pane: Locator, label: string | RegExp, level?: number): Locator {
  const text = typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}$`) : label;
  return paneRows(pane, level).filter({ has: pane.page().locator('.label-name', { hasText: text }) });
}

export async function description(row: Locator): Promise<string> {
  return (await row.locator('.label-description').first().innerText().catch(() => '')).trim();
}

/** Expands the view's pane when its header shows it collapsed. */
export async function expandPane(pane: Locator): Promise<void> {
  const header = pane.locator('.pane-header');
  await header.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

/** Expands a tree row unless it already is. */
export async function expandRow(row: Locator): Promise<void> {
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
}

/** Right-clicks the row and picks `entry` from its context menu; returns every entry the menu offered. */
export async function contextMenuPick(row: Locator, entry: string): Promise<string[]> {
  const page = row.page();
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container .monaco-menu').first();
  await menu.waitFor({ state: 'visible', timeout: 10_000 });
  const offered = (await menu.locator('.action-label').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  if (!offered.includes(entry)) {
    await page.keyboard.press('Escape');
    throw new Error(`the context menu has no '${entry}' (it offers: ${offered.join(' | ')})`);
  }
  const item = menu.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(entry)}$`) });
  await item.click();
  // A click that lands while the menu is still settling only highlights the entry: Enter takes it.
  if (!(await menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false))) {
    await item.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5_000 });
  }
  return offered;
}

/** The modal dialog now open: its text, after which `button` is clicked. */
export async function answerDialog(page: Page, button: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await dialog.innerText();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  return text;
}

/** Drags the side bar's edge to `width` pixels, so rows show their descriptions. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}
