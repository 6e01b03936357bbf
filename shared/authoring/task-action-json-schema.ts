import { type FieldShape, KNOWN_MANIFEST_FIELDS } from '../queue/index.js';
import { TASKACTION_API_VERSION, TASKACTION_KIND } from '../task-action/index.js';
import { TASK_ACTION_FIELD_DOCS } from './field-docs.js';

/** A JSON Schema (draft-07) node, as editors' YAML support (the YAML language server) reads it. */
export type JsonSchema = { [keyword: string]: unknown };

/** A node of a CRD's `openAPIV3Schema` (the structural OpenAPI subset Kubernetes accepts). */
export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema | boolean;
  required?: string[];
  [keyword: string]: unknown;
}

/**
 * `all`: everything `enqueue -f` refuses that a schema can say (unknown fields, lengths, name patterns, required
 * fields), for a validator that stands alone. `structure`: types, enums and documentation only, for an editor
 * whose own checks already report the rest (with quick fixes), so no problem is reported twice.
 */
export type SchemaChecks = 'all' | 'structure';

/** Keywords of the CRD's OpenAPI nodes that mean the same in JSON Schema; `x-kubernetes-*` and the rest are left out. */
const SAME_IN_JSON_SCHEMA = ['type', 'description', 'enum', 'default', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;
/** Checks our own diagnostics make (see `manifestProblems`), left out under `structure`. */
const CHECK_KEYWORDS = ['minLength', 'maxLength', 'pattern'] as const;
/** The formats JSON Schema knows; OpenAPI's `byte`, `int32` and `int64` are not among them. */
const JSON_SCHEMA_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'uri', 'hostname', 'ipv4', 'ipv6']);
/** Spec fields the CRD requires that enqueue fills in when a document leaves them out (flags, defaults). */
const DEFAULTED_BY_ENQUEUE = new Set(['org', 'project', 'domain', 'runName']);

/** One CRD node in JSON Schema terms. */
function fromOpenApi(node: OpenApiSchema, checks: SchemaChecks): JsonSchema {
  const schema: JsonSchema = {};
  for (const keyword of SAME_IN_JSON_SCHEMA) if (node[keyword] !== undefined) schema[keyword] = node[keyword];
  if (checks === 'all') for (const keyword of CHECK_KEYWORDS) if (node[keyword] !== undefined) schema[keyword] = node[keyword];
  if (typeof node['format'] === 'string' && JSON_SCHEMA_FORMATS.has(node['format'])) schema['format'] = node['format'];
  if (node['nullable'] === true && typeof node.type === 'string') schema['type'] = [node.type, 'null'];
  if (node.properties !== undefined) {
    schema['properties'] = Object.fromEntries(Object.entries(node.properties).map(([name, member]) => [name, fromOpenApi(member, checks)]));
  }
  if (node.items !== undefined) schema['items'] = fromOpenApi(node.items, checks);
  if (typeof node.additionalProperties === 'object') schema['additionalProperties'] = fromOpenApi(node.additionalProperties, checks);
  if (checks === 'all' && node.required !== undefined) schema['required'] = node.required;
  return schema;
}

function documented(schema: JsonSchema, path: readonly string[]): JsonSchema {
  const doc = TASK_ACTION_FIELD_DOCS[path.join('.')];
  return doc === undefined ? schema : { ...schema, description: doc, markdownDescription: doc };
}

/**
 * The schema of a field: the field names from `KNOWN_MANIFEST_FIELDS` (what enqueue accepts), the types and limits
 * from the CRD node where there is one. Where our shape is a mapping but the CRD's field is not (`taskTemplate`:
 * base64 bytes to the API server, or written expanded), either form is accepted.
 */
function fieldSchema(shape: FieldShape, crd: OpenApiSchema | undefined, path: readonly string[], checks: SchemaChecks): JsonSchema {
  if (shape === 'any') return documented(crd === undefined ? {} : fromOpenApi(crd, checks), path);
  if ('items' in shape) return documented({ type: 'array', items: fieldSchema(shape.items, crd?.items, path, checks) }, path);
  const properties = Object.fromEntries(
    Object.entries(shape.fields).map(([name, member]) => [name, fieldSchema(member, crd?.properties?.[name], [...path, name], checks)]),
  );
  const mapping: JsonSchema = { type: 'object', properties };
  if (checks === 'all') mapping['additionalProperties'] = false;
  const required = crd?.required?.filter((name) => !DEFAULTED_BY_ENQUEUE.has(name));
  if (checks === 'all' && required !== undefined && required.length > 0) mapping['required'] = required;
  if (crd !== undefined && crd.type !== undefined && crd.type !== 'object') {
    return documented({ anyOf: [fromOpenApi(crd, checks), mapping] }, path);
  }
  return documented(mapping, path);
}

/**
 * The JSON Schema of a TaskAction document as `kubectl kueue enqueue -f` reads it: the CRD's `openAPIV3Schema`
 * (pass the one of crds/taskactions.flyte.org.yaml) joined with the expanded `taskTemplate` form and the field
 * documentation of hovers. It applies to TaskAction documents only (by apiVersion and kind): any other document of
 * the same file passes, so it can be given to a whole file.
 */
export function taskActionJsonSchema(crd: OpenApiSchema, checks: SchemaChecks): JsonSchema {
  const taskAction = fieldSchema(KNOWN_MANIFEST_FIELDS[TASKACTION_KIND] ?? 'any', crd, [], checks);
  const properties = { ...(taskAction['properties'] as Record<string, JsonSchema>) };
  properties['apiVersion'] = { ...properties['apiVersion'], const: TASKACTION_API_VERSION };
  properties['kind'] = { ...properties['kind'], const: TASKACTION_KIND };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${TASKACTION_KIND} (${TASKACTION_API_VERSION}) for kubectl kueue enqueue`,
    if: { type: 'object', properties: { apiVersion: { const: TASKACTION_API_VERSION }, kind: { const: TASKACTION_KIND } }, required: ['apiVersion', 'kind'] },
    then: { ...taskAction, properties },
  };
}
