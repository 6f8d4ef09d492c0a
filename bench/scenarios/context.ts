// What every scenario gets from bench/run.ts.
export interface BenchContext {
  /** Runs per figure (the table shows their median, min and max). */
  runs: number;
  progress(message: string): void;
}
