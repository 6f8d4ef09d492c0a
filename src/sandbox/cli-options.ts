// `npm run sandbox` flags → startSandbox options. Every fault knob has a flag; `--fault` adds
// a targeted rule (faults.next) and may be given more than once.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FATES } from './http/fault-rules';
import type { FaultRule, RequestFate } from './http/fault-rules';
import type { FaultOptions } from './http/faults';
import type { SandboxOptions } from '.';
import type { ChangeKind } from './state/ledger';

export const USAGE = `usage: npm run sandbox -- [options]

Tenant:
  --port N                  listen on 127.0.0.1:N (default: any free port)
  --accounts N              accounts of the large Active Directory source (default 1000)
  --identities N            identities (default 300)
  --seed N                  data seed (default 42)
  --realistic               attribute sets sized like real tenants' (AD accounts of 3-15 KB,
                            dozens of memberOf DNs; see src/sandbox/README.md)
  --rate-limit N/10s|off    ISC's per-token limit (default 100/10s; also N/500ms)
  --retry-after S           fixed Retry-After of 429s (default: until the window has room)
  --tls                     serve https with test/fixtures/sandbox-tls (self-signed, 127.0.0.1)
  --tls-cert FILE --tls-key FILE   serve https with this certificate and key

Faults (rates are 0..1, rolled per request with --fault-seed):
  --latency MS              delay every answer
  --bandwidth MBIT          write each answer's body at MBIT Mbit/s per connection (default:
                            unlimited), e.g. --bandwidth 50
  --task-ms MS              how long a task runs before its change applies (default 200)
  --fault-seed N            seed of the fault dice (default 1)
  --server-errors RATE      503 before anything applies
  --drop RATE               socket destroyed before the body is read (nothing applied)
  --hang RATE               never answered (nothing applied)
  --drop-after-apply RATE   change taken on, then the socket is destroyed
  --hang-after-apply RATE   change taken on, then never answered
  --empty-body RATE         change taken on, then 2xx with an empty body
  --html-body RATE          change taken on, then 2xx with an HTML page
  --truncated-body RATE     change taken on, then 2xx with half of its JSON
  --burst429 N              the next N API requests get 429 + Retry-After
  --revoke-tokens-after N   after N API requests every token is revoked (401 until a new one)
  --token-ttl S             lifetime of new tokens (default 749)
  --fault 'FATE [METHOD] [/PATH] [kind=KIND] [COUNT|*]'
                            the next COUNT (default 1, * for all) matching requests get FATE;
                            /PATH matches paths containing it; repeatable. Example:
                            --fault 'drop-after-apply DELETE /accounts/ 1'
  FATE: ${FATES.join(', ')}
  KIND: create, put, patch, delete, remove, remove-all, enable, disable, unlock, reload,
        identity-enable, identity-disable
  --help                    this text`;

export class UsageError extends Error {}

export const CLI_FLAGS = {
  port: { type: 'string' },
  accounts: { type: 'string' },
  identities: { type: 'string' },
  seed: { type: 'string' },
  realistic: { type: 'boolean' },
  'rate-limit': { type: 'string' },
  'retry-after': { type: 'string' },
  tls: { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  latency: { type: 'string' },
  bandwidth: { type: 'string' },
  'task-ms': { type: 'string' },
  'fault-seed': { type: 'string' },
  'server-errors': { type: 'string' },
  drop: { type: 'string' },
  hang: { type: 'string' },
  'drop-after-apply': { type: 'string' },
  'hang-after-apply': { type: 'string' },
  'empty-body': { type: 'string' },
  'html-body': { type: 'string' },
  'truncated-body': { type: 'string' },
  burst429: { type: 'string' },
  'revoke-tokens-after': { type: 'string' },
  'token-ttl': { type: 'string' },
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = Record<string, string | boolean | string[] | undefined>;

const WHOLE: ReadonlyArray<[string, keyof FaultOptions]> = [
  ['latency', 'latencyMs'],
  ['task-ms', 'taskDurationMs'],
  ['fault-seed', 'seed'],
  ['burst429', 'burst429'],
  ['revoke-tokens-after', 'revokeTokensAfter'],
];
const RATES: ReadonlyArray<[string, keyof FaultOptions]> = [
  ['server-errors', 'serverErrorRate'],
  ['drop', 'dropConnectionRate'],
  ['hang', 'hangRate'],
  ['drop-after-apply', 'dropAfterApplyRate'],
  ['hang-after-apply', 'hangAfterApplyRate'],
  ['empty-body', 'emptyBodyRate'],
  ['html-body', 'htmlBodyRate'],
  ['truncated-body', 'truncatedBodyRate'],
];

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} takes a whole number, got "${value}"`);
  return Number(value);
}

function decimal(value: string | undefined, flag: string, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || number > max) throw new UsageError(`--${flag} takes a number${max === 1 ? ' from 0 to 1' : ''}, got "${value}"`);
  return number;
}

/** `100/10s`, `5/500ms`, `off`. */
function rateLimit(value: string | undefined): SandboxOptions['rateLimit'] {
  if (value === undefined) return undefined;
  if (value === 'off') return false;
  const match = /^(\d+)\/(\d+)(ms|s)$/.exec(value);
  if (!match) throw new UsageError(`--rate-limit takes N/10s, N/500ms or off, got "${value}"`);
  return { requests: Number(match[1]), windowMs: Number(match[2]) * (match[3] === 's' ? 1000 : 1) };
}

/** `FATE [METHOD] [/PATH] [kind=KIND] [COUNT|*]`. */
export function parseFaultRule(text: string): FaultRule {
  const [fate, ...rest] = text.trim().split(/\s+/);
  if (!FATES.includes(fate as RequestFate)) throw new UsageError(`--fault: "${fate}" is not a fate; use one of ${FATES.join(', ')}`);
  const rule: FaultRule = { fate: fate as RequestFate };
  for (const token of rest) {
    if (/^[A-Z]+$/.test(token)) rule.method = token;
    else if (token.startsWith('/')) rule.path = token;
    else if (token.startsWith('kind=')) rule.kind = token.slice('kind='.length) as ChangeKind;
    else if (token === '*') rule.count = Infinity;
    else if (/^\d+$/.test(token)) rule.count = Number(token);
    else throw new UsageError(`--fault: cannot read "${token}" in "${text}" (METHOD in capitals, /PATH, kind=KIND, COUNT or *)`);
  }
  return rule;
}

function tls(values: Values, repoRoot: string): SandboxOptions['tls'] {
  const cert = values['tls-cert'] as string | undefined;
  const key = values['tls-key'] as string | undefined;
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'sandbox-tls');
  if (cert !== undefined && key !== undefined) return { cert: readFileSync(cert), key: readFileSync(key) };
  if (values.tls) return { cert: readFileSync(path.join(fixture, 'cert.pem')), key: readFileSync(path.join(fixture, 'key.pem')) };
  return undefined;
}

export function sandboxOptionsFromFlags(values: Values, repoRoot: string): SandboxOptions {
  const text = (name: string) => values[name] as string | undefined;
  const faults: Partial<FaultOptions> = {};
  for (const [flag, knob] of WHOLE) faults[knob] = wholeNumber(text(flag), flag);
  for (const [flag, knob] of RATES) faults[knob] = decimal(text(flag), flag, 1);
  faults.tokenTtlSeconds = decimal(text('token-ttl'), 'token-ttl');
  faults.bandwidthMbitPerConnection = decimal(text('bandwidth'), 'bandwidth');
  return {
    port: wholeNumber(text('port'), 'port'),
    largeSourceAccounts: wholeNumber(text('accounts'), 'accounts'),
    identities: wholeNumber(text('identities'), 'identities'),
    seed: wholeNumber(text('seed'), 'seed'),
    realisticAccounts: values.realistic === true ? true : undefined,
    rateLimit: rateLimit(text('rate-limit')),
    retryAfterSeconds: decimal(text('retry-after'), 'retry-after'),
    tls: tls(values, repoRoot),
    faults,
    faultRules: ((values.fault as string[] | undefined) ?? []).map(parseFaultRule),
  };
}
