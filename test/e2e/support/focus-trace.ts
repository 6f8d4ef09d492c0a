// The last moves of the keyboard focus in the workbench page, each with the call stack that made
// it. A quick input closes when it loses the focus, and a test then only sees the palette go;
// the stack of the focus move that closed it names what took the focus (VS Code's code is
// minified, but its stacks still point into workbench.js). Kept in the page, read on failure.
import type { Page } from 'playwright-core';

const KEPT = 40;

function recordFocusMoves(kept: number): void {
  const scope = window as unknown as { __e2eFocusMoves?: string[] };
  // Playwright runs init scripts in every frame: the webviews' frames are left as they are (a
  // move into one shows here as the focus taken by its iframe).
  if (window !== window.top || scope.__e2eFocusMoves) return;
  const moves: string[] = (scope.__e2eFocusMoves = []);
  document.addEventListener(
    'focusin',
    (event) => {
      const target = event.target as HTMLElement;
      const what = `${target.tagName.toLowerCase()}.${String(target.className).trim().split(/\s+/).slice(0, 3).join('.')}`;
      const stack = (new Error().stack ?? '')
        .split('\n')
        .slice(2, 12)
        .map((line) => line.trim().replace(/^at /, '').replace(/\(?https?:\/\/[^)]*\/([^/)]+):(\d+):(\d+)\)?/, '($1:$2:$3)'))
        .join(' < ');
      moves.push(`${(performance.now() / 1000).toFixed(2)} s  ${what}  ${stack}`);
      if (moves.length > kept) moves.shift();
    },
    true,
  );
}

export async function traceFocusMoves(page: Page): Promise<void> {
  await page.addInitScript(recordFocusMoves, KEPT);
  await page.evaluate(recordFocusMoves, KEPT);
}

/** Oldest first; empty when the page has none (or is gone). */
export async function focusMoves(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __e2eFocusMoves?: string[] }).__e2eFocusMoves ?? []).catch(() => []);
}
