import { type ConversionWarning, type ConvertOptions } from './conversion-types.js';
import { type FieldPath, getAt } from './field-path.js';
import { type JsonObject } from './json-value.js';
import { type ProblemCollector } from './problems.js';

/**
 * Asks for compact mounts from inside the manifest, where the editor's code action has no flags to offer.
 * Like every kueue.dev/* request it lives on the object's own metadata and stays there after revert: it
 * is the user's choice, not something convert added.
 */
export const COMPACT_ANNOTATION = 'kueue.dev/compact';

const ANNOTATION_PATH: FieldPath = ['metadata', 'annotations', COMPACT_ANNOTATION];

/** `--compact` or the annotation; any value other than "true"/"false" is an error, not a silent default. */
export function wantsCompact(object: JsonObject, options: ConvertOptions, problems: ProblemCollector): boolean {
  const value = getAt(object, ANNOTATION_PATH);
  if (value !== undefined && value !== 'true' && value !== 'false') {
    problems.add(
      `annotation ${COMPACT_ANNOTATION} must be "true" or "false", not ${JSON.stringify(value)}`,
      ANNOTATION_PATH,
      'set it to "true" to mount only the run volumes each step uses, or remove it',
    );
  }
  return options.compact === true || value === 'true';
}

/** The API server refuses request bodies over 3 MiB; etcd refuses stored objects over 1.5 MiB. */
export const API_SERVER_REQUEST_LIMIT = 3 * 1024 * 1024;
export const ETCD_OBJECT_LIMIT = 1.5 * 1024 * 1024;

/**
 * The size kubectl sends is the object's JSON: past 3 MiB the API server refuses the request. etcd stores
 * the object as protobuf, smaller than its JSON, so over 1.5 MiB of JSON it may or may not fit (measured on
 * the test control plane: a converted Pod of 176 one-line steps, 2.42 MiB of JSON, is the largest stored).
 */
export function objectSizeWarning(object: JsonObject, label: string, compact: boolean): ConversionWarning | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(object), 'utf8');
  const hint = compact ? 'split the steps over several objects' : 'convert with --compact (or annotation kueue.dev/compact: "true") or split the steps';
  const mib = (bytes / 1024 / 1024).toFixed(2);
  if (bytes > API_SERVER_REQUEST_LIMIT) {
    return { message: `the converted object is ${mib} MiB as JSON, over the API server's 3 MiB request limit: ${hint}`, location: { object: label } };
  }
  if (bytes > ETCD_OBJECT_LIMIT) {
    return {
      message: `the converted object is ${mib} MiB as JSON and may be over etcd's 1.5 MiB object limit (it stores a smaller encoding): ${hint}`,
      location: { object: label },
    };
  }
  return undefined;
}
