// Reading ISC's answers defensively: a body that is not JSON, is cut short, is an HTML error
// page, or has the wrong shape (down to the nested fields the client reads) becomes an
// IscError of kind 'invalid-response', never a crash. For a change ISC answered with a 2xx,
// that error says ISC accepted it and carries outcomeUnknown: the change may have been applied.
import type { ResolvedEndpoint } from './endpoints';
import { acceptedButUnreadable, invalidResponse, isChange, type IscError } from './errors';
import type { TransportResponse } from './http';
import type { BulkIdentitiesAccountsResponse, TaskStatus } from './models';

type Json = unknown;

function fail(endpoint: ResolvedEndpoint, response: TransportResponse, problem: string): IscError {
  const { method, path } = endpoint;
  const { status, bodyText } = response;
  if (isChange(method) && status >= 200 && status < 300) return acceptedButUnreadable(method, path, status, problem, bodyText);
  return invalidResponse(method, path, status, problem, bodyText);
}

/**
 * The parsed body. `noContentAs` is what a 204 No Content stands for; any other empty body
 * is unreadable (ISC's answers all have a JSON body).
 */
export function readJson(endpoint: ResolvedEndpoint, response: TransportResponse, noContentAs?: Json): Json {
  if (response.arrayItems) return response.arrayItems;
  const text = response.bodyText;
  if (text.trim() === '') {
    if (noContentAs !== undefined && response.status === 204) return noContentAs;
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

export function expectObject<T>(endpoint: ResolvedEndpoint, response: TransportResponse, noContentAs?: Record<string, unknown>): T {
  const value = readJson(endpoint, response, noContentAs);
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

/** An item of a list page: an object with a non-empty string id (the tree and the pickers key on it). */
export function isListItem(item: unknown): item is Record<string, unknown> & { id: string } {
  return isRecord(item) && isNonEmptyString(item.id);
}

/** A list page: a JSON array of list items. */
export function expectListItems<T>(endpoint: ResolvedEndpoint, response: TransportResponse): T[] {
  const items = expectArrayOfObjects<Record<string, unknown>>(endpoint, response);
  const bad = items.findIndex((item) => !isListItem(item));
  if (bad >= 0) throw fail(endpoint, response, `item ${bad} of the list has no id`);
  return items as T[];
}

/** The 202 of remove and remove-all: an object whose `id`, when present, is a task id. */
export function expectTaskResult<T extends { id?: string }>(endpoint: ResolvedEndpoint, response: TransportResponse): T {
  const value = expectObject<Record<string, unknown>>(endpoint, response);
  if (value.id !== undefined && value.id !== null && !isNonEmptyString(value.id)) {
    throw fail(endpoint, response, `the task id is ${describe(value.id)}, not a string`);
  }
  return value as T;
}

/** The 207 of the bulk IDN calls: one entry per identity, each with its id and its own status. */
export function expectBulkResults(endpoint: ResolvedEndpoint, response: TransportResponse): BulkIdentitiesAccountsResponse[] {
  const items = expectArrayOfObjects<Record<string, unknown>>(endpoint, response);
  items.forEach((item, index) => {
    if (!isNonEmptyString(item.id)) throw fail(endpoint, response, `entry ${index} has no identity id`);
    const code = item.statusCode;
    if (!(typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599)) {
      throw fail(endpoint, response, `entry ${index} (${item.id}) has no HTTP status code`);
    }
    if (item.message !== undefined && item.message !== null && typeof item.message !== 'string') {
      throw fail(endpoint, response, `the message of entry ${index} (${item.id}) is ${describe(item.message)}, not text`);
    }
  });
  return items as BulkIdentitiesAccountsResponse[];
}

const COMPLETION_STATUSES = new Set(['SUCCESS', 'WARNING', 'ERROR', 'TERMINATED', 'TEMPERROR']);

/** A task status whose completionStatus is known or unset; missing `messages` become []. */
export function expectTaskStatus(endpoint: ResolvedEndpoint, response: TransportResponse): TaskStatus {
  const value = expectObject<Record<string, unknown>>(endpoint, response);
  const completion = value.completionStatus;
  if (completion !== undefined && completion !== null && !(typeof completion === 'string' && COMPLETION_STATUSES.has(completion))) {
    throw fail(endpoint, response, `the task's completionStatus is ${typeof completion === 'string' ? `"${completion.slice(0, 40)}"` : describe(completion)}, not one the client knows`);
  }
  const messages = value.messages ?? [];
  if (!Array.isArray(messages)) throw fail(endpoint, response, `the task's messages are ${describe(messages)}, not an array`);
  const bad = messages.findIndex((message) => !isRecord(message));
  if (bad >= 0) throw fail(endpoint, response, `message ${bad} of the task is ${describe(messages[bad])}, not an object`);
  const percent = value.percentComplete;
  if (percent !== undefined && percent !== null && typeof percent !== 'number') {
    throw fail(endpoint, response, `the task's percentComplete is ${describe(percent)}, not a number`);
  }
  return { ...value, messages } as unknown as TaskStatus;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
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
