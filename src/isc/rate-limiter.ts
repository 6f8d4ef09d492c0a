// Paces requests below ISC's gateway limit (100 per access token per 10 s). The gateway counts
// arrivals, which happen somewhere between our send and its answer; so a request holds its
// slot while in flight and for one window after its answer. Then no window of arrivals can
// ever hold more than `limit` requests, however uneven the network. Waiters are served
// strictly first come, first served, so a burst of paging cannot starve a single click.
import { abortedError } from './errors';

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

/** Call when the request's answer (or failure) arrived; calling again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  /** When the answer came; undefined while the request is in flight. */
  doneAt?: number;
}

export class RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly slots = new Set<Slot>();
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private heldUntil = 0;

  constructor(options: RateLimiterOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) {
      throw new RangeError(`RateLimiter needs limit >= 1 and windowMs > 0 (got ${options.limit}, ${options.windowMs}).`);
    }
    this.limit = Math.floor(options.limit);
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
  }

  /** Resolves with the slot's release when this caller may send one request; rejects (kind 'aborted') if `signal` fires first. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(abortedError());
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(abortedError());
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** After a 429: nobody is granted before `untilMs`, since the gateway would refuse them too. */
  holdUntil(untilMs: number): void {
    if (untilMs <= this.heldUntil) return;
    this.heldUntil = untilMs;
    this.pump();
  }

  /** Requests waiting for a slot right now. */
  get queued(): number {
    return this.waiters.length;
  }

  private grant(): ReleaseSlot {
    const slot: Slot = {};
    this.slots.add(slot);
    return () => {
      if (slot.doneAt !== undefined) return;
      slot.doneAt = this.now();
      this.pump();
    };
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = this.now();
    let nextFree = Number.POSITIVE_INFINITY;
    for (const slot of this.slots) {
      if (slot.doneAt === undefined) continue;
      if (slot.doneAt <= now - this.windowMs) this.slots.delete(slot);
      else nextFree = Math.min(nextFree, slot.doneAt + this.windowMs);
    }
    while (this.waiters.length > 0 && now >= this.heldUntil && this.slots.size < this.limit) {
      const waiter = this.waiters.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.grant());
    }
    if (this.waiters.length === 0) return;
    // Woken by a release when all slots are in flight; otherwise by the first slot to age out.
    const wakeAt = this.slots.size < this.limit ? this.heldUntil : Math.max(nextFree, this.heldUntil);
    if (Number.isFinite(wakeAt)) this.timer = setTimeout(() => this.pump(), Math.max(1, wakeAt - now));
  }
}
