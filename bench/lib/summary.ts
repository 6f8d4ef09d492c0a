// Each figure in the table is the median of several runs, shown with its min and max.

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order, so the JSON shows the spread. */
  runs: number[];
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('summarize() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}

/** "1.23 s (1.20–1.31)" or "412 (410–415)", with the unit of the caller's choice. */
export function formatSummary(summary: Summary, format: (value: number) => string): string {
  if (summary.min === summary.max) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
