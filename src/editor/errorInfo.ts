// Errors as the editor shows them inline: one sentence, the server's own words, and the
// tracking id SailPoint support asks for.
import { IscError } from '../isc/errors';
import type { ErrorInfo } from './protocol';

export function errorInfo(error: unknown): ErrorInfo {
  if (!(error instanceof IscError)) return { message: error instanceof Error ? error.message : String(error) };
  const server = error.serverMessage?.trim();
  const message = server && !error.message.includes(server) ? `${error.message} Server says: ${server}` : error.message;
  return error.trackingId ? { message, trackingId: error.trackingId } : { message };
}

/** The user stopped it (the progress notification's Cancel); not a failure to report loudly. */
export function isAbort(error: unknown): boolean {
  return (error instanceof IscError && error.kind === 'aborted') || (error instanceof Error && error.name === 'AbortError');
}
