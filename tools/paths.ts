import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
/** Screenshots and logs of test runs; ignored by git. */
export const testResultsDir = path.join(repoRoot, 'test-results');
