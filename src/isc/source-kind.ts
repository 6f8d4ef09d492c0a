// ISC takes delete, PUT and attribute patches only on accounts of flat-file sources. The tree,
// the commands and the attribute editor all ask this one question, so it has one answer.
import { FLAT_FILE_SOURCE_TYPE, type Source } from './models';

export function isFlatFileSource(source: Pick<Source, 'type' | 'connector'>): boolean {
  return source.type === FLAT_FILE_SOURCE_TYPE || source.connector === 'delimited-file';
}

/**
 * The tenant's own IdentityNow source, which holds each identity's IDN account. ISC names its
 * connector `IdentityNowConnector` (type and connector) and lists it only when asked.
 */
export function isIdentityNowSource(source: Pick<Source, 'type' | 'connector' | 'connectorName'>): boolean {
  return /identitynow/i.test(`${source.type ?? ''} ${source.connector ?? ''} ${source.connectorName ?? ''}`);
}
