// The extension's one log: a LogOutputChannel whose every line passes through the client's
// Redactor, so a secret that reaches a log call is masked here even if the caller forgot.
import * as vscode from 'vscode';
import { Redactor } from '../isc/redact';

export const LOG_CHANNEL_NAME = 'ISC Accounts';

type LogArgs = unknown[];

/** Text for a log argument: errors keep their stack (the log is the place for it). */
function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export class RedactingLogChannel implements vscode.LogOutputChannel {
  readonly name: string;
  readonly onDidChangeLogLevel: vscode.Event<vscode.LogLevel>;

  constructor(
    private readonly channel: vscode.LogOutputChannel,
    readonly redactor: Redactor,
  ) {
    this.name = channel.name;
    this.onDidChangeLogLevel = channel.onDidChangeLogLevel;
  }

  get logLevel(): vscode.LogLevel {
    return this.channel.logLevel;
  }

  /** Masks this value in every later line (tenant secrets as they are loaded). */
  addSecret(secret: string | undefined): void {
    this.redactor.addSecret(secret);
  }

  private text(message: string | Error, args: LogArgs): string {
    const parts = [describe(message), ...args.map(describe)];
    return this.redactor.redact(parts.join(' '));
  }

  trace(message: string, ...args: LogArgs): void {
    this.channel.trace(this.text(message, args));
  }
  debug(message: string, ...args: LogArgs): void {
    this.channel.debug(this.text(message, args));
  }
  info(message: string, ...args: LogArgs): void {
    this.channel.info(this.text(message, args));
  }
  warn(message: string, ...args: LogArgs): void {
    this.channel.warn(this.text(message, args));
  }
  error(error: string | Error, ...args: LogArgs): void {
    this.channel.error(this.text(error, args));
  }
  append(value: string): void {
    this.channel.append(this.redactor.redact(value));
  }
  appendLine(value: string): void {
    this.channel.appendLine(this.redactor.redact(value));
  }
  replace(value: string): void {
    this.channel.replace(this.redactor.redact(value));
  }
  clear(): void {
    this.channel.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(first?: boolean | vscode.ViewColumn, preserveFocus?: boolean): void {
    if (typeof first === 'boolean' || first === undefined) this.channel.show(first);
    else this.channel.show(first, preserveFocus);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.channel.dispose();
  }
}

export function createLog(): RedactingLogChannel {
  return new RedactingLogChannel(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }), new Redactor());
}
