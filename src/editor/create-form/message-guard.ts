// Checks every message from the Create Account webview before the extension uses it: values
// typed by anyone arrive here, so a message is input, not a call. Wrong shape → refused with
// a reason for the log.
import type { FormValues, WebviewToCreateForm } from '../shared/create-form-protocol';

export type CreateFormGuardResult = { ok: true; message: WebviewToCreateForm } | { ok: false; reason: string };

const MAX_FIELDS = 2000;
const MAX_ITEMS = 5000;
const MAX_TEXT = 100_000;
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function guardCreateFormMessage(raw: unknown): CreateFormGuardResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'the message is not an object' };
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'cancel':
      return { ok: true, message: { type: message.type } };
    case 'changed':
    case 'submit': {
      const values = formValues(message.values);
      return typeof values === 'string' ? { ok: false, reason: `${message.type}: ${values}` } : { ok: true, message: { type: message.type, values } };
    }
    default:
      return { ok: false, reason: `the message type ${JSON.stringify(String(message.type)).slice(0, 40)} is not one the form sends` };
  }
}

/** The values, or why they are not text per field and lists of text per multi-valued field. */
function formValues(raw: unknown): FormValues | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'values is not an object';
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_FIELDS) return `values has more than ${MAX_FIELDS} fields`;
  const values: FormValues = Object.create(null) as FormValues;
  for (const [name, value] of entries) {
    if (PROTOTYPE_KEYS.has(name)) return `the field name ${JSON.stringify(name)} is not allowed`;
    if (typeof value === 'string') {
      if (value.length > MAX_TEXT) return `the value of ${name} is longer than ${MAX_TEXT} characters`;
      values[name] = value;
    } else if (Array.isArray(value)) {
      if (value.length > MAX_ITEMS) return `${name} has more than ${MAX_ITEMS} items`;
      if (!value.every((item) => typeof item === 'string' && item.length <= MAX_TEXT)) return `an item of ${name} is not text`;
      values[name] = [...(value as string[])];
    } else {
      return `the value of ${name} is not text or a list of text`;
    }
  }
  return { ...values };
}
