import { type Document, isScalar } from 'yaml';
import { yamlDocuments, yamlErrorMessage } from '../convert/index.js';
import { DEFAULT_DOMAIN, DEFAULT_ORG, DEFAULT_PROJECT, formatFieldPath, KNOWN_MANIFEST_FIELDS, suggestedField, unknownFieldFindings } from '../queue/index.js';
import { actionErrors, type ActionFields } from '../task-action/index.js';
import { type AuthoringProblem } from './authoring-problem.js';
import { authoredKind } from './manifest-kind.js';
import { referenceProblems, type TaskActionReferences, taskActionReferences } from './reference-problems.js';
import { fieldNodes } from './yaml-nodes.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `spec.containers[0].name` -> `['spec', 'containers', 0, 'name']` (label keys in brackets stay strings). */
function pathParts(field: string): (string | number)[] {
  return [...field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)].map((m) => (m[2] !== undefined ? (/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]) : (m[1] ?? '')));
}

function unknownFieldProblems(doc: Document, value: unknown, shape: (typeof KNOWN_MANIFEST_FIELDS)[string]): AuthoringProblem[] {
  return unknownFieldFindings(value, shape).flatMap((finding): AuthoringProblem[] => {
    const nodes = fieldNodes(doc, finding.path);
    if (nodes === undefined) return [];
    const field = formatFieldPath(finding.path);
    const suggestion = suggestedField(finding);
    const problem: AuthoringProblem = {
      ...nodes.key,
      severity: 'error',
      code: 'unknown-field',
      message: `unknown field "${field}"${suggestion !== undefined ? `: did you mean "${suggestion}"?` : ': enqueue refuses it (check the spelling against the kind\'s fields)'}`,
    };
    // Only a typo at the same level is fixed by renaming the key; a field that belongs elsewhere must be moved.
    if (finding.sibling !== undefined) problem.fix = { ...nodes.key, title: `Rename to ${finding.sibling}`, text: finding.sibling };
    return [problem];
  });
}

/** The spec fields enqueue validates, with the scope's defaults for the ones the document leaves out. */
function actionFieldsOf(spec: Json): ActionFields {
  const text = (key: string): string | undefined => (typeof spec[key] === 'string' ? spec[key] : undefined);
  const fields: ActionFields = { org: text('org') ?? DEFAULT_ORG, project: text('project') ?? DEFAULT_PROJECT, domain: text('domain') ?? DEFAULT_DOMAIN };
  for (const key of ['runName', 'actionName', 'parentActionName', 'taskType', 'shortName', 'inputUri', 'runOutputBase', 'cacheKey', 'group'] as const) {
    const value = text(key);
    if (value !== undefined) fields[key] = value;
  }
  if (isObject(spec['envVars'])) fields.envVars = Object.fromEntries(Object.entries(spec['envVars']).map(([k, v]) => [k, String(v)]));
  return fields;
}

/** The CRD limits and name rules enqueue checks, on the fields the document gives (missing ones may come from flags). */
function invalidValueProblems(doc: Document, value: Json): AuthoringProblem[] {
  const spec = isObject(value['spec']) ? value['spec'] : {};
  return actionErrors(actionFieldsOf(spec)).flatMap((err): AuthoringProblem[] => {
    const field = err.location.field;
    const nodes = field === undefined ? undefined : fieldNodes(doc, pathParts(field));
    if (nodes === undefined) return [];
    const span = nodes.value ?? nodes.key;
    return [{ start: span.start, end: span.end, severity: 'error', code: 'invalid-value', message: err.hint !== undefined ? `${err.message}: ${err.hint}` : err.message }];
  });
}

/**
 * Everything enqueue would refuse in a manifest file, found without a cluster and placed on the text: YAML errors,
 * unknown fields (with the field meant), invalid names and lengths, and parents or `after` entries that name no
 * action of the run in the file.
 */
export function manifestProblems(text: string): AuthoringProblem[] {
  const problems: AuthoringProblem[] = [];
  const actions: TaskActionReferences[] = [];
  let unparsed = false;
  for (const { doc } of yamlDocuments(text)) {
    const error = doc.errors[0];
    if (error !== undefined) {
      problems.push({ start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1), severity: 'error', code: 'yaml', message: yamlErrorMessage(error, text) });
      unparsed = true;
      continue;
    }
    if (doc.contents === null || isScalar(doc.contents)) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const kind = authoredKind(value);
    const shape = kind === undefined ? undefined : KNOWN_MANIFEST_FIELDS[kind];
    if (kind === undefined || shape === undefined || !isObject(value)) continue;
    problems.push(...unknownFieldProblems(doc, value, shape));
    if (kind !== 'TaskAction') continue;
    problems.push(...invalidValueProblems(doc, value));
    actions.push(taskActionReferences(doc, value, text));
  }
  // A document that does not parse (a key half typed) may be the action others name: judge no reference until it does.
  if (!unparsed) problems.push(...referenceProblems(actions));
  return problems.sort((a, b) => a.start - b.start);
}
