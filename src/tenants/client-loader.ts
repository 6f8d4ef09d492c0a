// The ISC client (HTTP transport, auth, rate limiting, endpoints and node-fetch: most of the
// client's code) is a bundle of its own, dist/client.js, required when the first tenant's
// client is built rather than at activation. The build (tools/build-split.ts) finds this
// file's require of ../isc/client.js by its path and this file's name: keep both.
import type { IscClient } from '../isc/client';

export function loadIscClient(): typeof IscClient {
  // A synchronous require: building a client stays synchronous for its callers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../isc/client.js') as typeof import('../isc/client')).IscClient;
}
