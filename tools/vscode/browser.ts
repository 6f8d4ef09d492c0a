// Debian's Chromium driven by playwright-core: Playwright's own browser builds are downloads,
// which these machines cannot make.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../paths';
import { installOfflineVsCode, installScript } from './install';

const chromiumPath = process.env.ISC_CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: run ${path.relative(repoRoot, installScript)} (apt-get install chromium)`);
  }
  const install = await installOfflineVsCode();
  return chromium.launch({
    executablePath: chromiumPath,
    // Chromium keeps an NSS database and caches under the home folder whatever its profile.
    env: { ...process.env, ...install.serverEnv, HOME: install.isolatedHome },
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
