// The shapes of what the extension asks and shows through `Ui`, and of a test's scripted
// answers and the transcript it reads back.
import type * as vscode from 'vscode';

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

/** An offer of a text input with completions: taking it replaces the whole text with `text`. */
export interface Completion {
  label: string;
  description?: string;
  text: string;
}

/** A text input that offers completions of what is typed (a quick pick: InputBox has none). */
export interface CompletingInputRequest {
  title: string;
  placeHolder?: string;
  value?: string;
  /** What to offer for the text typed so far. */
  complete: (text: string) => Completion[];
  /** Why the text cannot be accepted; Enter does nothing until it can. */
  validate: (text: string) => string | undefined;
}

export interface PickRequest<T> {
  title: string;
  placeHolder?: string;
  items: PickItem<T>[] | Promise<PickItem<T>[]>;
}

/** A button on a search result's row: choosing the row through it answers `value` instead. */
export interface PickItemAction<T> {
  /** A codicon id, e.g. "person". */
  icon: string;
  tooltip: string;
  value: T;
}

export interface SearchItem<T> extends PickItem<T> {
  actions?: PickItemAction<T>[];
}

export interface SearchRequest<T> {
  title: string;
  placeHolder: string;
  /** Runs as the user types (debounced); an older search is aborted when a newer one starts. */
  search: (text: string, signal: AbortSignal) => Promise<SearchItem<T>[]>;
  debounceMs?: number;
}

export interface ConfirmRequest {
  message: string;
  detail?: string;
  /** The button that goes ahead; the modal's Cancel says no. */
  confirm: string;
}

export interface ChoiceRequest {
  message: string;
  detail?: string;
  /** The buttons, in order; the modal's own Cancel answers undefined. */
  choices: string[];
}

export interface SaveRequest {
  title: string;
  /** The file name offered, in the user's home folder. */
  defaultName: string;
  /** "CSV" → ["csv"] */
  filters?: Record<string, string[]>;
  saveLabel?: string;
}

export type NoticeLevel = 'info' | 'warning' | 'error';

/** What a scripted answer sees of the prompt it answers. */
export interface PromptInfo {
  kind: 'input' | 'completing-input' | 'pick' | 'pick-many' | 'search' | 'confirm' | 'choice' | 'save';
  title: string;
  prompt: string;
  value?: string;
  items?: string[];
}

/**
 * A save dialog is answered with the file's absolute path (undefined: Cancel). A search is
 * answered with `{query, pick, where}`; `action` names the tooltip of the row's button pressed.
 * A completing input is answered one step at a time: a string is typed and Enter pressed;
 * `{ query, pick }` types `query` and takes the offer labelled `pick`, and the input stays open
 * for the next answer. A multi-select is answered with the labels to tick (`true`: keep the
 * items ticked beforehand).
 */
export type ScriptedAnswer =
  | string
  | string[]
  | boolean
  | undefined
  | { query: string; pick?: string; where?: (item: vscode.QuickPickItem) => boolean; action?: string }
  | ((prompt: PromptInfo) => ScriptedAnswer);

export interface TranscriptEntry {
  kind: PromptInfo['kind'] | 'notice';
  title?: string;
  prompt?: string;
  value?: string;
  items?: string[];
  level?: NoticeLevel;
  message?: string;
  /** A modal's detail text. */
  detail?: string;
  actions?: string[];
  answer?: string;
  validationMessage?: string;
}
