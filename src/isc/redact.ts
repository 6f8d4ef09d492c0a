// The one place secrets are taken out of text. Every log line and every error message the
// client produces passes through a Redactor that knows this client's secret and tokens.
import type { IscError } from './errors';

const MASK = '[redacted]';

/** Shapes of secrets worth masking even when this client never saw the value. */
const PATTERNS: Array<[RegExp, string]> = [
  // `Authorization: Bearer eyJ…` in any casing.
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  // JSON members: {"access_token": "…"}, also with escaped quotes inside the value.
  [/("(?:access_token|refresh_token|id_token|client_secret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${MASK}"`],
  // Form or query members: access_token=…&, client_secret=….
  [/\b(access_token|refresh_token|id_token|client_secret)=[^&\s"']*/gi, `$1=${MASK}`],
  // Anything JWT-shaped: three base64url parts, the first one a JSON header (`{"` → eyJ).
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, MASK],
];

/** Each pattern needs one of these; text with none (nearly all journaled text) skips them. */
const PATTERN_TRIGGER = /bearer|_token|client_secret|eyJ/i;

/** Values shorter than this are not masked literally: masking "ab" everywhere garbles text. */
const MIN_LITERAL_LENGTH = 4;

export class Redactor {
  private readonly literals = new Set<string>();
  /** Longest first, so a secret containing another one is masked whole; sorted once per secret added, not per text. */
  private ordered: string[] = [];
  private secretsAdded = 0;

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.addSecret(secret);
  }

  /** Masks this value from now on, also in its URL-encoded and JSON-escaped spellings. */
  addSecret(secret: string | undefined): void {
    if (!secret || secret.length < MIN_LITERAL_LENGTH) return;
    this.literals.add(secret);
    this.literals.add(encodeURIComponent(secret));
    this.literals.add(new URLSearchParams({ s: secret }).toString().slice(2));
    this.literals.add(JSON.stringify(secret).slice(1, -1));
    this.ordered = [...this.literals].filter((literal) => literal.length >= MIN_LITERAL_LENGTH).sort((a, b) => b.length - a.length);
    this.secretsAdded++;
  }

  /** Changes whenever a secret is added: text masked before may hold what is masked now. */
  get generation(): number {
    return this.secretsAdded;
  }

  redact(text: string): string {
    let out = text;
    for (const literal of this.ordered) out = out.split(literal).join(MASK);
    if (!PATTERN_TRIGGER.test(out)) return out;
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** A copy of the error with its message and server message redacted. */
  redactError(error: IscError): IscError {
    return error.redacted((text) => this.redact(text));
  }
}

/** One-off redaction with the generic patterns plus the given secrets. */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  return new Redactor(secrets).redact(text);
}
