import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type InputLocation, UserError, UserErrors } from '../errors/index.js';
import { changingUserErrors, type FieldLocator, positioned, withFieldPositions } from './field-positions.js';
import { jobSpecMeaning, type JobSpecMeaning } from './job-spec-mapping.js';
import { KNOWN_MANIFEST_FIELDS } from './known-manifest-fields.js';
import { unknownFields } from './unknown-fields.js';
import { type ActionDescription, base64ToBytes, type ContainerTaskOptions, containerTaskTemplate, DEFAULT_ACTION_NAME, isSequentialPodSpec, podTaskTemplate, type ResourceRequirements, type RunIdentity, TASKACTION_API_VERSION, TASKACTION_KIND, type TaskTemplateOptions } from '../task-action/index.js';

/** One parsed document of the user's input, with where it came from. */
export interface InputDocument {
  value: unknown;
  location: InputLocation;
  /** Where a field of this document is, so errors point at the line of the field and not of the document. */
  locate?: FieldLocator;
}

/** What flags and the environment supply to documents that do not say it themselves. */
export interface ActionDefaults extends Partial<RunIdentity> {
  org: string;
  project: string;
  domain: string;
  actionName?: string;
  parentActionName?: string;
  namespace?: string;
  /** Pod/Job documents: convert to sequential containers before embedding the pod spec. */
  sequential?: boolean;
  retries?: number;
  /**
   * Resources of container tasks that give none (completed by `containerTaskResources`); a Pod or Job says its
   * own, so giving these with one is an error.
   */
  resources?: ResourceRequirements;
  /** What errors call `resources` (e.g. the flags that gave them); default "default resources". */
  resourcesOrigin?: string;
  annotations?: Record<string, string>;
  /** Told what the input says that the actions cannot keep (e.g. a Job's podFailurePolicy), with where it is. */
  onWarning?: (message: string, location: InputLocation) => void;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function describe(doc: Json): string {
  const meta = isObject(doc['metadata']) ? doc['metadata'] : {};
  const spec = isObject(doc['spec']) ? doc['spec'] : {};
  // Hand-written TaskActions usually have no metadata.name (it is derived); name them by run and action.
  const name =
    typeof meta['name'] === 'string'
      ? meta['name']
      : typeof spec['actionName'] === 'string'
        ? `${typeof spec['runName'] === 'string' ? spec['runName'] : '?'}/${spec['actionName']}`
        : '?';
  return `${typeof doc['kind'] === 'string' ? doc['kind'] : 'object'}/${name}`;
}

/**
 * Turns manifests into actions to enqueue:
 * - `flyte.org/v1` TaskAction documents (any number; parents may come in any order). `spec.taskTemplate` is
 *   either the base64 protobuf (as `kubectl get -o yaml` shows it) or, for hand-written files, an expanded
 *   template: `{container: {image, command, args, env, resources}}` or `{pod: {spec, primaryContainerName}}`,
 *   with optional `retries`, `timeoutSeconds` and `type`.
 * - one Pod or Job document: becomes a pod task (its pod spec embedded), converted to sequential containers
 *   first when asked. Run and action names then come from the defaults.
 */
export function actionsFromManifest(documents: InputDocument[], defaults: ActionDefaults): ActionDescription[] {
  const workloads = documents.filter((d) => isObject(d.value) && ['Pod', 'Job'].includes(String(d.value['kind'])));
  if (workloads.length > 1) {
    const second = workloads[1] as InputDocument;
    throw new UserError('only one Pod or Job can be enqueued at a time', second.location, 'enqueue each manifest on its own, or write TaskAction documents');
  }
  return documents.map((doc) => withFieldPositions(doc.locate, () => actionFromDocument(doc, defaults)));
}

/** Unknown fields are refused before anything else, all at once: a typo would otherwise be dropped silently. */
function refuseUnknownFields(value: Json, location: InputLocation): void {
  const shape = KNOWN_MANIFEST_FIELDS[String(value['kind'])];
  if (shape === undefined) return;
  const errors = unknownFields(value, shape, describe(value)).map((e) => new UserError(e.message, { ...location, ...e.location }, e.hint));
  if (errors.length === 1 && errors[0] !== undefined) throw errors[0];
  if (errors.length > 1) throw new UserErrors(errors);
}

function actionFromDocument(doc: InputDocument, defaults: ActionDefaults): ActionDescription {
  const value = doc.value;
  if (!isObject(value)) throw new UserError('the document is not an object', doc.location, 'give a TaskAction, Pod or Job manifest');
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  const known = (apiVersion === TASKACTION_API_VERSION && kind === TASKACTION_KIND) || (apiVersion === 'v1' && kind === 'Pod') || (apiVersion === 'batch/v1' && kind === 'Job');
  if (known) refuseUnknownFields(value, doc.location);
  if (apiVersion === TASKACTION_API_VERSION && kind === TASKACTION_KIND) return fromTaskAction(value, doc.location, defaults);
  if (apiVersion === 'v1' && kind === 'Pod') return fromPodSpec(podSpecOf(value, ['spec'], doc.location), 'spec', value, doc.location, defaults);
  if (apiVersion === 'batch/v1' && kind === 'Job') {
    const podSpec = podSpecOf(value, ['spec', 'template', 'spec'], doc.location);
    const location = { ...doc.location, object: describe(value) };
    const warn = (message: string, at: InputLocation) => defaults.onWarning?.(message, positioned(at, doc.locate));
    const meaning = jobSpecMeaning(value['spec'] as Json, location, warn);
    return fromPodSpec(podSpec, 'spec.template.spec', value, doc.location, defaults, meaning);
  }
  throw new UserError(
    `${describe(value)} (apiVersion ${String(apiVersion)}) cannot be enqueued`,
    { ...doc.location, object: describe(value) },
    'give TaskAction (flyte.org/v1), Pod (v1) or Job (batch/v1) documents',
  );
}

function podSpecOf(doc: Json, path: string[], location: InputLocation): Json {
  let node: unknown = doc;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  if (!isObject(node)) throw new UserError(`${describe(doc)} has no ${path.join('.')}`, { ...location, object: describe(doc), field: path.join('.') });
  return node;
}

function fromPodSpec(podSpec: Json, specPath: string, doc: Json, location: InputLocation, defaults: ActionDefaults, job: JobSpecMeaning = {}): ActionDescription {
  const object = describe(doc);
  if (!defaults.runName) throw new UserError('a run name is needed to enqueue a Pod or Job', { ...location, object }, 'give --run NAME');
  if (defaults.resources !== undefined) {
    throw new UserError(
      `${defaults.resourcesOrigin ?? 'default resources'} apply to container tasks, and ${object} is a pod task`,
      { ...location, object },
      'set requests and limits on the containers of the manifest instead',
    );
  }
  // A Pod converted before keeps being sequential; the template converts (sequential: true) or recognises it.
  const sequential = defaults.sequential === true || isSequentialPodSpec(podSpec);
  const containers = Array.isArray(podSpec['containers']) ? podSpec['containers'].filter(isObject) : [];
  const names = containers.map((c) => (typeof c['name'] === 'string' ? c['name'] : ''));
  const template = withLocation(location, object, { podSpec: specPath }, () =>
    podTaskTemplate({
      podSpec,
      // Sequential: the task ends with the last step, which the template picks. Otherwise the first container.
      ...(sequential ? { sequential: true } : { primaryContainerName: names[0] }),
      // --retries wins over a Job's backoffLimit: the flag is the later, explicit choice.
      retries: defaults.retries ?? job.retries,
      ...(job.timeoutSeconds !== undefined ? { timeoutSeconds: job.timeoutSeconds } : {}),
      labels: stringMap(isObject(doc['metadata']) ? doc['metadata']['labels'] : undefined),
      // The Pod's annotations belong on the Pod the executor creates (schedulers, sidecars and tests read them).
      annotations: stringMap(isObject(doc['metadata']) ? doc['metadata']['annotations'] : undefined),
    }),
  );
  return {
    org: defaults.org,
    project: defaults.project,
    domain: defaults.domain,
    runName: defaults.runName,
    actionName: defaults.actionName ?? DEFAULT_ACTION_NAME,
    ...(defaults.parentActionName !== undefined ? { parentActionName: defaults.parentActionName } : {}),
    ...(defaults.namespace !== undefined ? { namespace: defaults.namespace } : {}),
    ...(defaults.annotations !== undefined ? { annotations: defaults.annotations } : {}),
    taskTemplate: template,
    source: { ...location, object },
  };
}

function fromTaskAction(doc: Json, location: InputLocation, defaults: ActionDefaults): ActionDescription {
  const object = describe(doc);
  const spec = isObject(doc['spec']) ? doc['spec'] : {};
  const meta = isObject(doc['metadata']) ? doc['metadata'] : {};
  const str = (key: string): string | undefined => (typeof spec[key] === 'string' ? spec[key] : undefined);
  const runName = defaults.runName ?? str('runName');
  const actionName = str('actionName');
  if (!runName) throw new UserError('spec.runName is required', { ...location, object, field: 'spec.runName' }, 'set spec.runName or give --run');
  if (!actionName) throw new UserError('spec.actionName is required', { ...location, object, field: 'spec.actionName' });
  const annotations = { ...stringMap(meta['annotations']), ...defaults.annotations };
  const description: ActionDescription = {
    org: str('org') ?? defaults.org,
    project: str('project') ?? defaults.project,
    domain: str('domain') ?? defaults.domain,
    runName,
    actionName,
    taskTemplate: templateFrom(spec['taskTemplate'], { ...location, object, field: 'spec.taskTemplate' }, defaults),
    ...(spec['parentActionName'] !== undefined ? { parentActionName: typeof spec['parentActionName'] === 'string' ? spec['parentActionName'] : JSON.stringify(spec['parentActionName']) } : {}),
    ...(str('shortName') !== undefined ? { shortName: str('shortName') } : {}),
    ...(str('inputUri') !== undefined ? { inputUri: str('inputUri') } : {}),
    ...(str('runOutputBase') !== undefined ? { runOutputBase: str('runOutputBase') } : {}),
    ...(typeof meta['namespace'] === 'string' ? { namespace: meta['namespace'] } : defaults.namespace !== undefined ? { namespace: defaults.namespace } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(str('cacheKey') !== undefined ? { cacheKey: str('cacheKey') } : {}),
    ...(str('group') !== undefined ? { group: str('group') } : {}),
    ...(stringMap(spec['envVars']) !== undefined ? { envVars: stringMap(spec['envVars']) } : {}),
    ...(typeof spec['interruptible'] === 'boolean' ? { interruptible: spec['interruptible'] } : {}),
    source: { ...location, object },
  };
  return description;
}

/** Fields of an expanded template whose type is wrong are an error, not ignored (`retries: "3"` would run once). */
function checkedTemplateFieldTypes(value: Record<string, unknown>, location: InputLocation): Record<string, never> {
  const expected: [string, string][] = [
    ['type', 'string'],
    ['retries', 'number'],
    ['timeoutSeconds', 'number'],
  ];
  for (const [field, type] of expected) {
    const given = value[field];
    if (given === undefined || typeof given === type) continue;
    throw new UserError(
      `${location.field ?? 'spec.taskTemplate'}.${field} must be a ${type}, not ${JSON.stringify(given)}`,
      { ...location, field: `${location.field ?? 'spec.taskTemplate'}.${field}` },
      type === 'number' ? `write it without quotes, e.g. ${field}: 3` : `write it as a string, e.g. ${field}: "container"`,
    );
  }
  return {};
}

function templateFrom(value: unknown, location: InputLocation, defaults: ActionDefaults): TaskTemplate | Uint8Array {
  if (typeof value === 'string') return base64ToBytes(value, location);
  if (!isObject(value)) {
    throw new UserError(
      'spec.taskTemplate is missing',
      location,
      'give the base64 TaskTemplate, or an expanded one: taskTemplate: {container: {image: busybox, command: [echo, hi]}}',
    );
  }
  const options: TaskTemplateOptions = {
    ...checkedTemplateFieldTypes(value, location),
    ...(typeof value['type'] === 'string' ? { taskType: value['type'] } : {}),
    ...(typeof value['retries'] === 'number' ? { retries: value['retries'] } : defaults.retries !== undefined ? { retries: defaults.retries } : {}),
    ...(typeof value['timeoutSeconds'] === 'number' ? { timeoutSeconds: value['timeoutSeconds'] } : {}),
  };
  if (isObject(value['container'])) {
    const c = value['container'];
    const list = (key: string) => (Array.isArray(c[key]) ? (c[key] as unknown[]).map(String) : undefined);
    if (typeof c['image'] !== 'string') throw new UserError('the container has no image', { ...location, field: `${location.field}.container.image` });
    const containerOptions: ContainerTaskOptions = {
      ...options,
      image: c['image'],
      command: list('command'),
      args: list('args'),
      ...(stringMap(c['env']) !== undefined ? { env: stringMap(c['env']) } : {}),
      ...(isObject(c['resources']) ? { resources: c['resources'] } : defaults.resources !== undefined ? { resources: defaults.resources } : {}),
    };
    const inContainer = `${location.field}.container`;
    const renames = { image: `${inContainer}.image`, env: `${inContainer}.env`, resources: `${inContainer}.resources` };
    return withLocation(location, location.object ?? '', renames, () => containerTaskTemplate(containerOptions));
  }
  if (isObject(value['pod']) && isObject(value['pod']['spec'])) {
    const pod = value['pod'];
    const podSpec = pod['spec'] as Json;
    const sequential = pod['sequential'] === true;
    const inPod = `${location.field}.pod`;
    return withLocation(location, location.object ?? '', { podSpec: `${inPod}.spec`, primaryContainerName: `${inPod}.primaryContainerName` }, () =>
      podTaskTemplate({
        ...options,
        podSpec,
        ...(typeof pod['primaryContainerName'] === 'string' ? { primaryContainerName: pod['primaryContainerName'] } : {}),
        ...(sequential ? { sequential: true } : {}),
      }),
    );
  }
  throw new UserError('spec.taskTemplate has neither container nor pod.spec', location, 'use taskTemplate: {container: {...}} or {pod: {spec: {...}}}');
}

/**
 * Re-throws template errors with the document's location. Their fields name template options; `renames` maps an
 * option (the field's first part) to where the document keeps it, and other fields go below `location.field`.
 */
function withLocation<T>(location: InputLocation, object: string, renames: Record<string, string>, build: () => T): T {
  const relocated = (err: UserError): UserError => {
    const inner = err.location.field;
    const head = inner?.match(/^[^.[]+/)?.[0] ?? '';
    const renamed = renames[head];
    let field: string | undefined;
    if (inner === undefined) field = location.field;
    else if (renamed !== undefined) field = renamed + inner.slice(head.length);
    else field = location.field ? `${location.field}.${inner}` : inner;
    return new UserError(err.message, { ...location, object, ...(field ? { field } : {}) }, err.hint);
  };
  return changingUserErrors(relocated, build);
}
