// tools/build.ts leaves node-fetch's multipart parser out of dist/extension.js because nothing
// here calls Response.formData(); this keeps that true.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );
}

describe('bundle exclusions (tools/build.ts)', () => {
  it('nothing in src/ calls formData(), whose multipart parser the bundle leaves out', () => {
    const files = sources(SRC);
    assert.ok(files.length > 100);
    const callers = files.filter((file) => /\.formData\s*\(/.test(readFileSync(file, 'utf8'))).map((file) => path.relative(SRC, file));
    assert.deepEqual(callers, []);
  });
});
