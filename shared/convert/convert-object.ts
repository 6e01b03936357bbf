import { UserError } from '../errors/index.js';
import { objectSizeWarning, wantsCompact } from './compact-mode.js';
import { type ConversionWarning, type ConvertOptions, type ObjectOutcome, type TransformedObject } from './conversion-types.js';
import { readConvertiblePodSpec } from './convertible-pod-spec.js';
import { type FieldPath, formatFieldPath, getAt } from './field-path.js';
import { type JsonObject, deepCopy, isPlainObject } from './json-value.js';
import { makePodSpecSequential } from './make-pod-spec-sequential.js';
import { ensureAnnotations, ensureMetadata } from './metadata-levels.js';
import { objectLabel } from './object-label.js';
import {
  type EmptyValue,
  ORIGINAL_COMMANDS_ANNOTATION,
  ORIGINAL_EMPTY_FIELDS_ANNOTATION,
  ORIGINAL_REQUESTS_ANNOTATION,
  emptyFieldKey,
  encodeEmptyFields,
  encodeOriginalCommands,
  isEmptyValue,
} from './original-record.js';
import { readOptionalMapping } from './pod-spec-shape.js';
import { ProblemCollector } from './problems.js';
import { restartPolicyWarning } from './restart-policy-warning.js';
import { encodeRequestsRecord, foldRequests, readFoldRequests } from './fold-requests.js';
import { ORIGINAL_SIDECARS_ANNOTATION, encodeSidecarPlaces, readSidecarNames } from './sidecar-selection.js';
import { checkStepCount } from './step-limit.js';
import { type StepSettings, readStepSettings } from './step-settings.js';
import { DEFAULT_ENTRYPOINT_IMAGE, SEQUENTIAL_ANNOTATION, SEQUENTIAL_ANNOTATION_VALUE } from './sequential-constants.js';
import { isSequentialObject } from './sequential-marker.js';
import { CRONJOB_KIND, JOB_KIND, POD_KIND, type WorkloadKind, findWorkloadKind, podMetadataPath, unsupportedReason } from './workload-kinds.js';

const OUR_ANNOTATIONS = [SEQUENTIAL_ANNOTATION, ORIGINAL_COMMANDS_ANNOTATION, ORIGINAL_EMPTY_FIELDS_ANNOTATION, ORIGINAL_SIDECARS_ANNOTATION, ORIGINAL_REQUESTS_ANNOTATION];

/** Converts a `v1` Pod so its containers run one after the other. Throws UserError(s); never changes `pod`. */
export function convertPod(pod: unknown, options: ConvertOptions = {}): TransformedObject {
  return convertWorkload(POD_KIND, pod, options);
}

/** Converts a `batch/v1` Job's pod template. */
export function convertJob(job: unknown, options: ConvertOptions = {}): TransformedObject {
  return convertWorkload(JOB_KIND, job, options);
}

/** Converts a `batch/v1` CronJob's job template. */
export function convertCronJob(cronJob: unknown, options: ConvertOptions = {}): TransformedObject {
  return convertWorkload(CRONJOB_KIND, cronJob, options);
}

/** Dispatches on exact apiVersion/kind; other kinds are `unsupported` (callers pass them through). */
export function convertObject(object: unknown, options: ConvertOptions = {}): ObjectOutcome {
  const kind = findWorkloadKind(object);
  if (kind === undefined) return { status: 'unsupported', reason: unsupportedReason(object) };
  const result = convertWorkload(kind, object, options);
  if (!result.changed) return { status: 'skipped', object: result.object, reason: 'already converted' };
  return { status: 'transformed', ...result };
}

function convertWorkload(kind: WorkloadKind, input: unknown, options: ConvertOptions): TransformedObject {
  const label = objectLabel(input);
  if (!isPlainObject(input) || findWorkloadKind(input) !== kind) {
    throw new UserError(`${label} is not a ${kind.apiVersion} ${kind.kind}`, { object: label });
  }
  if (isSequentialObject(input)) {
    if (options.ifConverted === 'skip') return { object: deepCopy(input), changed: false, warnings: [] };
    throw new UserError(
      'already converted to sequential containers: converting again would nest entrypoints and duplicate volumes',
      { object: label, field: formatFieldPath(['metadata', 'annotations', SEQUENTIAL_ANNOTATION]) },
      'leave it as it is, or revert it first (kubectl kueue revert)',
    );
  }

  const object = deepCopy(input);
  const problems = new ProblemCollector(label);
  const emptyFields = new Map<string, EmptyValue>();
  checkMetadataLevels(object, kind, problems, emptyFields);
  const topAnnotationsPath = [...(kind.metadataPaths[0] ?? ['metadata']), 'annotations'];
  const topAnnotations = getAt(object, topAnnotationsPath);
  const sidecarNames = readSidecarNames(
    options.sidecars ?? [],
    isPlainObject(topAnnotations) ? topAnnotations : undefined,
    topAnnotationsPath,
    plainObjects(getAt(object, [...kind.podSpecPath, 'containers'])),
    [...kind.podSpecPath, 'containers'],
    problems,
  );
  const pod = readConvertiblePodSpec(getAt(object, kind.podSpecPath), kind.podSpecPath, problems, sidecarNames);
  const compact = wantsCompact(object, options, problems);
  if (pod !== undefined) checkStepCount(pod.containers.length, compact, [...kind.podSpecPath, 'containers'], problems);
  const stepSettings =
    pod === undefined
      ? new Map<string, StepSettings>()
      : readStepSettings(isPlainObject(topAnnotations) ? topAnnotations : undefined, topAnnotationsPath, pod.containers.map((c) => c.name), problems);
  const fold = readFoldRequests(options.foldRequests, isPlainObject(topAnnotations) ? topAnnotations : undefined, topAnnotationsPath, problems);
  const requestsRecord =
    fold && pod !== undefined
      ? foldRequests(
          pod.containers.map(({ container, name }) => ({ container, name, path: [...kind.podSpecPath, 'containers', containerIndex(pod.spec, container)] })),
          problems,
        )
      : undefined;
  problems.throwIfAny();
  if (pod === undefined) throw new Error('pod spec check failed without reporting a problem');

  recordEmpty(pod.spec, 'initContainers', kind.podSpecPath, emptyFields);
  recordEmpty(pod.spec, 'volumes', kind.podSpecPath, emptyFields);
  pod.containers.forEach(({ container }, index) =>
    recordEmpty(container, 'volumeMounts', [...kind.podSpecPath, 'containers', index], emptyFields),
  );

  const warnings: ConversionWarning[] = [];
  const warning = restartPolicyWarning(pod.spec, kind.podSpecPath, label, kind === POD_KIND);
  if (warning) warnings.push(warning);

  const commands = makePodSpecSequential(pod, options.entrypointImage ?? DEFAULT_ENTRYPOINT_IMAGE, { compact, stepSettings });
  for (const path of kind.metadataPaths) {
    ensureAnnotations(ensureMetadata(object, path))[SEQUENTIAL_ANNOTATION] = SEQUENTIAL_ANNOTATION_VALUE;
  }
  const podAnnotations = ensureAnnotations(ensureMetadata(object, podMetadataPath(kind)));
  podAnnotations[ORIGINAL_COMMANDS_ANNOTATION] = encodeOriginalCommands(commands);
  if (emptyFields.size > 0) podAnnotations[ORIGINAL_EMPTY_FIELDS_ANNOTATION] = encodeEmptyFields(emptyFields);
  if (requestsRecord !== undefined) podAnnotations[ORIGINAL_REQUESTS_ANNOTATION] = encodeRequestsRecord(requestsRecord);
  if (pod.sidecars.length > 0) podAnnotations[ORIGINAL_SIDECARS_ANNOTATION] = encodeSidecarPlaces(pod.sidecars.map(({ name, index }) => ({ name, index })));
  const sizeWarning = objectSizeWarning(object, label, compact);
  if (sizeWarning) warnings.push(sizeWarning);
  return { object, changed: true, warnings };
}

/** A step's index in the input's containers list, for error locations (sidecars are still among them). */
function containerIndex(spec: JsonObject, container: JsonObject): number {
  const containers = spec['containers'];
  return Array.isArray(containers) ? containers.indexOf(container) : -1;
}

/** The mappings of a list (the pod spec check reports what else is wrong with it). */
function plainObjects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

/** Metadata levels must be mappings and must not carry our annotations already (a half-converted object). */
function checkMetadataLevels(
  object: JsonObject,
  kind: WorkloadKind,
  problems: ProblemCollector,
  emptyFields: Map<string, EmptyValue>,
): void {
  for (const path of kind.metadataPaths) {
    const metadata = readOptionalMapping(getAt(object, path), path, problems);
    recordEmptyAt(object, path, emptyFields);
    if (metadata === undefined) continue;
    const annotationsPath = [...path, 'annotations'];
    const annotations = readOptionalMapping(metadata['annotations'], annotationsPath, problems);
    recordEmptyAt(object, annotationsPath, emptyFields);
    for (const key of OUR_ANNOTATIONS) {
      if (annotations && Object.hasOwn(annotations, key)) {
        problems.add(
          `annotation ${key} is already set, but the object is not marked as converted at its top level`,
          [...annotationsPath, key],
          'remove the annotation (revert the object first if it was converted)',
        );
      }
    }
  }
}

function recordEmpty(parent: JsonObject, key: string, parentPath: FieldPath, emptyFields: Map<string, EmptyValue>): void {
  const value = parent[key];
  // A fresh value: the found one may be the very mapping convert is about to fill.
  if (Object.hasOwn(parent, key) && isEmptyValue(value)) {
    emptyFields.set(emptyFieldKey([...parentPath, key]), value === null ? null : Array.isArray(value) ? [] : {});
  }
}

function recordEmptyAt(root: JsonObject, path: FieldPath, emptyFields: Map<string, EmptyValue>): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (isPlainObject(parent) && typeof key === 'string') recordEmpty(parent, key, path.slice(0, -1), emptyFields);
}
