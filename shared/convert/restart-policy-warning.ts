import { type ConversionWarning } from './conversion-types.js';
import { type FieldPath, formatFieldPath } from './field-path.js';
import { type JsonObject } from './json-value.js';

/**
 * With `restartPolicy: Always` the kubelet restarts each step when it exits, and the entrypoint of a
 * restarted step finds its wait file again, so finished steps run over and over. A bare Pod without
 * restartPolicy gets Always by default; Jobs must set Never or OnFailure anyway.
 */
export function restartPolicyWarning(
  spec: JsonObject,
  specPath: FieldPath,
  object: string,
  isBarePod: boolean,
): ConversionWarning | undefined {
  const policy = spec['restartPolicy'];
  const field = formatFieldPath([...specPath, 'restartPolicy']);
  const fix = 'set restartPolicy: Never (or OnFailure) so finished steps do not run again';
  if (policy === 'Always') {
    return { message: `restartPolicy is Always: ${fix}`, location: { object, field } };
  }
  if (isBarePod && (policy === undefined || policy === null)) {
    return { message: `restartPolicy is not set and defaults to Always for a Pod: ${fix}`, location: { object, field } };
  }
  return undefined;
}
