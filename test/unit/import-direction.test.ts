// The README's import direction, checked over every module of src/: extension → commands →
// activity, tree, editor → tenants → ui → core, journal → isc → contract, patch (formats
// below core and journal). The sandbox takes only types from the product, besides the
// contract and the patch code it runs; the product loads the sandbox only through the host.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '../../src');

const BELOW_ISC = ['contract', 'patch'];
const BELOW_CORE = ['isc', 'formats', ...BELOW_ISC];
const BELOW_UI = ['core', 'journal', ...BELOW_CORE];
const BELOW_VIEWS = ['tenants', 'ui', ...BELOW_UI];

/** Per top-level part of src/, the parts it may import at run time. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  extension: ['commands', 'activity', 'tree', 'editor', ...BELOW_VIEWS],
  commands: ['activity', 'tree', 'editor', ...BELOW_VIEWS],
  activity: BELOW_VIEWS,
  tree: BELOW_VIEWS,
  editor: BELOW_VIEWS,
  tenants: ['ui', 'sandbox', ...BELOW_UI],
  ui: BELOW_UI,
  core: BELOW_CORE,
  journal: BELOW_CORE,
  isc: BELOW_ISC,
  contract: [],
  patch: [],
  formats: [],
  sandbox: ['contract', 'patch'],
};

/** Parts whose types (erased at build) another part may name beyond its run-time imports. */
const TYPES_FROM: Record<string, readonly string[]> = {
  sandbox: ['isc'],
};

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return modules(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function partOf(file: string): string {
  const relative = path.relative(SRC, file).split(path.sep);
  return relative.length === 1 ? path.basename(relative[0], '.ts') : relative[0];
}

interface Crossing {
  file: string;
  to: string;
  typeOnly: boolean;
}

function crossings(file: string): Crossing[] {
  const text = readFileSync(file, 'utf8');
  const from = partOf(file);
  const found: Crossing[] = [];
  for (const match of text.matchAll(/^\s*(import|export)(\s+type)?\b[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
    const to = partOf(path.resolve(path.dirname(file), match[3]));
    if (to !== from) found.push({ file: path.relative(SRC, file), to, typeOnly: match[2] !== undefined });
  }
  return found;
}

describe('import direction (README, Development)', () => {
  const all = modules(SRC);

  it('finds the modules and their imports (the check below has something to check)', () => {
    assert.ok(all.length > 100, `only ${all.length} modules found under ${SRC}`);
    assert.ok(all.flatMap(crossings).length > 100);
  });

  it('every import between parts of src/ runs the one way', () => {
    const wrong = all.flatMap(crossings).filter(({ file, to, typeOnly }) => {
      const from = partOf(path.join(SRC, file));
      const allowed = MAY_IMPORT[from];
      assert.ok(allowed, `${file}: src/${from} is not in the import direction; add it to the README and here`);
      return !allowed.includes(to) && !(typeOnly && (TYPES_FROM[from] ?? []).includes(to));
    });
    assert.deepEqual(wrong.map(({ file, to, typeOnly }) => `${file} imports ${typeOnly ? 'types from ' : ''}src/${to}`), []);
  });
});
