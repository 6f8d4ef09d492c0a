// Tooltips of Activity rows: facts as escaped text (a value is never read as Markdown) that
// wraps between words, and the body sent as a code block whose fence no value can close.
// Not trusted: no command links.
import * as vscode from 'vscode';

const MAX_BODY = 3_000;

export function activityTooltip(rows: ReadonlyArray<[string, string]>, body?: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  rows.forEach(([label, value], index) => {
    tooltip.appendMarkdown(`**${label}:** ${literal(value)}`);
    if (index < rows.length - 1) tooltip.appendMarkdown('  \n');
  });
  if (body !== undefined) {
    const shown = body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n… (Show Details has all of it)` : body;
    tooltip.appendMarkdown('\n\n**Body sent:**\n\n').appendMarkdown(codeBlock(shown, 'json'));
  }
  return tooltip;
}

/**
 * A value as literal text: every character Markdown could read as syntax is escaped, as
 * MarkdownString.appendText does, but spaces stay spaces. appendText makes them &nbsp;, and a
 * long value (a reason, an id) then wraps in the middle of its words.
 */
function literal(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!~|<>]/g, '\\$&');
}

/** CommonMark: a fence longer than any run of backticks inside cannot be closed by the content. */
function codeBlock(text: string, language: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}\n`;
}
