// Reading attributes a person typed: the document of Replace Attributes, and the optional
// attributes of Create Account (`key=value; key=value` or a JSON object). No vscode; the
// messages name what is wrong and where.
import type { AccountAttributeMap, AttributeValue } from '../isc/models';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(text: string, what: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** `{"attributes": {...}}`, the whole body of PUT /accounts/{id}. */
export function parseAttributesDocument(text: string): Parsed<AccountAttributeMap> {
  const parsed = parseJson(text, 'The document');
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  if (!isPlainObject(body)) return { ok: false, message: 'The document must be a JSON object like {"attributes": {…}}.' };
  const extra = Object.keys(body).filter((key) => key !== 'attributes');
  if (extra.length > 0) {
    return { ok: false, message: `The document may only contain "attributes"; remove ${extra.map((k) => `"${k}"`).join(', ')}.` };
  }
  if (!isPlainObject(body.attributes)) return { ok: false, message: '"attributes" must be a JSON object of attribute names and values.' };
  return { ok: true, value: body.attributes as AccountAttributeMap };
}

/**
 * Optional attributes for a new account: empty, a JSON object, or `key=value` pairs
 * separated by `;` or new lines. Values of pairs are strings.
 */
export function parseAttributeList(text: string): Parsed<AccountAttributeMap> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: {} };
  if (trimmed.startsWith('{')) {
    const parsed = parseJson(trimmed, 'The attributes');
    if (!parsed.ok) return parsed;
    if (!isPlainObject(parsed.value)) return { ok: false, message: 'The attributes must be a JSON object.' };
    return { ok: true, value: parsed.value as Record<string, AttributeValue> };
  }
  const attributes: AccountAttributeMap = {};
  const pairs = trimmed.split(/[;\n]/).map((pair) => pair.trim()).filter(Boolean);
  for (const [index, pair] of pairs.entries()) {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? '' : pair.slice(0, equals).trim();
    if (!key) return { ok: false, message: `Pair ${index + 1} ("${pair}") is not key=value.` };
    if (key in attributes) return { ok: false, message: `The attribute "${key}" is given twice.` };
    attributes[key] = pair.slice(equals + 1).trim();
  }
  return { ok: true, value: attributes };
}
