// Seeded fault dice. Each request's fate is decided when it arrives, before anything is
// applied; only `drop-after-apply` lets the request change state first. Rates and the 429
// burst can be changed while the server runs.
import { Prng } from './random';

export interface FaultOptions {
  latencyMs: number;
  serverErrorRate: number;
  dropConnectionRate: number;
  dropAfterApplyRate: number;
  hangRate: number;
  burst429: number;
  tokenTtlSeconds: number;
  seed: number;
}

export const DEFAULT_FAULTS: Readonly<FaultOptions> = {
  latencyMs: 0,
  serverErrorRate: 0,
  dropConnectionRate: 0,
  dropAfterApplyRate: 0,
  hangRate: 0,
  burst429: 0,
  tokenTtlSeconds: 749,
  seed: 1,
};

/** `normal`, or what goes wrong with this request. */
export type RequestFate = 'normal' | 'drop' | 'hang' | 'server-error' | 'drop-after-apply';

const RATES = ['serverErrorRate', 'dropConnectionRate', 'dropAfterApplyRate', 'hangRate'] as const;

export class FaultInjector {
  private options: FaultOptions = { ...DEFAULT_FAULTS };
  private prng = new Prng(DEFAULT_FAULTS.seed);
  private burstLeft = 0;

  constructor(initial: Partial<FaultOptions> = {}) {
    this.update(initial);
  }

  get current(): Readonly<FaultOptions> {
    return { ...this.options, burst429: this.burstLeft };
  }

  update(changes: Partial<FaultOptions>): void {
    const next = { ...this.options, ...stripUndefined(changes) };
    for (const rate of RATES) {
      if (!(next[rate] >= 0 && next[rate] <= 1)) throw new RangeError(`${rate} must be between 0 and 1, got ${next[rate]}`);
    }
    if (!(next.latencyMs >= 0)) throw new RangeError(`latencyMs must be 0 or more, got ${next.latencyMs}`);
    if (!(next.tokenTtlSeconds > 0)) throw new RangeError(`tokenTtlSeconds must be positive, got ${next.tokenTtlSeconds}`);
    if (!(Number.isInteger(next.burst429) && next.burst429 >= 0)) throw new RangeError(`burst429 must be a whole number, got ${next.burst429}`);
    this.options = next;
    if (changes.seed !== undefined) this.prng = new Prng(next.seed);
    if (changes.burst429 !== undefined) this.burstLeft = next.burst429;
  }

  /** Rolls the dice for one request. A die whose rate is 0 is not rolled. */
  decide(stateChanging: boolean): RequestFate {
    const { dropConnectionRate, hangRate, serverErrorRate, dropAfterApplyRate } = this.options;
    if (this.roll(dropConnectionRate)) return 'drop';
    if (this.roll(hangRate)) return 'hang';
    if (this.roll(serverErrorRate)) return 'server-error';
    if (stateChanging && this.roll(dropAfterApplyRate)) return 'drop-after-apply';
    return 'normal';
  }

  /** True (and one fewer left) while a 429 burst is under way. */
  takeBurst429(): boolean {
    if (this.burstLeft <= 0) return false;
    this.burstLeft--;
    return true;
  }

  private roll(rate: number): boolean {
    return rate > 0 && this.prng.float() < rate;
  }
}

function stripUndefined(changes: Partial<FaultOptions>): Partial<FaultOptions> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<FaultOptions>;
}
