// GET /sources/{id}/schemas: the source's schemas, filtered as ISC documents it:
// `include-types=group` keeps the group schemas only; otherwise `include-names` (comma-separated)
// keeps the schemas so named; neither lists all.
import { schemasOf } from '../../state/source-schemas';
import type { ApiResponse, RequestContext } from '../router';
import { requireSource } from './records-or-404';

export function listSourceSchemas(context: RequestContext): ApiResponse {
  const schemas = schemasOf(requireSource(context, context.params.id));
  if (context.query.get('include-types') === 'group') {
    return { status: 200, body: schemas.filter((schema) => schema.nativeObjectType === 'Group') };
  }
  const names = context.query.get('include-names')?.split(',').map((name) => name.trim()).filter(Boolean);
  return { status: 200, body: names?.length ? schemas.filter((schema) => names.includes(schema.name ?? '')) : schemas };
}
