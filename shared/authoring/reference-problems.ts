import { type Document, isScalar } from 'yaml';
import { closestName } from '../queue/index.js';
import { AFTER_FIELD, ANNOTATION_AFTER, parseAfterList } from '../task-action/index.js';
import { type AuthoringProblem } from './authoring-problem.js';
import { fieldNodes, type Span } from './yaml-nodes.js';

/** A name in the text that refers to another action of the run. */
interface NameReference extends Span {
  name: string;
}

/** What one TaskAction document of a file is called and which actions it names. */
export interface TaskActionReferences {
  runName?: string;
  actionName?: string;
  parent?: NameReference;
  after: NameReference[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where each name of an `after` list is inside the annotation's source text (a name is found as a whole word). */
function afterReferences(doc: Document, text: string): NameReference[] {
  const nodes = fieldNodes(doc, ['metadata', 'annotations', ANNOTATION_AFTER]);
  if (nodes?.value === undefined || !isScalar(nodes.valueNode) || typeof nodes.valueNode.value !== 'string') return [];
  const source = text.slice(nodes.value.start, nodes.value.end);
  return parseAfterList(nodes.valueNode.value).flatMap((name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(?<![A-Za-z0-9._-])${escaped}(?![A-Za-z0-9._-])`).exec(source);
    if (match === null) return [];
    const start = (nodes.value?.start ?? 0) + match.index;
    return [{ name, start, end: start + name.length }];
  });
}

/** The names a TaskAction document gives itself and refers to, with where the references are. */
export function taskActionReferences(doc: Document, value: Json, text: string): TaskActionReferences {
  const spec = isObject(value['spec']) ? value['spec'] : {};
  const entry: TaskActionReferences = { after: afterReferences(doc, text) };
  if (typeof spec['runName'] === 'string') entry.runName = spec['runName'];
  if (typeof spec['actionName'] === 'string') entry.actionName = spec['actionName'];
  const parent = fieldNodes(doc, ['spec', 'parentActionName']);
  if (typeof spec['parentActionName'] === 'string' && spec['parentActionName'] !== '' && parent?.value !== undefined) {
    entry.parent = { name: spec['parentActionName'], ...parent.value };
  }
  return entry;
}

function unknownReference(reference: NameReference, field: string, runName: string, known: readonly string[], code: AuthoringProblem['code']): AuthoringProblem {
  const near = closestName(reference.name, known);
  const problem: AuthoringProblem = {
    start: reference.start,
    end: reference.end,
    severity: 'warning',
    code,
    message:
      `${field} names "${reference.name}", which is no action of run "${runName}" in this file` +
      (near !== undefined ? `: did you mean "${near}"?` : ': enqueue fails unless the run already has it in the cluster'),
  };
  if (near !== undefined) problem.fix = { start: reference.start, end: reference.end, title: `Change to ${near}`, text: near };
  return problem;
}

/**
 * Parents and `after` entries that name no action of the same run in the file. They are warnings: enqueue also
 * accepts actions the run already has in the cluster.
 */
export function referenceProblems(actions: readonly TaskActionReferences[]): AuthoringProblem[] {
  const runs = new Map<string, string[]>();
  for (const action of actions) {
    if (action.runName === undefined || action.actionName === undefined) continue;
    runs.set(action.runName, [...(runs.get(action.runName) ?? []), action.actionName]);
  }
  return actions.flatMap((action) => {
    if (action.runName === undefined) return [];
    const known = (runs.get(action.runName) ?? []).filter((name) => name !== action.actionName);
    const problems: AuthoringProblem[] = [];
    if (action.parent !== undefined && !known.includes(action.parent.name)) {
      problems.push(unknownReference(action.parent, 'spec.parentActionName', action.runName, known, 'unknown-parent'));
    }
    for (const after of action.after) {
      if (!known.includes(after.name)) problems.push(unknownReference(after, AFTER_FIELD, action.runName, known, 'unknown-after'));
    }
    return problems;
  });
}
