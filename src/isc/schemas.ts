// Reading a source's schemas leniently: ISC's answers vary by connector and tenant, and a
// schema is only a guide for a form, so a field of the wrong kind is dropped rather than
// refused. Only a body that is not a list of objects is an error.
import type { ResolvedEndpoint } from './endpoints';
import type { TransportResponse } from './http';
import type { AttributeDefinition, Schema } from './models';
import { expectArrayOfObjects } from './response';

type Raw = Record<string, unknown>;

export function expectSchemas(endpoint: ResolvedEndpoint, response: TransportResponse): Schema[] {
  return expectArrayOfObjects<Raw>(endpoint, response).map(readSchema);
}

function readSchema(raw: Raw): Schema {
  const attributes = Array.isArray(raw.attributes) ? raw.attributes.flatMap(readAttribute) : [];
  return {
    ...raw,
    id: textOrUndefined(raw.id),
    name: textOrUndefined(raw.name),
    nativeObjectType: textOrUndefined(raw.nativeObjectType),
    identityAttribute: textOrUndefined(raw.identityAttribute),
    displayAttribute: textOrUndefined(raw.displayAttribute),
    attributes,
  };
}

/** A definition without a usable name names nothing a form could show: it is dropped. */
function readAttribute(raw: unknown): AttributeDefinition[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const item = raw as Raw;
  const name = textOrUndefined(item.name)?.trim();
  if (!name) return [];
  return [
    {
      ...item,
      name,
      type: textOrUndefined(item.type)?.toUpperCase(),
      description: textOrUndefined(item.description),
      isMulti: item.isMulti === true,
      isEntitlement: item.isEntitlement === true,
      isGroup: item.isGroup === true,
    },
  ];
}

function textOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
