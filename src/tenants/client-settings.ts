// The `iscAccounts.*` settings as the client and the tree use them, clamped to what ISC
// accepts so a hand-edited settings.json cannot produce a request the server refuses.
import type { IscClientOptions } from '../isc/api';
import type { ApiVersion } from '../isc/models';
import { DEFAULT_RETENTION, type RetentionLimits } from '../journal/retention';

export interface ExplorerSettings {
  apiVersion: ApiVersion;
  pageSize: number;
  concurrency: number;
  requestTimeoutSeconds: number;
  requestsPer10Seconds: number;
  /** How long an unknown outcome is read back before it is reported as unknown. */
  readBackWindowSeconds: number;
}

export const DEFAULT_SETTINGS: ExplorerSettings = {
  apiVersion: 'v3',
  pageSize: 250,
  concurrency: 8,
  requestTimeoutSeconds: 30,
  requestsPer10Seconds: 95,
  readBackWindowSeconds: 300,
};

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Reads the settings through `get` (a WorkspaceConfiguration's, or a plain map in tests). */
export function readSettings(get: (key: keyof ExplorerSettings) => unknown): ExplorerSettings {
  const version = get('apiVersion');
  const timeout = get('requestTimeoutSeconds');
  const window = get('readBackWindowSeconds');
  return {
    apiVersion: version === 'beta' || version === 'v2024' ? version : 'v3',
    pageSize: clampInt(get('pageSize'), 1, 250, DEFAULT_SETTINGS.pageSize),
    concurrency: clampInt(get('concurrency'), 1, 32, DEFAULT_SETTINGS.concurrency),
    requestTimeoutSeconds:
      typeof timeout === 'number' && timeout > 0 ? Math.min(600, timeout) : DEFAULT_SETTINGS.requestTimeoutSeconds,
    requestsPer10Seconds: clampInt(get('requestsPer10Seconds'), 1, 100, DEFAULT_SETTINGS.requestsPer10Seconds),
    readBackWindowSeconds: typeof window === 'number' && window > 0 ? Math.min(3600, window) : DEFAULT_SETTINGS.readBackWindowSeconds,
  };
}

export interface Credentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export function clientOptions(
  credentials: Credentials,
  settings: ExplorerSettings,
  log: IscClientOptions['log'],
): IscClientOptions {
  return {
    ...credentials,
    preferredVersion: settings.apiVersion,
    concurrency: settings.concurrency,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    requestsPer10Seconds: settings.requestsPer10Seconds,
    log,
  };
}

/** The Activity journal's bounds: `iscAccounts.activity.keepDays` and `.keepEntries`. */
export function readJournalLimits(get: (key: string) => unknown): RetentionLimits {
  return {
    maxDays: clampInt(get('activity.keepDays'), 1, 3650, DEFAULT_RETENTION.maxDays),
    maxEntries: clampInt(get('activity.keepEntries'), 10, 100_000, DEFAULT_RETENTION.maxEntries),
  };
}
