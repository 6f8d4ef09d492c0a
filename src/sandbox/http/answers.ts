// Writing answers: JSON as ISC sends it, the gateway's 429 and error bodies, and the broken
// 2xx answers the body faults send after a change was taken on (empty, an HTML page, JSON cut
// in half: each a complete HTTP message, so only the body is wrong).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonBytes } from '../state/account-json-cache';
import { DETAIL_CODES, RATE_LIMITED_BODY, errorResponseBody } from './errors';
import { writePaced } from './paced-body';
import type { ApiResponse } from './router';

export type BrokenBody = 'empty-body' | 'html-body' | 'truncated-body';

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head>' +
  '<body><h1>Your session needs to be verified</h1><p>Please sign in to continue.</p></body></html>\n';

export function errorResponse(status: keyof typeof DETAIL_CODES, text: string, detailCode: string = DETAIL_CODES[status]): ApiResponse {
  return { status, body: errorResponseBody(detailCode, text) };
}

export function rateLimited(retryAfterSeconds: number): ApiResponse {
  return { status: 429, body: RATE_LIMITED_BODY, headers: { 'Retry-After': String(retryAfterSeconds) } };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

/** The request body as the ledger keeps it: parsed JSON, else the text, else undefined. */
export function bodyForLedger(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The text an error answer carries (ErrorResponseDto, the gateway's 401 and 429 bodies). */
export function answerText(response: ApiResponse): string | null {
  const body = response.body as { messages?: Array<{ text?: unknown }>; error?: unknown; message?: unknown } | null;
  if (typeof body !== 'object' || body === null) return null;
  const text = body.messages?.[0]?.text ?? body.error ?? body.message;
  return typeof text === 'string' ? text.trim() : null;
}

function payloadOf(response: ApiResponse): Buffer {
  return response.body instanceof JsonBytes ? response.body.bytes : Buffer.from(JSON.stringify(response.body ?? {}));
}

/**
 * `bandwidthMbit` > 0 paces the body at that rate (the bandwidth knob); 0 writes it at once.
 * Returns the body's size in bytes, for the traffic log.
 */
export function sendJson(res: ServerResponse, response: ApiResponse, bandwidthMbit = 0): number {
  return send(res, response, payloadOf(response), 'application/json;charset=utf-8', bandwidthMbit);
}

/** The handler's status and headers with a broken body. */
export function sendBroken(res: ServerResponse, response: ApiResponse, broken: BrokenBody, bandwidthMbit = 0): number {
  if (broken === 'empty-body') return send(res, response, Buffer.alloc(0), 'application/json;charset=utf-8', bandwidthMbit);
  if (broken === 'html-body') return send(res, response, Buffer.from(HTML_PAGE), 'text/html;charset=utf-8', bandwidthMbit);
  const payload = payloadOf(response);
  return send(res, response, payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))), 'application/json;charset=utf-8', bandwidthMbit);
}

function send(res: ServerResponse, response: ApiResponse, payload: Buffer, contentType: string, bandwidthMbit: number): number {
  res.writeHead(response.status, { 'Content-Type': contentType, 'Content-Length': payload.length, ...response.headers });
  if (bandwidthMbit > 0) writePaced(res, payload, bandwidthMbit);
  else res.end(payload);
  return payload.length;
}
