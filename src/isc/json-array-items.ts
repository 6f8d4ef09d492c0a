// A list page read item by item. A page's body decoded whole is one string as big as the page
// (hundreds of KB, MBs for real-sized accounts), which V8 puts in its large-object space, so
// every page of a long export or listing left that much garbage for the next full collection.
// Cut at the array's top-level commas, each item is decoded and parsed alone: small strings
// that die young. The cuts are only ever at ASCII bytes, which never occur inside a UTF-8
// multi-byte sequence, so decoding item by item gives the text decoding the whole would.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

const decoder = new TextDecoder('utf-8');

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The index of the quote that ends the string whose content starts at `from`; -1 if none. */
function stringEnd(bytes: Uint8Array, from: number): number {
  for (let quote = bytes.indexOf(QUOTE, from); quote !== -1; quote = bytes.indexOf(QUOTE, quote + 1)) {
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * The items of a JSON array, each parsed alone, equal to what `JSON.parse` of the whole body
 * gives. Undefined when the body is anything but one well-formed JSON array (an object, an
 * HTML page, a body cut short): the caller then reads it whole, which names what is wrong.
 */
export function jsonArrayItems(bytes: Uint8Array): unknown[] | undefined {
  let at = UTF8_BOM.every((byte, index) => bytes[index] === byte) ? UTF8_BOM.length : 0;
  while (at < bytes.length && isWhitespace(bytes[at])) at++;
  if (bytes[at] !== OPEN_ARRAY) return undefined;
  const items: unknown[] = [];
  let itemStart = at + 1;
  let depth = 1;
  for (at++; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      at = stringEnd(bytes, at + 1);
      if (at === -1) return undefined;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth++;
    } else if (depth > 1 && (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT)) {
      depth--;
    } else if (depth === 1 && (byte === COMMA || byte === CLOSE_ARRAY)) {
      const text = decoder.decode(bytes.subarray(itemStart, at));
      const isEmptyArray = byte === CLOSE_ARRAY && items.length === 0 && text.trim() === '';
      if (!isEmptyArray) {
        try {
          items.push(JSON.parse(text));
        } catch {
          return undefined;
        }
      }
      itemStart = at + 1;
      if (byte === CLOSE_ARRAY) return onlyWhitespaceAfter(bytes, at + 1) ? items : undefined;
    } else if (depth === 1 && byte === CLOSE_OBJECT) {
      return undefined;
    }
  }
  return undefined;
}

function onlyWhitespaceAfter(bytes: Uint8Array, from: number): boolean {
  for (let at = from; at < bytes.length; at++) if (!isWhitespace(bytes[at])) return false;
  return true;
}
