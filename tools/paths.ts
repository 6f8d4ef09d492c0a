// Folders every tool finds from here: the checkout, where test runs leave screenshots and logs,
// and the cache of the offline VS Code (code-server, Node 24, npm start's profile).
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
/** Screenshots and logs of test runs; ignored by git. */
export const testResultsDir = path.join(repoRoot, 'test-results');
/** The offline VS Code and everything it writes; ignored by git. */
export const vscodeCacheDir = path.join(repoRoot, '.vscode-test');
