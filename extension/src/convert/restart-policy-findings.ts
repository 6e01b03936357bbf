import { type Document } from 'yaml';
import { fieldOffset, findWorkloadKind, getAt, isPlainObject, objectLabel, POD_KIND, restartPolicyWarning } from '../../../shared/convert/index.js';

/** A converted workload whose restartPolicy makes finished steps run again, located in the text. */
export interface RestartPolicyFinding {
  /** `Kind/name`. */
  object: string;
  message: string;
  /** Where to show it: the restartPolicy key when the field is set, otherwise the object's kind. */
  offset: number;
}

/**
 * The core's restart-policy warning (the same one `convert` prints) for an object that is already converted,
 * placed on the line a reader would fix: `restartPolicy: Always`, or `kind: Pod` when the policy is unset.
 */
export function restartPolicyFindings(doc: Document.Parsed, object: unknown, prefix: readonly (string | number)[]): RestartPolicyFinding[] {
  const kind = findWorkloadKind(object);
  if (kind === undefined) return [];
  const spec = getAt(object, kind.podSpecPath);
  if (!isPlainObject(spec)) return [];
  const label = objectLabel(object);
  const warning = restartPolicyWarning(spec, kind.podSpecPath, label, kind === POD_KIND);
  if (warning === undefined) return [];
  const policyPath = [...prefix, ...kind.podSpecPath, 'restartPolicy'];
  const at = Object.hasOwn(spec, 'restartPolicy') ? fieldOffset(doc, policyPath) : fieldOffset(doc, [...prefix, 'kind']);
  return [{ object: label, message: warning.message, offset: at ?? 0 }];
}
