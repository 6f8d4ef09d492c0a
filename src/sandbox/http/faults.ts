// Seeded fault dice and targeted fault rules. Each request's fate is decided when it arrives:
// first the rules (fault-rules.ts), then the dice. Before-apply fates change nothing;
// after-apply fates let the handler take the change on first. Every knob can be changed while
// the server runs.
import { FaultRules } from './fault-rules';
import type { FaultRule, RequestFacts, RequestFate } from './fault-rules';
import { Prng } from '../seed/random';

export interface FaultOptions {
  latencyMs: number;
  /** Each answer's body is written at this rate, per connection (Mbit/s); 0: as fast as the
   * loopback goes. */
  bandwidthMbitPerConnection: number;
  /** 503 before anything applies. */
  serverErrorRate: number;
  /** The socket is destroyed before the body is read (ECONNRESET, nothing applied). */
  dropConnectionRate: number;
  /** State-changing 2xx only: taken on, then the socket is destroyed with no answer. */
  dropAfterApplyRate: number;
  /** No answer ever, nothing applied. */
  hangRate: number;
  /** State-changing 2xx only: taken on, then no answer ever. */
  hangAfterApplyRate: number;
  /** State-changing 2xx only: taken on, then answered with an empty body. */
  emptyBodyRate: number;
  /** State-changing 2xx only: taken on, then answered with an HTML page. */
  htmlBodyRate: number;
  /** State-changing 2xx only: taken on, then answered with half of its JSON. */
  truncatedBodyRate: number;
  /** The next N API requests get 429 with Retry-After, whatever the pace. */
  burst429: number;
  /** After N more API requests every token issued so far is revoked (401 until a new
   * token); 0: off. */
  revokeTokensAfter: number;
  /** How long a task runs before its change applies; read when a task starts. */
  taskDurationMs: number;
  tokenTtlSeconds: number;
  seed: number;
}

export const DEFAULT_FAULTS: Readonly<FaultOptions> = {
  latencyMs: 0,
  bandwidthMbitPerConnection: 0,
  serverErrorRate: 0,
  dropConnectionRate: 0,
  dropAfterApplyRate: 0,
  hangRate: 0,
  hangAfterApplyRate: 0,
  emptyBodyRate: 0,
  htmlBodyRate: 0,
  truncatedBodyRate: 0,
  burst429: 0,
  revokeTokensAfter: 0,
  taskDurationMs: 200,
  tokenTtlSeconds: 749,
  seed: 1,
};

export type { FaultRule, RequestFate } from './fault-rules';

const BEFORE_RATES = [
  ['dropConnectionRate', 'drop'],
  ['hangRate', 'hang'],
  ['serverErrorRate', 'server-error'],
] as const;
const AFTER_RATES = [
  ['dropAfterApplyRate', 'drop-after-apply'],
  ['hangAfterApplyRate', 'hang-after-apply'],
  ['emptyBodyRate', 'empty-body'],
  ['htmlBodyRate', 'html-body'],
  ['truncatedBodyRate', 'truncated-body'],
] as const;
const COUNTS = ['burst429', 'revokeTokensAfter'] as const;

export class FaultInjector {
  private options: FaultOptions = { ...DEFAULT_FAULTS };
  private prng = new Prng(DEFAULT_FAULTS.seed);
  private burstLeft = 0;
  private revokeLeft = 0;
  readonly rules = new FaultRules();

  constructor(initial: Partial<FaultOptions> = {}, rules: readonly FaultRule[] = []) {
    this.update(initial);
    for (const rule of rules) this.rules.add(rule);
  }

  /** The settings; burst429 and revokeTokensAfter count down as requests use them up. */
  get current(): Readonly<FaultOptions> {
    return { ...this.options, burst429: this.burstLeft, revokeTokensAfter: this.revokeLeft };
  }

  update(changes: Partial<FaultOptions>): void {
    const next = { ...this.options, ...stripUndefined(changes) };
    for (const [rate] of [...BEFORE_RATES, ...AFTER_RATES]) {
      if (!(next[rate] >= 0 && next[rate] <= 1)) throw new RangeError(`${rate} must be between 0 and 1, got ${next[rate]}`);
    }
    if (!(next.latencyMs >= 0)) throw new RangeError(`latencyMs must be 0 or more, got ${next.latencyMs}`);
    if (!(next.bandwidthMbitPerConnection >= 0 && next.bandwidthMbitPerConnection < Infinity)) {
      throw new RangeError(`bandwidthMbitPerConnection must be 0 (unlimited) or a positive number, got ${next.bandwidthMbitPerConnection}`);
    }
    if (!(next.taskDurationMs >= 0)) throw new RangeError(`taskDurationMs must be 0 or more, got ${next.taskDurationMs}`);
    if (!(next.tokenTtlSeconds > 0)) throw new RangeError(`tokenTtlSeconds must be positive, got ${next.tokenTtlSeconds}`);
    for (const count of COUNTS) {
      if (!(Number.isInteger(next[count]) && next[count] >= 0)) throw new RangeError(`${count} must be a whole number, got ${next[count]}`);
    }
    this.options = next;
    if (changes.seed !== undefined) this.prng = new Prng(next.seed);
    if (changes.burst429 !== undefined) this.burstLeft = next.burst429;
    if (changes.revokeTokensAfter !== undefined) this.revokeLeft = next.revokeTokensAfter;
  }

  /** A rule's fate, else the dice's. A die whose rate is 0 is not rolled, so a new knob left
   * at 0 does not change what a seed gives. After-apply dice roll for state-changing
   * requests only. */
  decide(facts: RequestFacts, stateChanging: boolean): RequestFate {
    const ruled = this.rules.take(facts);
    if (ruled) return ruled;
    for (const [rate, fate] of BEFORE_RATES) if (this.roll(this.options[rate])) return fate;
    if (!stateChanging) return 'normal';
    for (const [rate, fate] of AFTER_RATES) if (this.roll(this.options[rate])) return fate;
    return 'normal';
  }

  /** True (and one fewer left) while a 429 burst is under way. */
  takeBurst429(): boolean {
    if (this.burstLeft <= 0) return false;
    this.burstLeft--;
    return true;
  }

  /** Counts one API request towards `revokeTokensAfter`; true when the tokens are due to be
   * revoked now (this request still passed; the next ones do not). */
  countTokenUse(): boolean {
    if (this.revokeLeft <= 0) return false;
    this.revokeLeft--;
    return this.revokeLeft === 0;
  }

  private roll(rate: number): boolean {
    return rate > 0 && this.prng.float() < rate;
  }
}

function stripUndefined(changes: Partial<FaultOptions>): Partial<FaultOptions> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<FaultOptions>;
}
