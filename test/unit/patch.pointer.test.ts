import assert from 'node:assert/strict';
import {
  escapePointerToken,
  formatPointer,
  JsonPointerError,
  parsePointer,
  unescapePointerToken,
} from '../../src/patch';

describe('JSON Pointer escaping (RFC 6901)', () => {
  it('escapes ~ before / so a/b~c becomes a~1b~0c', () => {
    assert.equal(escapePointerToken('a/b~c'), 'a~1b~0c');
  });

  it('escapes a literal ~1 as ~01, not as ~1 (which would read back as /)', () => {
    assert.equal(escapePointerToken('~1'), '~01');
    assert.equal(escapePointerToken('/~'), '~1~0');
  });

  it('unescapes ~01 to ~1, not to /', () => {
    assert.equal(unescapePointerToken('~01'), '~1');
    assert.equal(unescapePointerToken('a~1b~0c'), 'a/b~c');
    assert.equal(unescapePointerToken('~0~1'), '~/');
  });

  it('leaves names without ~ or / alone, including spaces, % and unicode', () => {
    for (const token of ['', ' ', 'c%d', 'mañana 😀', 'e^f']) {
      assert.equal(escapePointerToken(token), token);
      assert.equal(unescapePointerToken(token), token);
    }
  });

  for (const bad of ['~', 'a~', '~2', '~a', '~~0']) {
    it(`refuses the bad escape in ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => unescapePointerToken(bad),
        (error: unknown) => error instanceof JsonPointerError && error.reason === 'bad-escape',
      );
    });
  }
});

describe('JSON Pointer parsing and formatting', () => {
  it('reads "" as the whole document and "/" as the empty-string member', () => {
    assert.deepEqual(parsePointer(''), []);
    assert.deepEqual(parsePointer('/'), ['']);
    assert.deepEqual(parsePointer('/foo/'), ['foo', '']);
  });

  it('splits on / and unescapes each token', () => {
    assert.deepEqual(parsePointer('/attributes/a~1b~0c/0'), ['attributes', 'a/b~c', '0']);
    assert.deepEqual(parsePointer('/~01'), ['~1']);
  });

  it('refuses a pointer without a leading slash', () => {
    assert.throws(
      () => parsePointer('attributes/email'),
      (error: unknown) => error instanceof JsonPointerError && error.reason === 'missing-leading-slash',
    );
  });

  it('refuses a pointer that is not a string', () => {
    assert.throws(
      () => parsePointer(42),
      (error: unknown) => error instanceof JsonPointerError && error.reason === 'not-a-string',
    );
  });

  it('refuses a bad escape anywhere in the pointer and names the whole pointer', () => {
    assert.throws(
      () => parsePointer('/ok/bad~'),
      (error: unknown) => error instanceof JsonPointerError && error.pointer === '/ok/bad~',
    );
  });

  it('formats tokens back to the pointer they came from', () => {
    const tokens = ['attributes', 'a/b~c', '', '~1', ' '];
    const pointer = formatPointer(tokens);
    assert.equal(pointer, '/attributes/a~1b~0c//~01/ ');
    assert.deepEqual(parsePointer(pointer), tokens);
    assert.equal(formatPointer([]), '');
  });
});
