// No change may bypass the journal. Every change request the client can send (an endpoint
// that is not a GET) is called only where changes are built (src/isc/change-requests.ts and
// the IDN bulk endpoint's src/isc/idn-bulk.ts), and what builds or runs a change is used, outside
// the client, only by the journal (src/journal/). So a new command that sends a change
// without the journal fails here, by its source text.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENDPOINTS } from '../../src/isc/endpoints';

const SRC = path.resolve(__dirname, '../../src');
const sourceFiles = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.split(path.sep).join('/'))
  // The sandbox is the fake ISC: it answers change requests, it does not send them.
  .filter((name) => !name.startsWith('sandbox/'));
const text = (name: string) => readFileSync(path.join(SRC, name), 'utf8');
/** The code without its comments, which may name what they explain. */
const code = (name: string) => text(name).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const changeMethods = Object.entries(ENDPOINTS)
  .filter(([, endpoint]) => endpoint.method !== 'GET')
  .map(([name]) => name);
/** Builders of a ChangeRequest (each returns an AccountChange), and what sends one. */
const changeBuilders = [...text('isc/change-requests.ts').matchAll(/export function (\w+)\([^)]*\): AccountChange/g)].map((m) => m[1]);
const changeRunners = [...changeBuilders, 'runChange', 'toggleIdnAccounts'];

function filesUsing(names: readonly string[], pattern: (name: string) => string, within: (file: string) => boolean): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles.filter(within)) {
    const body = code(file);
    const used = names.filter((name) => new RegExp(pattern(name)).test(body));
    if (used.length > 0) found.set(file, used);
  }
  return found;
}

describe('journal: no change bypasses it', () => {
  it('knows what to look for (the client’s change requests and the change builders)', () => {
    assert.ok(changeMethods.includes('disableAccount') && changeMethods.includes('disableIdnAccountsForIdentities') && changeMethods.length >= 14, changeMethods.join());
    assert.ok(changeBuilders.includes('lifecycleChange') && changeBuilders.includes('patchChange') && changeBuilders.length >= 8, changeBuilders.join());
  });

  it('only the change builders call the client’s change requests', () => {
    const callers = filesUsing(changeMethods, (name) => `\\.${name}\\s*\\(`, () => true);
    // The client defines them; the builders are the only callers.
    callers.delete('isc/client.ts');
    assert.deepEqual([...callers.keys()].sort(), ['isc/change-requests.ts', 'isc/idn-bulk.ts']);
  });

  it('outside the client, only the journal builds, runs or sends a change', () => {
    const users = filesUsing(changeRunners, (name) => `\\b${name}\\b`, (file) => !file.startsWith('isc/'));
    const bypassing = [...users].filter(([file]) => !file.startsWith('journal/'));
    assert.deepEqual(bypassing, [], 'these send changes without the journal');
    assert.ok([...users.keys()].some((file) => file.startsWith('journal/')), 'positive control: the journal itself is found');
  });
});
