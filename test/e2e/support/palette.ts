// Drives the command palette the way a person does: F1, type the label, pick the exact entry.
import type { Page } from 'playwright-core';

export async function runPaletteCommand(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // The palette opens with ">" (command mode); keep it and type the label after it.
  await input.fill(`>${label}`);
  const entry = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactText(label) }) })
    .first();
  try {
    await entry.waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    const offered = await page.locator('.quick-input-widget .quick-input-list .label-name').allInnerTexts();
    await page.keyboard.press('Escape');
    throw new Error(`command palette has no entry '${label}' (it offers: ${offered.slice(0, 10).join(' | ') || 'nothing'})`);
  }
  await entry.click();
  // The entry goes away when the command starts (the palette closes, or a prompt replaces it).
  await entry.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
