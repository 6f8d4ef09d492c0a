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

/** A save dialog is answered with the file's absolute path (undefined: Cancel). */
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
  /** A modal's detail text. */
  detail?: string;
  actions?: string[];
  answer?: string;
  validationMessage?: string;
}
