import { annotationJson } from './annotation-json.js';
import { type FieldPath } from './field-path.js';
import { type JsonObject, isPlainObject } from './json-value.js';
import { containerName } from './pod-spec-shape.js';
import { type ProblemCollector } from './problems.js';

/** Containers to run as native sidecars instead of steps, for people who convert in an editor. */
export const SIDECARS_ANNOTATION = 'kueue.dev/sidecars';

/**
 * Where convert took each sidecar from, so revert puts it back at its place among the containers:
 * a JSON list `[{"name":"proxy","index":1}]`, in ascending index order.
 */
export const ORIGINAL_SIDECARS_ANNOTATION = 'kueue.dev/original-sidecars';

export interface SidecarPlace {
  name: string;
  /** The container's index in the original `containers` list. */
  index: number;
}

/**
 * The names asked for with `--sidecar` and the `kueue.dev/sidecars` annotation, checked against the regular
 * containers: an unknown name is reported at the containers list (flags) or at the annotation.
 */
export function readSidecarNames(
  flagNames: readonly string[],
  annotations: JsonObject | undefined,
  annotationsPath: FieldPath,
  containers: readonly JsonObject[],
  containersPath: FieldPath,
  problems: ProblemCollector,
): Set<string> {
  const known = containers.map((c, index) => containerName(c, index));
  const choices = `use one of: ${known.map((n) => `"${n}"`).join(', ') || '(no containers)'}`;
  const names = new Set<string>();
  for (const name of flagNames) {
    if (known.includes(name)) names.add(name);
    else problems.add(`--sidecar "${name}" is not a container of this object`, containersPath, choices);
  }
  const raw = annotations?.[SIDECARS_ANNOTATION];
  if (raw === undefined) return names;
  const field = [...annotationsPath, SIDECARS_ANNOTATION];
  if (typeof raw !== 'string') {
    problems.add(`annotation ${SIDECARS_ANNOTATION} must be a string of container names`, field, `e.g. ${SIDECARS_ANNOTATION}: "proxy,log-shipper"`);
    return names;
  }
  for (const name of raw.split(',').map((n) => n.trim()).filter((n) => n !== '')) {
    if (known.includes(name)) names.add(name);
    else problems.add(`annotation ${SIDECARS_ANNOTATION} names "${name}", which is not a container of this object`, field, choices);
  }
  return names;
}

export function encodeSidecarPlaces(places: readonly SidecarPlace[]): string {
  return JSON.stringify(places);
}

/** The recorded places, or undefined when the annotation is absent or not ours in form. */
export function decodeSidecarPlaces(value: unknown): SidecarPlace[] | undefined {
  const parsed = annotationJson(value);
  if (!Array.isArray(parsed)) return undefined;
  const places: SidecarPlace[] = [];
  for (const entry of parsed) {
    if (!isPlainObject(entry) || typeof entry['name'] !== 'string' || !Number.isInteger(entry['index'])) return undefined;
    places.push({ name: entry['name'], index: entry['index'] as number });
  }
  return places.sort((a, b) => a.index - b.index);
}
