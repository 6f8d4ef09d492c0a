// POST /oauth/token (client credentials, as ISC takes them: form body, query string or Basic
// auth) and bearer-token checks. Tokens look like JWTs but are opaque to the server: it keeps
// each one with its expiry, which lets expireAll() invalidate them all at once.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiResponse } from './router';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenOwner {
  tenantId: string;
  identityId: string;
  userName: string;
}

export type TokenCheck = { ok: true; token: string; launcher: string } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly credentials: ClientCredentials,
    private readonly owner: TokenOwner,
    private readonly ttlSeconds: () => number,
  ) {}

  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const expiresAt = this.tokens.get(match[1]);
    if (expiresAt === undefined) return { ok: false, reason: 'invalid' };
    if (Date.now() >= expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token: match[1], launcher: this.owner.userName };
  }

  /** Every token issued so far stops working now. */
  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  handleTokenRequest(method: string, query: URLSearchParams, headers: IncomingHttpHeaders, body: Buffer): ApiResponse {
    if (method !== 'POST') return oauthError(405, 'invalid_request', `HTTP method ${method} is not supported; use POST.`);
    const params = new URLSearchParams(query);
    const contentType = String(headers['content-type'] ?? '');
    if (body.length > 0 && (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded'))) {
      for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
    } else if (body.length > 0 && contentType.startsWith('multipart/form-data')) {
      // ISC takes the form this way too; SailPoint's own SDK sends it so.
      for (const [name, value] of multipartFields(body, contentType)) params.set(name, value);
    }
    const basic = /^Basic\s+(\S+)$/i.exec(String(headers.authorization ?? ''));
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        params.set('client_id', decodeURIComponent(decoded.slice(0, colon)));
        params.set('client_secret', decodeURIComponent(decoded.slice(colon + 1)));
      }
    }
    const grantType = params.get('grant_type');
    if (!grantType) return oauthError(400, 'invalid_request', 'Missing grant type');
    if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    if (params.get('client_id') !== this.credentials.clientId || params.get('client_secret') !== this.credentials.clientSecret) {
      return oauthError(401, 'invalid_client', 'Bad credentials');
    }
    return { status: 200, body: this.issue(), headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
  }

  private issue(): Record<string, unknown> {
    const ttl = this.ttlSeconds();
    const now = Date.now();
    const jti = randomUUID();
    const payload = {
      tenant_id: this.owner.tenantId,
      internal: true,
      pod: 'sandbox',
      org: 'sandbox',
      identity_id: this.owner.identityId,
      user_name: this.owner.userName,
      strong_auth: false,
      authorities: ['ORG_ADMIN'],
      client_id: this.credentials.clientId,
      strong_auth_supported: false,
      scope: ['sp:scopes:all'],
      exp: Math.floor(now / 1000) + Math.ceil(ttl),
      jti,
    };
    const token = [base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })), base64url(JSON.stringify(payload)), base64url(randomBytes(32))].join('.');
    this.tokens.set(token, now + ttl * 1000);
    return {
      access_token: token,
      token_type: 'bearer',
      expires_in: Math.ceil(ttl),
      scope: 'sp:scopes:all',
      tenant_id: this.owner.tenantId,
      internal: true,
      pod: 'sandbox',
      strong_auth_supported: false,
      org: 'sandbox',
      identity_id: this.owner.identityId,
      user_name: this.owner.userName,
      strong_auth: false,
      jti,
    };
  }
}

/** The plain text fields of a multipart/form-data body (files are not expected here). */
function multipartFields(body: Buffer, contentType: string): Array<[string, string]> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const fields: Array<[string, string]> = [];
  for (const part of body.toString('utf8').split(delimiter)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue; // the preamble and the closing "--"
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part.slice(0, headerEnd));
    if (name) fields.push([name[1], part.slice(headerEnd + 4).replace(/\r\n$/, '')]);
  }
  return fields;
}

function oauthError(status: number, error: string, description: string): ApiResponse {
  return { status, body: { error, error_description: description } };
}
