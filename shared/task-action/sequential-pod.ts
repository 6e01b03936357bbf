import { type JsonObject } from '@bufbuild/protobuf';
import { convertPod, PREPARE_CONTAINER_NAME, SEQUENTIAL_ANNOTATION, SEQUENTIAL_ANNOTATION_VALUE, userErrorsOf } from '../convert/index.js';
import { UserError, UserErrors } from '../errors/index.js';

/** A pod spec and the Pod annotations that go with it. */
export interface PodSpecWithAnnotations {
  podSpec: JsonObject;
  annotations: Record<string, string>;
}

/** The spec already holds the init container the sequential conversion adds: converting again would nest steps. */
export function isSequentialPodSpec(podSpec: Readonly<Record<string, unknown>>): boolean {
  const initContainers: unknown = podSpec['initContainers'];
  if (!Array.isArray(initContainers)) return false;
  return initContainers.some((container: unknown) => typeof container === 'object' && container !== null && (container as { name?: unknown }).name === PREPARE_CONTAINER_NAME);
}

/** Conversion problems point at `spec...` of a Pod; here the spec is the template's `podSpec`. */
function inTemplate(err: UserError): UserError {
  const field = err.location.field?.replace(/^spec(?=\.|$)/, 'podSpec');
  return new UserError(err.message, field !== undefined ? { field } : {}, err.hint);
}

/**
 * The pod spec converted to sequential containers, with the annotations the conversion records (the marker
 * `kubectl kueue status` reads and the original commands `revert` restores). Done before the template is written,
 * so that every executor, Flyte's included, runs the steps in order: Flyte's puts the template's annotations on the
 * Pod and ignores our config flag. A spec converted before is returned as it is, marked.
 */
export function sequentialPodSpec(podSpec: JsonObject, annotations: Record<string, string>): PodSpecWithAnnotations {
  if (isSequentialPodSpec(podSpec)) {
    return { podSpec, annotations: { ...annotations, [SEQUENTIAL_ANNOTATION]: SEQUENTIAL_ANNOTATION_VALUE } };
  }
  let converted: JsonObject;
  try {
    converted = convertPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'task', annotations }, spec: podSpec }).object;
  } catch (err) {
    const errors = userErrorsOf(err);
    if (errors === undefined) throw err;
    const mapped = errors.map(inTemplate);
    if (mapped.length === 1 && mapped[0] !== undefined) throw mapped[0];
    throw new UserErrors(mapped);
  }
  const metadata = converted['metadata'] as { annotations?: Record<string, string> };
  return { podSpec: converted['spec'] as JsonObject, annotations: { ...metadata.annotations } };
}
