// The one error policy of every command: a cancellation is silent; an ISC error shows the
// server's message and tracking id with "Show Log"; anything else shows its message. The
// details (and any stack) go to the log only, never into a popup.
import { IscError } from '../isc/errors';
import { errorMessage, isCancellation } from '../ui/error-text';
import type { RedactingLogChannel } from '../ui/log';
import type { Ui } from '../ui/prompts';
import type { CommandHandler } from './context';

export const SHOW_LOG = 'Show Log';

export function reportError(commandId: string, error: unknown, ui: Ui, log: RedactingLogChannel): void {
  if (isCancellation(error)) {
    log.debug(`${commandId}: cancelled`);
    return;
  }
  if (error instanceof IscError) {
    const { kind, status, method, path, detailCode, trackingId, serverMessage, outcomeUnknown } = error;
    log.error(`${commandId} failed: ${error.message}`, { kind, status, method, path, detailCode, trackingId, serverMessage, outcomeUnknown });
  } else {
    log.error(`${commandId} failed:`, error);
  }
  const message = log.redactor.redact(errorMessage(error));
  void ui.notify('error', message, SHOW_LOG).then((choice) => {
    if (choice === SHOW_LOG) log.show(true);
  });
}

export function runCommand(commandId: string, handler: CommandHandler, ui: Ui, log: RedactingLogChannel): CommandHandler {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      reportError(commandId, error, ui, log);
      return undefined;
    }
  };
}
