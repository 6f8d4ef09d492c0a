// Reading request bodies the way a Spring service behind ISC's gateway does: a required body
// that is missing is a 400, a body of the wrong media type is a 415, malformed JSON is a 400.
import { ApiError, badRequest } from './errors';
import type { RequestContext } from './router';

export interface BodyRules {
  required: boolean;
  /** Accepted media types, e.g. `application/json`. */
  mediaTypes: readonly string[];
}

export const JSON_BODY: BodyRules = { required: true, mediaTypes: ['application/json'] };
export const JSON_PATCH_BODY: BodyRules = { required: true, mediaTypes: ['application/json-patch+json'] };

/** The parsed body, or undefined when there is none and none is required. */
export function readJsonBody(context: RequestContext, rules: BodyRules): unknown {
  const text = context.rawBody.toString('utf8');
  if (text.trim() === '') {
    if (rules.required) throw badRequest(`Required request body is missing: ${context.method} takes a ${rules.mediaTypes[0]} body.`);
    return undefined;
  }
  const contentType = String(context.headers['content-type'] ?? '');
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (!rules.mediaTypes.includes(mediaType)) {
    throw new ApiError(
      415,
      `Content type '${contentType || '(none)'}' not supported: this operation takes Content-Type ${rules.mediaTypes.join(' or ')}.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`Malformed JSON request body: ${(error as Error).message}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks optional fields of a small request object (AccountToggleRequest and friends). */
export function checkOptionalFields(
  body: Record<string, unknown>,
  fields: Readonly<Record<string, 'string' | 'boolean'>>,
  schemaName: string,
): void {
  for (const [name, type] of Object.entries(fields)) {
    const value = body[name];
    if (value !== undefined && typeof value !== type) {
      throw badRequest(`${schemaName}.${name} must be a ${type}, got ${JSON.stringify(value)}.`);
    }
  }
}
