// Every question the extension asks goes through `ui`, so the palette flows can be driven
// from tests in the real VS Code: `ui.answer([...])` queues answers, `ui.transcript` keeps
// what was asked and shown. Without a script, the real VS Code inputs are used.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { completeInQuickPick } from './completing-quick-pick';
import type {
  ChoiceRequest,
  CompletingInputRequest,
  ConfirmRequest,
  InputRequest,
  NoticeLevel,
  PickItem,
  PickRequest,
  PromptInfo,
  SaveRequest,
  ScriptedAnswer,
  SearchRequest,
  TranscriptEntry,
} from './prompt-types';
import { searchInQuickPick } from './search-quick-pick';

class ScriptExhausted extends Error {}

type Answered = Exclude<ScriptedAnswer, (prompt: PromptInfo) => ScriptedAnswer>;

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

  private nextAnswer(info: PromptInfo): Answered {
    if (!this.script || this.script.length === 0) {
      throw new ScriptExhausted(`ui: no scripted answer left for ${info.kind} "${info.title}: ${info.prompt}"`);
    }
    let answer = this.script.shift();
    while (typeof answer === 'function') answer = answer(info);
    return answer;
  }

  /** The answer to a prompt that takes one: a list answers only a multi-select. */
  private next(info: PromptInfo): Exclude<Answered, string[]> {
    const answer = this.nextAnswer(info);
    if (Array.isArray(answer)) throw new ScriptExhausted(`ui: a list of labels answers only a multi-select, not ${info.kind} "${info.title}"`);
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

  /** Text typed with completions offered (see CompletingInputRequest); undefined for Escape. */
  async completingInput(request: CompletingInputRequest): Promise<string | undefined> {
    if (!this.script) return completeInQuickPick(request);
    let text = request.value ?? '';
    for (;;) {
      const labels = (typed: string) => request.complete(typed).map((offer) => offer.label);
      const info: PromptInfo = { kind: 'completing-input', title: request.title, prompt: request.placeHolder ?? '', value: text, items: labels(text) };
      const answer = this.next(info);
      if (answer === undefined) {
        this.transcript.push({ ...info });
        return undefined;
      }
      const step = typeof answer === 'object' ? answer : { query: String(answer), pick: undefined };
      const offers = request.complete(step.query);
      const entry: TranscriptEntry = { ...info, value: step.query, items: labels(step.query) };
      this.transcript.push(entry);
      if (step.pick !== undefined) {
        const taken = offers.find((offer) => offer.label === step.pick);
        if (!taken) throw new ScriptExhausted(`ui: "${step.pick}" is not offered for "${step.query}" (${JSON.stringify(entry.items)})`);
        text = entry.answer = taken.text;
        continue;
      }
      // As in `input`: a person cannot accept text marked invalid, so they press Escape.
      const problem = request.validate(step.query);
      if (problem) {
        entry.validationMessage = problem;
        return undefined;
      }
      entry.answer = step.query;
      return step.query;
    }
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

  /** Several items ticked (those with `picked` are ticked at first); undefined for Escape. */
  async pickMany<T>(request: PickRequest<T>): Promise<PickItem<T>[] | undefined> {
    if (!this.script) {
      const options = { title: request.title, placeHolder: request.placeHolder, canPickMany: true as const, ignoreFocusOut: true };
      return vscode.window.showQuickPick(request.items, options);
    }
    const items = await request.items;
    const info: PromptInfo = { kind: 'pick-many', title: request.title, prompt: request.placeHolder ?? '', items: items.map((item) => item.label) };
    const entry: TranscriptEntry = { ...info };
    this.transcript.push(entry);
    const answer = this.nextAnswer(info);
    if (answer === undefined || answer === false) return undefined;
    const labels = answer === true ? items.filter((item) => item.picked).map((item) => item.label) : [answer].flat().map(String);
    const unknown = labels.filter((label) => !items.some((item) => item.label === label));
    if (unknown.length > 0) throw new ScriptExhausted(`ui: ${JSON.stringify(unknown)} not among ${JSON.stringify(info.items)} (${request.title})`);
    entry.answer = labels.join(', ');
    return items.filter((item) => labels.includes(item.label));
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
    if (!chosen || wanted.action === undefined) return chosen;
    const action = chosen.actions?.find((candidate) => candidate.tooltip === wanted.action);
    if (!action) throw new ScriptExhausted(`ui: "${chosen.label}" has no button "${wanted.action}" (${request.title})`);
    entry.answer = `${chosen.label} [${action.tooltip}]`;
    return { ...chosen, value: action.value };
  }

  /** A modal question; true only for the confirm button. */
  async confirm(request: ConfirmRequest): Promise<boolean> {
    if (!this.script) return (await askModal(request.message, request.detail, [request.confirm])) === request.confirm;
    const info: PromptInfo = { kind: 'confirm', title: request.confirm, prompt: request.message };
    this.transcript.push({ ...info, message: request.message, detail: request.detail });
    const answer = this.next(info);
    const yes = answer === true || answer === request.confirm;
    this.transcript[this.transcript.length - 1].answer = yes ? request.confirm : 'Cancel';
    return yes;
  }

  /** A modal question with several buttons; undefined for the modal's Cancel. */
  async choose(request: ChoiceRequest): Promise<string | undefined> {
    if (!this.script) return askModal(request.message, request.detail, request.choices);
    const info: PromptInfo = { kind: 'choice', title: request.choices.join(' / '), prompt: request.message, items: request.choices };
    const entry: TranscriptEntry = { ...info, message: request.message, detail: request.detail };
    this.transcript.push(entry);
    const answer = this.next(info);
    if (answer === undefined || answer === false) {
      entry.answer = 'Cancel';
      return undefined;
    }
    const chosen = request.choices.find((choice) => choice === answer);
    if (!chosen) throw new ScriptExhausted(`ui: ${JSON.stringify(answer)} is not among ${JSON.stringify(request.choices)} (${request.message})`);
    entry.answer = chosen;
    return chosen;
  }

  /** A save dialog; the chosen file, or undefined for Cancel. */
  async saveFile(request: SaveRequest): Promise<vscode.Uri | undefined> {
    if (!this.script) {
      return vscode.window.showSaveDialog({
        title: request.title,
        defaultUri: vscode.Uri.file(path.join(os.homedir(), request.defaultName)),
        filters: request.filters,
        saveLabel: request.saveLabel,
      });
    }
    const info: PromptInfo = { kind: 'save', title: request.title, prompt: request.defaultName };
    const entry: TranscriptEntry = { ...info };
    this.transcript.push(entry);
    const answer = this.next(info);
    if (typeof answer !== 'string' || answer === '') return undefined;
    if (!path.isAbsolute(answer)) throw new ScriptExhausted(`ui: a save dialog is answered with an absolute path, not "${answer}" (${request.title})`);
    entry.answer = answer;
    return vscode.Uri.file(answer);
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

function askModal(message: string, detail: string | undefined, buttons: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}
