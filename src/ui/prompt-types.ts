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
  kind: 'input' | 'pick' | 'search' | 'confirm' | 'choice' | 'save';
  title: string;
  prompt: string;
  value?: string;
  items?: string[];
}

/**
 * A save dialog is answered with the file's absolute path (undefined: Cancel). A search is
 * answered with `{query, pick, where}`; `action` names the tooltip of the row's button pressed.
 */
export type ScriptedAnswer =
  | string
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
