// The ISC client's public surface, for the extension, the bench and the tests.
export * from './api';
export * from './models';
export { IscClient, type IscClientConfig } from './client';
export { IscError, isIscError, type IscErrorDetails } from './errors';
export { Redactor, redact } from './redact';
export { normalizeBaseUrl, tenantBaseUrl, isLoopbackHost } from './base-url';
export { ENDPOINTS, chooseVersion, versionsOf, type EndpointName } from './endpoints';
export * from './filters';
export { isFlatFileSource } from './source-kind';
