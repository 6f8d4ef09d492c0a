// Certificate and TLS handshake failures (kind 'tls'), in words that say what to do about
// them. The handshake fails before the HTTP request is sent, so such a failure is never
// retried (it would not get better) and never leaves a change's outcome unknown.
import { IscError } from './errors';

/** A certificate or handshake failure, in words that say what to do about it. */
export function tlsError(method: string, path: string, origin: string, code: string, detail: string): IscError {
  const host = new URL(origin).host;
  return new IscError({
    kind: 'tls',
    message: `Could not open a secure connection to ${host} for ${method} ${path}, so nothing was sent: ${tlsCause(host, code, readable(detail))}`,
    method,
    path,
  });
}

function tlsCause(host: string, code: string, detail: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
      return (
        `its certificate is not trusted (${code}: ${detail}). If a company proxy or firewall inspects HTTPS, save its root ` +
        `certificate as a PEM file, set the environment variable NODE_EXTRA_CA_CERTS to that file and restart VS Code; otherwise check the tenant URL.`
      );
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return (
        `its certificate ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'} (${code}). Check this computer's date ` +
        `and time; if they are right, the certificate (or that of a proxy in between) must be renewed by its owner.`
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the certificate it presented is for another host name (${code}: ${detail}). Check the tenant URL (e.g. https://acme.api.identitynow.com); a proxy that intercepts HTTPS can also cause this.`;
    default:
      return `the TLS handshake with ${host} failed (${code}: ${detail}). Check that the tenant URL is its https API URL and that no proxy is in the way.`;
  }
}
/** OpenSSL's reason ("wrong version number") instead of its whole error line. */
function readable(detail: string): string {
  const openssl = /SSL routines:[^:]*:([^:]+)/.exec(detail);
  return (openssl ? openssl[1] : detail).split('\n')[0].trim();
}
