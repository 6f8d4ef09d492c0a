// Every question the extension asks goes through `ui`, so the palette flows can be driven
// from tests in the real VS Code: `ui.answer([...])` queues answers, `ui.transcript` keeps
// what was asked and shown. Without a script, the real VS Code inputs are used.
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface InputRequest {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  /** A message when the text is not acceptable; shown inline while typing. */
  validate?: (text: string) => string | undefined;
}

export interface PickRequest<T> {
  title: string;
  placeHolder?: string;
  items: PickItem<T>[] | Promise<PickItem<T>[]>;
}

export interface SearchRequest<T> {
  title: string;
  placeHolder: string;
  /** Runs as the user types (debounced); an older search is aborted when a newer one starts. */
  search: (text: string, signal: AbortSignal) => Promise<PickItem<T>[]>;
  debounceMs?: number;
}

export interface ConfirmRequest {
  message: string;
  detail?: string;
  /** The button that goes ahead; the modal's Cancel says no. */
  confirm: string;
}

export type NoticeLevel = 'info' | 'warning' | 'error';

/** What a scripted answer sees of the prompt it answers. */
export interface PromptInfo {
  kind: 'input' | 'pick' | 'search' | 'confirm';
  title: string;
  prompt: string;
  value?: string;
  items?: string[];
}

export type ScriptedAnswer =
  | string
  | boolean
  | undefined
  | { query: string; pick?: string; where?: (item: vscode.QuickPickItem) => boolean }
  | ((prompt: PromptInfo) => ScriptedAnswer);

export interface TranscriptEntry {
  kind: PromptInfo['kind'] | 'notice';
  title?: string;
  prompt?: string;
  value?: string;
  items?: string[];
  level?: NoticeLevel;
  message?: string;
  actions?: string[];
  answer?: string;
  validationMessage?: string;
}

class ScriptExhausted extends Error {}

export class Ui {
  private script: ScriptedAnswer[] | undefined;
  readonly transcript: TranscriptEntry[] = [];
  private readonly runningProgress = new Set<AbortController>();

  /** Answers the next prompts in order; a prompt beyond the script fails loudly, never hangs. */
  answer(answers: ScriptedAnswer[]): void {
    this.script = [...answers];
    this.transcript.length = 0;
  }

  /** Back to the real VS Code inputs; returns the answers that were not used. */
  stopAnswering(): ScriptedAnswer[] {
    const left = this.script ?? [];
    this.script = undefined;
    return left;
  }

  get scripted(): boolean {
    return this.script !== undefined;
  }

  notices(level?: NoticeLevel): TranscriptEntry[] {
    return this.transcript.filter((entry) => entry.kind === 'notice' && (!level || entry.level === level));
  }

  private next(info: PromptInfo): ScriptedAnswer {
    if (!this.script || this.script.length === 0) {
      throw new ScriptExhausted(`ui: no scripted answer left for ${info.kind} "${info.title}: ${info.prompt}"`);
    }
    let answer = this.script.shift();
    while (typeof answer === 'function') answer = answer(info);
    return answer;
  }

  async input(request: InputRequest): Promise<string | undefined> {
    if (!this.script) {
      return vscode.window.showInputBox({
        title: request.title,
        prompt: request.prompt,
        value: request.value,
        placeHolder: request.placeHolder,
        password: request.password,
        ignoreFocusOut: true,
        validateInput: request.validate,
      });
    }
    const info: PromptInfo = { kind: 'input', title: request.title, prompt: request.prompt, value: request.value };
    // The transcript may be printed by a failing test: it never holds a password.
    const entry: TranscriptEntry = { ...info, value: request.password && request.value ? '••••' : request.value };
    this.transcript.push(entry);
    const answer = this.next(info);
    if (typeof answer !== 'string') return undefined;
    // A person cannot submit text the box marks invalid: they would see the message and
    // press Escape, which is what a scripted invalid answer does.
    const problem = request.validate?.(answer);
    if (problem) {
      entry.validationMessage = problem;
      return undefined;
    }
    entry.answer = request.password ? '••••' : answer;
    return answer;
  }

  async pick<T>(request: PickRequest<T>): Promise<PickItem<T> | undefined> {
    if (!this.script) {
      return vscode.window.showQuickPick(request.items, {
        title: request.title,
        placeHolder: request.placeHolder,
        matchOnDescription: true,
        matchOnDetail: true,
        ignoreFocusOut: true,
      });
    }
    const items = await request.items;
    const info: PromptInfo = {
      kind: 'pick',
      title: request.title,
      prompt: request.placeHolder ?? '',
      items: items.map((item) => item.label),
    };
    this.transcript.push({ ...info });
    const answer = this.next(info);
    if (answer === undefined) return undefined;
    const label = typeof answer === 'object' ? answer.pick : String(answer);
    const chosen = items.find((item) => item.label === label);
    if (!chosen) throw new ScriptExhausted(`ui: "${label}" is not among ${JSON.stringify(info.items)} (${request.title})`);
    this.transcript[this.transcript.length - 1].answer = chosen.label;
    return chosen;
  }

  async search<T>(request: SearchRequest<T>): Promise<PickItem<T> | undefined> {
    if (!this.script) return searchInQuickPick(request);
    const info: PromptInfo = { kind: 'search', title: request.title, prompt: request.placeHolder };
    const entry: TranscriptEntry = { ...info };
    this.transcript.push(entry);
    const answer = this.next(info);
    if (answer === undefined) return undefined;
    const query = typeof answer === 'object' ? answer.query : String(answer);
    const items = await request.search(query, new AbortController().signal);
    entry.items = items.map((item) => item.label);
    const wanted = typeof answer === 'object' ? answer : { query };
    const chosen = items.find(
      (item) => (wanted.pick === undefined || item.label === wanted.pick) && (!wanted.where || wanted.where(item)),
    );
    if (!chosen && (wanted.pick !== undefined || wanted.where)) {
      throw new ScriptExhausted(`ui: no search result for "${query}" matches ${wanted.pick ?? 'the condition'} (${entry.items.join(', ')})`);
    }
    entry.answer = chosen?.label;
    return chosen;
  }

  /** A modal question; true only for the confirm button. */
  async confirm(request: ConfirmRequest): Promise<boolean> {
    if (!this.script) {
      const choice = await vscode.window.showWarningMessage(
        request.message,
        { modal: true, detail: request.detail },
        request.confirm,
      );
      return choice === request.confirm;
    }
    const info: PromptInfo = { kind: 'confirm', title: request.confirm, prompt: request.message };
    this.transcript.push({ ...info, message: request.message });
    const answer = this.next(info);
    const yes = answer === true || answer === request.confirm;
    this.transcript[this.transcript.length - 1].answer = yes ? request.confirm : 'Cancel';
    return yes;
  }

  /**
   * Runs `task` under a progress notification with a Cancel button; `signal` fires when the
   * user presses it, or when a test calls `cancelProgress()`.
   */
  progress<T>(title: string, task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T> {
    const run = vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      this.runningProgress.add(controller);
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } finally {
        subscription.dispose();
        this.runningProgress.delete(controller);
      }
    });
    return Promise.resolve(run);
  }

  /** Does what pressing Cancel on every running `progress` does; returns how many there were. */
  cancelProgress(): number {
    const running = [...this.runningProgress];
    for (const controller of running) controller.abort();
    return running.length;
  }

  /** A non-modal message; resolves with the action chosen (never waits in a scripted run). */
  notify(level: NoticeLevel, message: string, ...actions: string[]): Thenable<string | undefined> {
    if (this.script) {
      this.transcript.push({ kind: 'notice', level, message, actions });
      return Promise.resolve(undefined);
    }
    if (level === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (level === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  }
}

function searchInQuickPick<T>(request: SearchRequest<T>): Promise<PickItem<T> | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    quickPick.title = request.title;
    quickPick.placeholder = request.placeHolder;
    quickPick.ignoreFocusOut = true;
    let timer: NodeJS.Timeout | undefined;
    let running: AbortController | undefined;
    let settled = false;
    const finish = (item: PickItem<T> | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running?.abort();
      resolve(item);
      quickPick.dispose();
    };
    const run = (text: string) => {
      running?.abort();
      const controller = new AbortController();
      running = controller;
      quickPick.busy = true;
      request.search(text, controller.signal).then(
        (items) => {
          if (controller.signal.aborted) return;
          // The server already matched; VS Code's own filter must not hide its answers.
          quickPick.items = items.map((item) => ({ ...item, alwaysShow: true }));
          quickPick.busy = false;
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          quickPick.busy = false;
          const message = error instanceof Error ? error.message : String(error);
          quickPick.items = [{ label: '$(error) Search failed', detail: message, value: undefined as T, alwaysShow: true }];
        },
      );
    };
    quickPick.onDidChangeValue((text) => {
      clearTimeout(timer);
      timer = setTimeout(() => run(text), request.debounceMs ?? 300);
    });
    quickPick.onDidAccept(() => {
      const chosen = quickPick.selectedItems[0];
      if (chosen && chosen.value !== undefined) finish(chosen);
    });
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
    run('');
  });
}
