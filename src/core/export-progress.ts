// How far an export is and about how long it has left. The measured rate alone misleads on a
// long export: the first window's budget of requests goes out at once, then the rate limiter
// makes the rest wait. So once the pages left exceed one window's budget, the rate is capped at
// what the pacing allows (requests per window × page size). No vscode here.

export interface Pace {
  requests: number;
  windowMs: number;
}

export interface ExportProgress {
  done: number;
  total: number | undefined;
  /** Undefined until it can be estimated. */
  remainingMs: number | undefined;
}

export class ExportClock {
  private readonly startedAt: number;

  constructor(
    private readonly pace: Pace | undefined,
    private readonly pageSize: number,
    private totalCount: number | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  get total(): number | undefined {
    return this.totalCount;
  }

  setTotal(total: number | undefined): void {
    this.totalCount = total;
  }

  progress(done: number): ExportProgress {
    const total = this.totalCount;
    const elapsed = this.now() - this.startedAt;
    if (total === undefined || done <= 0 || elapsed <= 0) return { done, total, remainingMs: undefined };
    const left = Math.max(0, total - done);
    let perMs = done / elapsed;
    if (this.pace && left / this.pageSize > this.pace.requests) perMs = Math.min(perMs, (this.pace.requests * this.pageSize) / this.pace.windowMs);
    return { done, total, remainingMs: left / perMs };
  }
}

const count = (value: number): string => value.toLocaleString('en-US');

function timeLeft(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return `about ${seconds} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** "12,250 of 100,000 accounts · about 35 s left" */
export function exportProgressText({ done, total, remainingMs }: ExportProgress): string {
  const counted = total === undefined ? `${count(done)} accounts` : `${count(done)} of ${count(total)} accounts`;
  return remainingMs === undefined || done === total ? counted : `${counted} · ${timeLeft(remainingMs)}`;
}
