// A person at the keyboard of the workbench page (Chromium, through Playwright): for each query,
// waits for Find Account's quick pick, types the text key by key at a steady pace (or pastes
// it, as one does an id), waits until the rows stop changing, and presses Escape. The page
// records when each keystroke reached the input and when the list's rows changed (a
// MutationObserver), so both times are on the page's clock, without the driver's round trips.
import type { Page } from 'playwright-core';

export interface TypedQuery {
  text: string;
  /** Pasted at once (an id), rather than typed key by key. */
  paste: boolean;
}

export interface RowChange {
  /** Date.now() in the page when the list's rows changed. */
  at: number;
  rows: number;
}

export interface TypedQueryTiming {
  /** Date.now() in the page at each input event (one per keystroke, one for a paste). */
  keys: number[];
  changes: RowChange[];
  /** Date.now() in the driver just before Escape: requests after it belong to no query. */
  closedAt: number;
}

interface PageState {
  keys: number[];
  changes: RowChange[];
  stop(): void;
}

// The rows of a settled query stay as they are; this long without a change means it settled.
const QUIET_MS = 1_500;
const WAIT_MS = 60_000;

export async function typeQueries(page: Page, queries: TypedQuery[], msPerKey: number, timings: TypedQueryTiming[]): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (const query of queries) {
    // The next Find opens as soon as the last one closes, in the same widget: a fresh one is empty.
    await page.waitForFunction(
      () => {
        const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
        const title = document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '';
        return box !== null && box.offsetParent !== null && box.value === '' && title.includes('Find Account in');
      },
      undefined,
      { timeout: WAIT_MS * 2, polling: 100 },
    );
    await page.evaluate(recordInPage);
    if (query.paste) await page.keyboard.insertText(query.text);
    else await typeAtPace(page, query.text, msPerKey);
    await page.waitForFunction(
      (quietMs) => {
        const state = (window as unknown as { findBench: PageState }).findBench;
        const last = state.changes[state.changes.length - 1];
        return last !== undefined && last.rows > 0 && Date.now() - last.at >= quietMs;
      },
      QUIET_MS,
      { timeout: WAIT_MS, polling: 100 },
    );
    const { keys, changes } = await page.evaluate(() => {
      const state = (window as unknown as { findBench: PageState }).findBench;
      state.stop();
      return { keys: state.keys, changes: state.changes };
    });
    timings.push({ keys, changes, closedAt: Date.now() });
    await input.press('Escape');
  }
}

/**
 * Each key at its own time, `msPerKey` after the one before it was due: the driver's round trip
 * per key (a few ms, more on a loaded machine) does not slow the pace as a fixed delay would.
 */
async function typeAtPace(page: Page, text: string, msPerKey: number): Promise<void> {
  const started = performance.now();
  for (const [index, key] of [...text].entries()) {
    const wait = started + index * msPerKey - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await page.keyboard.type(key);
  }
}

/**
 * Runs in the page: starts recording keystrokes and row changes of the open quick pick. A string,
 * because the bench runs through tsx, whose name-keeping helper does not exist in the page.
 */
const recordInPage = `(() => {
  const box = document.querySelector('.quick-input-widget .quick-input-box input');
  const list = document.querySelector('.quick-input-widget .quick-input-list');
  if (!box || !list) throw new Error('no quick pick is open');
  const rows = () => list.querySelectorAll('.monaco-list-row');
  const signature = () => {
    const shown = rows();
    return shown.length + '|' + (shown[0] ? shown[0].getAttribute('aria-label') : '');
  };
  const state = { keys: [], changes: [], stop: () => undefined };
  let last = signature();
  const onInput = () => state.keys.push(Date.now());
  const observer = new MutationObserver(() => {
    const now = signature();
    if (now === last) return;
    last = now;
    state.changes.push({ at: Date.now(), rows: rows().length });
  });
  box.addEventListener('input', onInput);
  observer.observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
  state.stop = () => {
    box.removeEventListener('input', onInput);
    observer.disconnect();
  };
  window.findBench = state;
})()`;
