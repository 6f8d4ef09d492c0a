// What the extension host said: its console output (the workbench echoes it to the page's
// console as "[Extension Host] ...") and the extension's own LogOutputChannel files, which the
// server writes to <user-data>/logs/<session>/exthost<N>/<publisher.name>/<channel>.log.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LogEntry } from '../../../tools/vscode/workbench';

const extensionHostPrefix = '%c[Extension Host] %c';

export function extensionHostConsole(entries: LogEntry[]): string[] {
  return entries
    .filter((entry) => entry.source === 'console' && entry.text.startsWith(extensionHostPrefix))
    .map((entry) => stripStyleArguments(entry.text.slice(extensionHostPrefix.length)));
}

// The page console's text ends with the two CSS arguments that went with the %c markers.
function stripStyleArguments(text: string): string {
  return text.replace(/ color: [^ ]* color: ?$/, '');
}

export function extensionLogChannelFiles(userDataDir: string, extensionId: string): string[] {
  const logsRoot = path.join(userDataDir, 'logs');
  if (!existsSync(logsRoot)) return [];
  const files: string[] = [];
  for (const session of readdirSync(logsRoot)) {
    const sessionDir = path.join(logsRoot, session);
    for (const host of safeReaddir(sessionDir).filter((name) => name.startsWith('exthost'))) {
      const extensionDir = path.join(sessionDir, host, extensionId);
      for (const file of safeReaddir(extensionDir).filter((name) => name.endsWith('.log'))) {
        files.push(path.join(extensionDir, file));
      }
    }
  }
  return files;
}

export function readExtensionHostLog(entries: LogEntry[], userDataDir: string, extensionId: string): string {
  const sections = [`--- extension host console ---\n${extensionHostConsole(entries).join('\n')}`];
  for (const file of extensionLogChannelFiles(userDataDir, extensionId)) {
    sections.push(`--- ${path.basename(file, '.log')} (${file}) ---\n${readFileSync(file, 'utf8')}`);
  }
  return sections.join('\n');
}

function safeReaddir(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder) : [];
}
