// ISC's error bodies. Handlers throw ApiError; the server turns it into an ErrorResponseDto
// (or, for the gateway's own 401/429, the bare bodies ISC answers with).
import { randomBytes } from 'node:crypto';
import type { ErrorResponseDto } from '../../isc/models';

export const DETAIL_CODES = {
  400: '400.1 Bad Request Content',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  415: '415 Unsupported Media Type',
  500: '500.0 Internal Fault',
  503: '503 Service Unavailable',
} as const;

export type ErrorStatus = keyof typeof DETAIL_CODES;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly detailCode: string = DETAIL_CODES[status],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (text: string, detailCode?: string): ApiError => new ApiError(400, text, detailCode);
export const notFound = (text: string): ApiError => new ApiError(404, text);

/** 400 for a query parameter or filter the endpoint does not accept. */
export const illegalValue = (text: string): ApiError => new ApiError(400, text, '400.1.3 Illegal value');

export function errorResponseBody(detailCode: string, text: string): ErrorResponseDto {
  return {
    detailCode,
    trackingId: randomBytes(16).toString('hex'),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
    causes: [],
  };
}

/** Body of the gateway's 401. */
export const unauthorizedBody = (reason: 'expired' | 'missing' | 'invalid'): { error: string } => ({
  error: `JWT validation failed: JWT is ${reason}`,
});

/** Body of the gateway's 429 (the spaces are ISC's). */
export const RATE_LIMITED_BODY = { message: ' Rate Limit Exceeded ' } as const;
