// The README's pictures come from the e2e tests, but a test run must not rewrite tracked
// files: a screenshot is copied into media/screenshots/ only when asked
// (ISC_UPDATE_SCREENSHOTS=1) or when it does not exist yet. Every run keeps its own copy under
// test-results/e2e/ either way.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';

const screenshotsDir = path.resolve(__dirname, '../../../media/screenshots');
const update = process.env.ISC_UPDATE_SCREENSHOTS === '1';

/** Copies a screenshot the test took to `media/screenshots/<name>.png` when allowed; returns the taken path. */
export function keepForReadme(taken: string, name: string): string {
  const kept = path.join(screenshotsDir, `${name}.png`);
  if (update || !existsSync(kept)) {
    mkdirSync(screenshotsDir, { recursive: true });
    copyFileSync(taken, kept);
  }
  return taken;
}
