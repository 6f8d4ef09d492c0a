// Human text for an error, wherever it is shown: tree rows, per-item reports, popups and the
// attribute editor's inline banner. The server's own words and the tracking id when ISC sent
// them; cancellation is never a failure. No vscode here.
import { IscError } from '../isc/errors';

export function trackingSuffix(error: unknown): string {
  return error instanceof IscError && error.trackingId ? ` (tracking id ${error.trackingId})` : '';
}

/** The server's message with its tracking id when there is one, else the error's message. */
export function errorSummary(error: unknown): string {
  if (error instanceof IscError && error.serverMessage) return `${error.serverMessage}${trackingSuffix(error)}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The full message for a popup: the message, plus the tracking id if the message lacks it. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof IscError && error.trackingId && !message.includes(error.trackingId)) {
    return `${message}${trackingSuffix(error)}`;
  }
  return message;
}

/**
 * The attribute editor shows the tracking id apart from the sentence (the webview renders it
 * as its own line), and adds the server's words when the message lacks them.
 */
export function errorInfo(error: unknown): { message: string; trackingId?: string } {
  if (!(error instanceof IscError)) return { message: error instanceof Error ? error.message : String(error) };
  const server = error.serverMessage?.trim();
  const message = server && !error.message.includes(server) ? `${error.message} Server says: ${server}` : error.message;
  return error.trackingId ? { message, trackingId: error.trackingId } : { message };
}

/** True for a user's or a caller's cancellation, which is never reported as a failure. */
export function isCancellation(error: unknown): boolean {
  if (error instanceof IscError) return error.kind === 'aborted';
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled' || error.name === 'CancelledError');
}

/** Thrown when the user backs out of a flow (Escape in a prompt); commands end silently. */
export class CancelledError extends Error {
  constructor(what = 'Cancelled') {
    super(what);
    this.name = 'CancelledError';
  }
}
