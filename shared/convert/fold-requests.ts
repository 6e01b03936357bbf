import { quantityValue } from '../quantity/index.js';
import { annotationJson } from './annotation-json.js';
import { type FieldPath } from './field-path.js';
import { type JsonObject, type JsonValue, deepCopy, isPlainObject } from './json-value.js';
import { readOptionalMapping } from './pod-spec-shape.js';
import { type ProblemCollector } from './problems.js';

/** `"true"` folds the steps' requests, for people who convert in an editor and cannot pass flags. */
export const FOLD_REQUESTS_ANNOTATION = 'kueue.dev/fold-requests';

export type RequestsRecord = Record<string, { requests?: JsonValue }>;

export interface FoldableStep {
  container: JsonObject;
  name: string;
  path: FieldPath;
}

/** Whether to fold: the flag, or the annotation's `"true"`; any other annotation value than `"false"` is reported. */
export function readFoldRequests(flag: boolean | undefined, annotations: JsonObject | undefined, annotationsPath: FieldPath, problems: ProblemCollector): boolean {
  const raw = annotations?.[FOLD_REQUESTS_ANNOTATION];
  if (raw !== undefined && raw !== 'true' && raw !== 'false') {
    problems.add(`annotation ${FOLD_REQUESTS_ANNOTATION} is ${JSON.stringify(raw)}`, [...annotationsPath, FOLD_REQUESTS_ANNOTATION], 'write "true" or "false"');
  }
  return flag === true || raw === 'true';
}

interface StepRequests {
  step: FoldableStep;
  resources: JsonObject;
  requests: JsonObject | undefined;
  limits: JsonObject | undefined;
}

/**
 * The kubelet reserves the sum of the containers' requests, but steps run one at a time: per resource the
 * largest request (a limit without a request counts as its request, which the API server fills in) stays
 * on its step and every other step gets an explicit zero. Limits are untouched. Checks everything first and
 * reports bad shapes and quantities; returns what revert needs, or undefined when nothing changed.
 */
export function foldRequests(steps: readonly FoldableStep[], problems: ProblemCollector): RequestsRecord | undefined {
  const before = problems.count;
  const read: StepRequests[] = [];
  for (const step of steps) {
    const resourcesPath = [...step.path, 'resources'];
    const resources = readOptionalMapping(step.container['resources'], resourcesPath, problems);
    if (resources === undefined) continue;
    const requests = readOptionalMapping(resources['requests'], [...resourcesPath, 'requests'], problems);
    const limits = readOptionalMapping(resources['limits'], [...resourcesPath, 'limits'], problems);
    for (const [kind, list] of [['requests', requests], ['limits', limits]] as const) {
      for (const [resource, value] of Object.entries(list ?? {})) {
        if ((typeof value !== 'string' && typeof value !== 'number') || quantityValue(value) === undefined) {
          problems.add(`${resource} ${JSON.stringify(value)} is not a quantity`, [...resourcesPath, kind, resource], 'write a quantity such as "500m", "2" or "512Mi"');
        }
      }
    }
    read.push({ step, resources, requests, limits });
  }
  if (problems.count > before) return undefined;

  const record: RequestsRecord = {};
  const names = new Set(read.flatMap(({ requests, limits }) => [...Object.keys(requests ?? {}), ...Object.keys(limits ?? {})]));
  for (const resource of names) {
    const effective = read.map(({ requests, limits }) => requestOf(requests?.[resource] ?? limits?.[resource]));
    const largest = Math.max(...effective.map((value) => value ?? 0));
    const keeper = effective.findIndex((value) => value === largest);
    read.forEach((entry, index) => {
      const value = effective[index];
      if (index === keeper || value === undefined || (value === 0 && entry.requests?.[resource] !== undefined)) return;
      const name = entry.step.name;
      record[name] ??= entry.resources['requests'] === undefined ? {} : { requests: deepCopy(entry.resources['requests']) };
      entry.requests ??= {};
      entry.resources['requests'] = entry.requests;
      // A plain 0 (a valid quantity) replaces a plain quantity without quotes, so revert gives back its text.
      entry.requests[resource] = 0;
    });
  }
  return Object.keys(record).length === 0 ? undefined : record;
}

function requestOf(value: JsonValue | undefined): number | undefined {
  if (value === undefined || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  return quantityValue(value);
}

export function encodeRequestsRecord(record: RequestsRecord): string {
  return JSON.stringify(record);
}

/** The record, or undefined when absent or not ours in form. */
export function decodeRequestsRecord(value: unknown): RequestsRecord | undefined {
  const parsed = annotationJson(value);
  if (!isPlainObject(parsed) || !Object.values(parsed).every(isPlainObject)) return undefined;
  return parsed as RequestsRecord;
}

/** Puts each recorded step's `requests` back as it was (removed when it had none). */
export function unfoldRequests(containers: readonly JsonObject[], record: RequestsRecord): void {
  for (const container of containers) {
    const name = container['name'];
    const entry = typeof name === 'string' && Object.hasOwn(record, name) ? record[name] : undefined;
    const resources = container['resources'];
    if (entry === undefined || !isPlainObject(resources)) continue;
    if (entry.requests === undefined) delete resources['requests'];
    else resources['requests'] = entry.requests;
  }
}
