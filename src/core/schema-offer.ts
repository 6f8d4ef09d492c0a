// Whether the tenant offers a source's account schema for Create Account, and the form it
// makes. "Not offered" is an answer, not an error: ISC answers 403 to a token without the
// right to read sources' schemas and 404 where a tenant has no such endpoint, and a source may
// have no account schema; Create then asks for key=value attributes and the log says why.
import type { IscApi } from '../isc/api';
import { isIscError } from '../isc/errors';
import type { Schema } from '../isc/models';
import { createFormOf, type CreateFormSpec } from './create-form';

export type SchemaOffer = { offered: true; form: CreateFormSpec } | { offered: false; reason: string };

export async function accountSchemaOffer(client: IscApi, source: { id: string; name: string }, signal?: AbortSignal): Promise<SchemaOffer> {
  let schemas: Schema[];
  try {
    schemas = await client.listSourceSchemas(source.id, { signal });
  } catch (error) {
    if (isIscError(error) && error.kind === 'http' && (error.status === 403 || error.status === 404)) {
      return { offered: false, reason: `ISC answered ${error.status} to reading its schemas (${error.message})` };
    }
    throw error;
  }
  const schema = accountSchemaOf(schemas);
  if (!schema) return { offered: false, reason: `it has no account schema (${schemas.length} schema(s), none named "account")` };
  const form = createFormOf(source, schema);
  if (!form) return { offered: false, reason: 'its account schema names no identity attribute' };
  return { offered: true, form };
}

/** ISC names it "account"; older connectors only say their native object is a user or account. */
function accountSchemaOf(schemas: Schema[]): Schema | undefined {
  return (
    schemas.find((schema) => schema.name?.toLowerCase() === 'account') ??
    schemas.find((schema) => /^(user|account)$/i.test(schema.nativeObjectType ?? ''))
  );
}
