// RFC 6901 JSON Pointer: `""` is the whole document, otherwise `/`-separated reference
// tokens in which `~0` stands for `~` and `~1` for `/`.

export type JsonPointerErrorReason = 'not-a-string' | 'missing-leading-slash' | 'bad-escape';

export class JsonPointerError extends Error {
  override readonly name = 'JsonPointerError';

  constructor(
    readonly pointer: unknown,
    readonly reason: JsonPointerErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `~` must become `~0` before `/` becomes `~1`; the other order would turn the `~` of a
 * freshly written `~1` into `~01`.
 */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * One pass, so `~01` reads as `~` then `1` (the token `~1`) and never as `/`; decoding
 * `~1` first and `~0` second, as two replaces would, gets exactly that wrong.
 */
export function unescapePointerToken(token: string, pointer: string = token): string {
  return token.replace(/~(.?)/g, (_match, next: string) => {
    if (next === '0') return '~';
    if (next === '1') return '/';
    throw new JsonPointerError(
      pointer,
      'bad-escape',
      `JSON Pointer "${pointer}" has "~" not followed by 0 or 1; write "~0" for a literal "~".`,
    );
  });
}

/** The unescaped reference tokens of a pointer; `""` gives `[]` (the whole document). */
export function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== 'string') {
    throw new JsonPointerError(pointer, 'not-a-string', `A JSON Pointer must be a string, not ${typeof pointer}.`);
  }
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new JsonPointerError(
      pointer,
      'missing-leading-slash',
      `JSON Pointer "${pointer}" must be empty or start with "/".`,
    );
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => unescapePointerToken(token, pointer));
}

export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${escapePointerToken(token)}`).join('');
}

/** True when `prefix` names an ancestor of `pointer` (not the same location). */
export function isProperPrefix(prefix: readonly string[], pointer: readonly string[]): boolean {
  return prefix.length < pointer.length && prefix.every((token, index) => token === pointer[index]);
}
