import { UserError } from '../errors/index.js';
import { type ConversionWarning, type ObjectOutcome, type RevertOptions, type TransformedObject } from './conversion-types.js';
import { readEntrypointArgs } from './entrypoint-args.js';
import { type FieldPath, formatFieldPath, getAt } from './field-path.js';
import { type JsonObject, type JsonValue, deepCopy, deepEqual, isPlainObject } from './json-value.js';
import { objectLabel } from './object-label.js';
import {
  ORIGINAL_COMMANDS_ANNOTATION,
  ORIGINAL_EMPTY_FIELDS_ANNOTATION,
  ORIGINAL_REQUESTS_ANNOTATION,
  type OriginalCommand,
  decodeEmptyFields,
  decodeOriginalCommands,
  emptyFieldKey,
} from './original-record.js';
import { containerName, readObjectList, readStringList } from './pod-spec-shape.js';
import { ProblemCollector } from './problems.js';
import { isAddedMount, isAddedVolume } from './added-by-convert.js';
import { PREPARE_CONTAINER_NAME, SEQUENTIAL_ANNOTATION, STEP_ENTRYPOINT, terminationPath } from './sequential-constants.js';
import { isSequentialObject } from './sequential-marker.js';
import { decodeRequestsRecord, unfoldRequests } from './fold-requests.js';
import { ORIGINAL_SIDECARS_ANNOTATION, type SidecarPlace, decodeSidecarPlaces } from './sidecar-selection.js';
import { CRONJOB_KIND, JOB_KIND, POD_KIND, type WorkloadKind, findWorkloadKind, podMetadataPath, unsupportedReason } from './workload-kinds.js';

const OUR_ANNOTATIONS = [SEQUENTIAL_ANNOTATION, ORIGINAL_COMMANDS_ANNOTATION, ORIGINAL_EMPTY_FIELDS_ANNOTATION, ORIGINAL_SIDECARS_ANNOTATION, ORIGINAL_REQUESTS_ANNOTATION];

/**
 * Restores the parallel Pod a conversion started from: removes the prepare init container, the
 * `tekton-internal-*` volumes and mounts and our annotations, and rebuilds each container's command.
 *
 * The command line is `[-entrypoint value, ...tokens after the entrypoint flags]` (normally after the first
 * `--`). How it was split between `command` and `args` comes from the `kueue.dev/original-commands`
 * annotation when it matches that command line; objects converted by the original kueueleuleu tool have no
 * such record (nor do containers whose args were edited since), so the whole line goes into `command` and
 * `args` is removed, which runs the same thing. A warning says when that happened.
 */
export function revertPod(pod: unknown, options: RevertOptions = {}): TransformedObject {
  return revertWorkload(POD_KIND, pod, options);
}

export function revertJob(job: unknown, options: RevertOptions = {}): TransformedObject {
  return revertWorkload(JOB_KIND, job, options);
}

export function revertCronJob(cronJob: unknown, options: RevertOptions = {}): TransformedObject {
  return revertWorkload(CRONJOB_KIND, cronJob, options);
}

/** Dispatches on exact apiVersion/kind; other kinds are `unsupported`. */
export function revertObject(object: unknown, options: RevertOptions = {}): ObjectOutcome {
  const kind = findWorkloadKind(object);
  if (kind === undefined) return { status: 'unsupported', reason: unsupportedReason(object) };
  const result = revertWorkload(kind, object, options);
  if (!result.changed) return { status: 'skipped', object: result.object, reason: 'not converted' };
  return { status: 'transformed', ...result };
}

function revertWorkload(kind: WorkloadKind, input: unknown, options: RevertOptions): TransformedObject {
  const label = objectLabel(input);
  if (!isPlainObject(input) || findWorkloadKind(input) !== kind) {
    throw new UserError(`${label} is not a ${kind.apiVersion} ${kind.kind}`, { object: label });
  }
  if (!isSequentialObject(input)) {
    if (options.ifNotConverted === 'skip') return { object: deepCopy(input), changed: false, warnings: [] };
    throw new UserError(
      `not converted to sequential containers (annotation ${SEQUENTIAL_ANNOTATION} is not "true")`,
      { object: label, field: 'metadata.annotations' },
    );
  }
  const object = deepCopy(input);
  const problems = new ProblemCollector(label);
  const podAnnotations = getAt(object, [...podMetadataPath(kind), 'annotations']);
  const record = isPlainObject(podAnnotations) ? decodeOriginalCommands(podAnnotations[ORIGINAL_COMMANDS_ANNOTATION]) : undefined;
  const emptyFields = decodeEmptyFields(isPlainObject(podAnnotations) ? podAnnotations[ORIGINAL_EMPTY_FIELDS_ANNOTATION] : undefined);
  const sidecarPlaces = decodeSidecarPlaces(isPlainObject(podAnnotations) ? podAnnotations[ORIGINAL_SIDECARS_ANNOTATION] : undefined) ?? [];

  const specPath = kind.podSpecPath;
  const spec = getAt(object, specPath);
  if (!isPlainObject(spec)) {
    problems.add('the pod spec is missing or not a mapping', specPath);
    problems.throwIfAny();
    return { object, changed: false, warnings: [] };
  }
  const containers = readObjectList(spec, 'containers', specPath, problems);
  const restored = containers.map((container, index) => readConvertedCommand(container, [...specPath, 'containers', index], index, problems));
  const initContainers = readObjectList(spec, 'initContainers', specPath, problems);
  const volumes = readObjectList(spec, 'volumes', specPath, problems);
  const mounts = containers.map((container, index) => readObjectList(container, 'volumeMounts', [...specPath, 'containers', index], problems));
  const sidecars = findSidecars(initContainers, sidecarPlaces, [...specPath, 'initContainers'], problems);
  problems.throwIfAny();

  const fellBack: string[] = [];
  containers.forEach((container, index) => {
    const line = restored[index];
    if (line === undefined) return;
    const name = containerName(container, index);
    const recorded = matchingRecord(record?.[index], name, line);
    if (recorded) {
      container['command'] = recorded.command;
      if (recorded.args === undefined) delete container['args'];
      else container['args'] = recorded.args;
    } else {
      container['command'] = line;
      delete container['args'];
      fellBack.push(name);
    }
    const path = [...specPath, 'containers', index];
    // Convert refuses a user path under /tekton, so this one is ours.
    if (container['terminationMessagePath'] === terminationPath(index)) delete container['terminationMessagePath'];
    setOrRemove(container, 'volumeMounts', (mounts[index] ?? []).filter((m) => !isAddedMount(m)), path, emptyFields);
  });
  const requestsRecord = decodeRequestsRecord(isPlainObject(podAnnotations) ? podAnnotations[ORIGINAL_REQUESTS_ANNOTATION] : undefined);
  if (requestsRecord !== undefined) unfoldRequests(containers, requestsRecord);
  if (sidecars.length > 0) spec['containers'] = withSidecarsBack(containers, sidecarPlaces, sidecars);
  setOrRemove(
    spec,
    'initContainers',
    initContainers.filter((c) => c['name'] !== PREPARE_CONTAINER_NAME && !sidecars.includes(c)),
    specPath,
    emptyFields,
  );
  setOrRemove(spec, 'volumes', volumes.filter((v) => !isAddedVolume(v)), specPath, emptyFields);
  for (const path of [...kind.metadataPaths].reverse()) removeOurAnnotations(object, path, emptyFields);

  const warnings: ConversionWarning[] = [];
  if (fellBack.length > 0) warnings.push(fallbackWarning(label, [...specPath, 'containers'], record !== undefined, fellBack));
  return { object, changed: true, warnings };
}

/** The init containers convert made from regular containers, in the record's order, each checked. */
function findSidecars(initContainers: JsonObject[], places: readonly SidecarPlace[], path: FieldPath, problems: ProblemCollector): JsonObject[] {
  const found: JsonObject[] = [];
  for (const { name } of places) {
    const index = initContainers.findIndex((c) => c['name'] === name);
    const sidecar = initContainers[index];
    if (sidecar === undefined || sidecar['restartPolicy'] !== 'Always') {
      problems.add(
        `sidecar "${name}" (annotation ${ORIGINAL_SIDECARS_ANNOTATION}) is not an init container with restartPolicy: Always`,
        sidecar === undefined ? path : [...path, index],
        'was it removed or edited after the conversion? restore it by hand',
      );
      continue;
    }
    found.push(sidecar);
  }
  return found;
}

/** The steps with each sidecar back at its original index, as a regular container again. */
function withSidecarsBack(steps: readonly JsonObject[], places: readonly SidecarPlace[], sidecars: readonly JsonObject[]): JsonObject[] {
  const merged = [...steps];
  places.forEach((place, i) => {
    const sidecar = sidecars[i];
    if (sidecar === undefined) return;
    delete sidecar['restartPolicy'];
    merged.splice(Math.min(place.index, merged.length), 0, sidecar);
  });
  return merged;
}

/** The command line a converted container runs, or undefined after reporting why it is not converted. */
function readConvertedCommand(container: JsonObject, path: FieldPath, index: number, problems: ProblemCollector): string[] | undefined {
  const name = containerName(container, index);
  if (!deepEqual(container['command'], [STEP_ENTRYPOINT])) {
    problems.add(
      `container "${name}" does not run the sequential entrypoint (command is not ["${STEP_ENTRYPOINT}"])`,
      [...path, 'command'],
      'was it added or edited after the conversion? restore it by hand',
    );
    return undefined;
  }
  const args = readStringList(container['args'] ?? [], [...path, 'args'], problems);
  if (args === undefined) return undefined;
  const parsed = readEntrypointArgs(args);
  if (!parsed.ok) {
    problems.add(`container "${name}" has no command line to restore: ${parsed.reason}`, [...path, 'args']);
    return undefined;
  }
  return [parsed.program, ...parsed.rest];
}

/** The record is trusted only when it describes the very command line the container runs now. */
function matchingRecord(entry: OriginalCommand | undefined, name: string, line: readonly string[]): OriginalCommand | undefined {
  if (entry === undefined || entry.name !== name) return undefined;
  return deepEqual([...entry.command, ...(entry.args ?? [])], line) ? entry : undefined;
}

/**
 * Writes a filtered list back in place. An emptied list is removed, unless the conversion recorded that it
 * was present but empty (`volumes: []`), in which case that value comes back.
 */
function setOrRemove(parent: JsonObject, key: string, items: JsonObject[], parentPath: FieldPath, emptyFields: Map<string, JsonValue>): void {
  if (!Object.hasOwn(parent, key)) return;
  if (items.length > 0) {
    parent[key] = items;
    return;
  }
  const recorded = emptyFields.get(emptyFieldKey([...parentPath, key]));
  if (recorded === undefined) delete parent[key];
  else parent[key] = recorded;
}

function removeOurAnnotations(object: JsonObject, path: FieldPath, emptyFields: Map<string, JsonValue>): void {
  const parent = getAt(object, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isPlainObject(parent) || typeof key !== 'string') return;
  const metadata = parent[key];
  if (!isPlainObject(metadata)) return;
  const annotations = metadata['annotations'];
  if (isPlainObject(annotations)) {
    for (const ours of OUR_ANNOTATIONS) delete annotations[ours];
    if (Object.keys(annotations).length === 0) restoreOrRemove(metadata, 'annotations', [...path, 'annotations'], emptyFields);
  }
  if (Object.keys(metadata).length === 0) restoreOrRemove(parent, key, path, emptyFields);
}

function restoreOrRemove(parent: JsonObject, key: string, path: FieldPath, emptyFields: Map<string, JsonValue>): void {
  const recorded = emptyFields.get(emptyFieldKey(path));
  if (recorded === undefined) delete parent[key];
  else parent[key] = recorded;
}

function fallbackWarning(object: string, containersPath: FieldPath, hadRecord: boolean, containers: string[]): ConversionWarning {
  const which = containers.map((c) => `"${c}"`).join(', ');
  const why = hadRecord
    ? `the args of ${which} changed since the conversion`
    : `there is no ${ORIGINAL_COMMANDS_ANNOTATION} annotation (converted by another tool?)`;
  return {
    message: `${why}: the whole command line of ${which} was restored into command (same behaviour, args removed)`,
    location: { object, field: formatFieldPath(containersPath) },
  };
}
