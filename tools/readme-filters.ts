// npm run readme:filters: writes the README's "Filtering and sorting accounts" section from the
// list-accounts contract (test/unit/list-accounts-contract.test.ts fails until it is run).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { withListAccountsSection } from '../src/contract/list-accounts-markdown';
import { repoRoot } from './paths';

const readmePath = path.join(repoRoot, 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withListAccountsSection(before);
if (after === before) {
  console.log('README.md: the filter section is up to date.');
} else {
  writeFileSync(readmePath, after);
  console.log('README.md: the filter section was rewritten from src/contract/list-accounts.ts.');
}
