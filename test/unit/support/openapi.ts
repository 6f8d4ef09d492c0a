// Loads the ISC OpenAPI documents from test/contract/openapi/ (copied into the repository) and checks
// response bodies against an operation's response schema with ajv. OpenAPI 3.0's `nullable`
// is not JSON Schema, so schemas are translated first: `type: X, nullable` becomes
// `type: [X, "null"]`, and a nullable `$ref`/`allOf` becomes `anyOf: [..., {type: "null"}]`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type SpecVersion = 'v3' | 'beta' | 'v2024';
export const SPEC_VERSIONS: readonly SpecVersion[] = ['v3', 'beta', 'v2024'];

const SPEC_FILES: Readonly<Record<SpecVersion, string>> = {
  v3: 'isc-v3-accounts.json',
  beta: 'isc-beta-accounts.json',
  v2024: 'isc-v2024-accounts.json',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiOperation {
  method: string;
  /** The path as the document writes it, e.g. `/accounts/{id}/enable`. */
  path: string;
  operationId: string;
  responses: JsonObject;
}

export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/** The official documents live in the repository, so a clone with nothing beside it can run every test. */
export function openApiDirectory(): string {
  return path.resolve(__dirname, '../../contract/openapi');
}

export function loadOpenApi(version: SpecVersion): JsonObject {
  const file = path.join(openApiDirectory(), SPEC_FILES[version]);
  if (!fs.existsSync(file)) {
    throw new Error(
      `OpenAPI document for ${version} not found at ${file}: it is part of the repository (test/contract/openapi/).`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
}

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const ANNOTATIONS = new Set(['nullable', 'description', 'title', 'example', 'default']);

/** OpenAPI 3.0 schema → JSON Schema (draft-07) that ajv understands; refs point at `key`. */
export function toJsonSchema(node: Json, key: string): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, key));
  if (!isObject(node)) return node;
  let source = node;
  let nullable = node.nullable === true;
  const allOf = node.allOf;
  if (Array.isArray(allOf)) {
    // `allOf: [{$ref}, {nullable: true}]` is OpenAPI's way to say "this ref, or null".
    const kept = allOf.filter((member) => !(isObject(member) && member.nullable === true && Object.keys(member).every((k) => ANNOTATIONS.has(k))));
    if (kept.length !== allOf.length) {
      nullable = true;
      source = { ...node, allOf: kept };
    }
  }
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(source)) {
    if (name === 'nullable') continue;
    if (name === 'example' || name === 'examples') continue;
    if (name === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[name] = `${key}${value}`;
    else out[name] = toJsonSchema(value, key);
  }
  if (!nullable) return out;
  if (typeof out.type === 'string' && out.$ref === undefined && out.allOf === undefined) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Validates responses of one API version against its OpenAPI document. */
export class OpenApiContract {
  readonly version: SpecVersion;
  readonly operations: OpenApiOperation[];
  private readonly document: JsonObject;
  private readonly ajv: Ajv;
  private readonly key: string;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(version: SpecVersion) {
    this.version = version;
    this.document = loadOpenApi(version);
    this.key = `isc-${version}.json`;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    const components = this.document.components;
    if (!isObject(components) || !isObject(components.schemas)) throw new Error(`${version}: the document has no components.schemas`);
    this.ajv.addSchema({ components: { schemas: toJsonSchema(components.schemas, this.key) } } as object, this.key);
    this.operations = [];
    for (const [specPath, item] of Object.entries(this.document.paths as JsonObject)) {
      if (!isObject(item)) continue;
      for (const [method, operation] of Object.entries(item)) {
        if (!isObject(operation) || !isObject(operation.responses)) continue;
        this.operations.push({ method: method.toUpperCase(), path: specPath, operationId: String(operation.operationId), responses: operation.responses });
      }
    }
  }

  /** The operation an actual request path (under the version prefix) addresses. */
  findOperation(method: string, actualPath: string): OpenApiOperation | undefined {
    const segments = actualPath.split('/');
    return this.operations.find((op) => {
      if (op.method !== method.toUpperCase()) return false;
      const pattern = op.path.split('/');
      return pattern.length === segments.length && pattern.every((part, i) => part.startsWith('{') || part === segments[i]);
    });
  }

  declaresStatus(operation: OpenApiOperation, status: number): boolean {
    return isObject(operation.responses[String(status)]);
  }

  /** Checks `body` against the response schema the operation declares for `status`. */
  validateResponse(operation: OpenApiOperation, status: number, body: unknown): ValidationResult {
    const response = this.resolveResponse(operation.responses[String(status)]);
    if (!response) return { valid: false, errors: [`${operation.method} ${operation.path} declares no ${status} response`] };
    const content = response.content;
    const media = isObject(content) ? content['application/json'] : undefined;
    if (!isObject(media) || !isObject(media.schema)) return { valid: true, errors: [] };
    return this.run(`${operation.method} ${operation.path} ${status}`, media.schema, body);
  }

  /** Checks `body` against a named component schema, e.g. ErrorResponseDto. */
  validateComponent(name: string, body: unknown): ValidationResult {
    return this.run(`#${name}`, { $ref: `#/components/schemas/${name}` }, body);
  }

  private resolveResponse(response: Json | undefined): JsonObject | undefined {
    if (!isObject(response)) return undefined;
    const ref = response.$ref;
    if (typeof ref !== 'string') return response;
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json | undefined>((node, part) => (isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), this.document);
    return isObject(target) ? target : undefined;
  }

  private run(cacheKey: string, schema: JsonObject, body: unknown): ValidationResult {
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, this.key) as object);
      this.compiled.set(cacheKey, validate);
    }
    const valid = validate(body) as boolean;
    return { valid, errors: valid ? [] : (validate.errors ?? []).map(describeError) };
  }
}

function describeError(error: ErrorObject): string {
  return `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`;
}
