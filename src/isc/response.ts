// Reading ISC's answers defensively: a body that is not JSON, is cut short, is an HTML error
// page, or has the wrong shape becomes an IscError of kind 'invalid-response', never a crash.
import type { ResolvedEndpoint } from './endpoints';
import { invalidResponse, type IscError } from './errors';
import type { TransportResponse } from './http';

type Json = unknown;

function fail(endpoint: ResolvedEndpoint, response: TransportResponse, problem: string): IscError {
  return invalidResponse(endpoint.method, endpoint.path, response.status, problem, response.bodyText);
}

/** The parsed body; `emptyAs` is what an empty body stands for (undefined: not allowed). */
export function readJson(endpoint: ResolvedEndpoint, response: TransportResponse, emptyAs?: Json): Json {
  const text = response.bodyText;
  if (text.trim() === '') {
    if (emptyAs !== undefined) return emptyAs;
    throw fail(endpoint, response, 'the body is empty');
  }
  const type = response.headers['content-type'] ?? '';
  if (/text\/html/i.test(type) || /^\s*</.test(text)) throw fail(endpoint, response, 'an HTML page instead of JSON');
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const reason = error instanceof SyntaxError && /end of (JSON )?input|Unterminated/i.test(error.message) ? 'JSON cut short' : 'not JSON';
    throw fail(endpoint, response, reason);
  }
}

function isRecord(value: Json): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject<T>(endpoint: ResolvedEndpoint, response: TransportResponse, emptyAs?: Record<string, unknown>): T {
  const value = readJson(endpoint, response, emptyAs);
  if (!isRecord(value)) throw fail(endpoint, response, `expected a JSON object, got ${describe(value)}`);
  return value as T;
}

/** An object whose `id` is a non-empty string (the task id of the async answers). */
export function expectObjectWithId<T extends { id?: string }>(endpoint: ResolvedEndpoint, response: TransportResponse): T {
  const value = expectObject<T>(endpoint, response);
  if (typeof value.id !== 'string' || value.id === '') throw fail(endpoint, response, 'the answer has no id');
  return value;
}

export function expectArrayOfObjects<T>(endpoint: ResolvedEndpoint, response: TransportResponse): T[] {
  const value = readJson(endpoint, response);
  if (!Array.isArray(value)) throw fail(endpoint, response, `expected a JSON array, got ${describe(value)}`);
  const bad = value.findIndex((item) => !isRecord(item));
  if (bad >= 0) throw fail(endpoint, response, `item ${bad} of the array is ${describe(value[bad])}, not an object`);
  return value as T[];
}

/** X-Total-Count as a number; undefined when the server did not send it. */
export function totalCount(endpoint: ResolvedEndpoint, response: TransportResponse): number | undefined {
  const header = response.headers['x-total-count'];
  if (header === undefined || header.trim() === '') return undefined;
  const total = Number(header);
  if (!Number.isInteger(total) || total < 0) throw fail(endpoint, response, `X-Total-Count is "${header.slice(0, 40)}", not a count`);
  return total;
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
