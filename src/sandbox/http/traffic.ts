// What the server saw: counters for stats() and a bounded request log for tests and the bench.

export interface SandboxStats {
  requests: number;
  /** HTTP status → count; requests that got no answer count as `dropped` or `hung`. */
  byStatus: Record<string, number>;
  /** `METHOD /version/pattern` (e.g. `GET /v3/accounts/{id}`) → count. */
  byRoute: Record<string, number>;
  rateLimited: number;
  droppedConnections: number;
  tokensIssued: number;
  /** Response body bytes sent, all answers together (headers apart). */
  responseBytes: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  /** 0 when no answer was sent (dropped or hung). */
  status: number;
  experimentalHeader: boolean;
  at: number;
  /** The response body's size in bytes; 0 when no answer was sent. */
  responseBytes: number;
}

export type Outcome = number | 'dropped' | 'hung';

const LOG_LIMIT = 10_000;

export class TrafficMonitor {
  private requests = 0;
  private readonly byStatus: Record<string, number> = {};
  private readonly byRoute: Record<string, number> = {};
  private rateLimited = 0;
  private dropped = 0;
  private tokens = 0;
  private responseBytes = 0;
  private readonly log: RequestLogEntry[] = [];
  private next = 0;

  record(entry: Omit<RequestLogEntry, 'status' | 'responseBytes'>, routeKey: string, outcome: Outcome, responseBytes = 0): void {
    this.requests++;
    this.responseBytes += responseBytes;
    const statusKey = String(outcome);
    this.byStatus[statusKey] = (this.byStatus[statusKey] ?? 0) + 1;
    this.byRoute[routeKey] = (this.byRoute[routeKey] ?? 0) + 1;
    if (outcome === 429) this.rateLimited++;
    if (outcome === 'dropped') this.dropped++;
    const full: RequestLogEntry = { ...entry, status: typeof outcome === 'number' ? outcome : 0, responseBytes };
    if (this.log.length < LOG_LIMIT) this.log.push(full);
    else this.log[this.next] = full;
    this.next = (this.next + 1) % LOG_LIMIT;
  }

  tokenIssued(): void {
    this.tokens++;
  }

  stats(): SandboxStats {
    return {
      requests: this.requests,
      byStatus: { ...this.byStatus },
      byRoute: { ...this.byRoute },
      rateLimited: this.rateLimited,
      droppedConnections: this.dropped,
      tokensIssued: this.tokens,
      responseBytes: this.responseBytes,
    };
  }

  /** Oldest first, at most the last 10,000. */
  entries(): RequestLogEntry[] {
    return this.log.length < LOG_LIMIT ? this.log.slice() : [...this.log.slice(this.next), ...this.log.slice(0, this.next)];
  }
}
