// Searching the server as a person types. A search starts only once typing pauses (the
// keystrokes before send nothing), each keystroke aborts the search in flight, and only the
// answer to the latest text is shown: a slow answer to older text never replaces a newer one.
// No vscode here, so the timing is tested with a fake clock (test/unit/typed-search.test.ts).

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Where the answers go (the quick pick). */
export interface TypedSearchView<R> {
  busy(on: boolean): void;
  show(result: R): void;
  fail(error: unknown): void;
}

export class TypedSearch<R> {
  private timer: unknown;
  private running: AbortController | undefined;

  constructor(
    private readonly search: (text: string, signal: AbortSignal) => Promise<R>,
    private readonly view: TypedSearchView<R>,
    private readonly debounceMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The text changed: whatever is shown no longer answers it. */
  typed(text: string): void {
    this.stop();
    this.view.busy(true);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.now(text);
    }, this.debounceMs);
  }

  /** Searches at once (the text the pick opens with). */
  now(text: string): void {
    this.stop();
    const controller = new AbortController();
    this.running = controller;
    this.view.busy(true);
    const answer = new Promise<R>((resolve) => resolve(this.search(text, controller.signal)));
    const settle = (deliver: () => void) => {
      // A search that ignores its signal still resolves: an older one must not be shown.
      if (controller !== this.running) return;
      this.running = undefined;
      this.view.busy(false);
      deliver();
    };
    answer.then(
      (result) => settle(() => this.view.show(result)),
      (error: unknown) => settle(() => this.view.fail(error)),
    );
  }

  /** True when what is shown answers the latest text (nothing waits or runs). */
  get settled(): boolean {
    return this.timer === undefined && this.running === undefined;
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.running?.abort();
    this.running = undefined;
  }
}
