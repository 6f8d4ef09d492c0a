// Answers an open quick pick the way a person at the keyboard does: type, arrow down to the
// row, Enter. Not the mouse: a row's hover (its detail line) can lie over the row the mouse
// would click. A list searched as you type can also be replaced just as the row is taken, so
// it tries again until the quick pick moves on.
import type { Page } from 'playwright-core';

/** Picks the first row matching `rowText` after typing `typed`; returns the row's label. */
export async function pickQuickPickRow(page: Page, typed: string, rowText: string | RegExp): Promise<string> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  const placeholder = await input.getAttribute('placeholder');
  await input.fill(typed);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const row = rows.filter({ hasText: rowText }).first();
  const focused = rows.and(page.locator('.focused'));
  const matches = (text: string) => (typeof rowText === 'string' ? text.includes(rowText) : rowText.test(text));
  for (let attempt = 1; ; attempt++) {
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const label = (await row.locator('.label-name').first().innerText()).trim();
    for (let step = 0; !matches(await focused.innerText().catch(() => '')); step++) {
      if (step >= 20) throw new Error(`no quick-pick row matching ${String(rowText)} could be focused`);
      await input.press('ArrowDown');
    }
    await input.press('Enter');
    const movedOn = await page
      .waitForFunction(
        (before) => {
          const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
          return !box || box.offsetParent === null || box.placeholder !== before;
        },
        placeholder,
        { timeout: 3_000 },
      )
      .then(() => true, () => false);
    if (movedOn) return label;
    if (attempt === 3) throw new Error(`the quick pick did not take the row "${label}"`);
  }
}
