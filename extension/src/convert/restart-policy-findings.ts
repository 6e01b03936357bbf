import { type Document, isMap, isScalar } from 'yaml';
import { fieldOffset, findWorkloadKind, getAt, isPlainObject, objectLabel, POD_KIND, restartPolicyWarning } from '../../../shared/convert/index.js';

/** A converted workload whose restartPolicy makes finished steps run again, located in the text. */
export interface RestartPolicyFinding {
  /** `Kind/name`. */
  object: string;
  message: string;
  /** Where to show it: the restartPolicy key when the field is set, otherwise the object's kind. */
  offset: number;
  /** The text edit that sets `restartPolicy: Never` (the quick fix), when the layout allows one. */
  fix?: { offset: number; length: number; text: string };
}

/**
 * Replaces the policy's value, or puts `restartPolicy: Never` first in a block-style pod spec, indented like its
 * first key. A flow-style spec (`spec: {...}`) gets no fix: the user's layout decides there.
 */
function neverFix(doc: Document.Parsed, text: string, specPath: (string | number)[]): RestartPolicyFinding['fix'] {
  const spec = doc.getIn(specPath, true);
  if (!isMap(spec) || spec.flow === true) return undefined;
  const value = spec.get('restartPolicy', true);
  if (isScalar(value) && value.range !== undefined && value.range !== null) {
    return { offset: value.range[0], length: value.range[1] - value.range[0], text: 'Never' };
  }
  const first = spec.items[0]?.key;
  const start = isScalar(first) ? first.range?.[0] : undefined;
  if (start === undefined) return undefined;
  const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
  return { offset: start, length: 0, text: `restartPolicy: Never\n${' '.repeat(indent)}` };
}

/**
 * The core's restart-policy warning (the same one `convert` prints) for an object that is already converted,
 * placed on the line a reader would fix: `restartPolicy: Always`, or `kind: Pod` when the policy is unset.
 */
export function restartPolicyFindings(doc: Document.Parsed, text: string, object: unknown, prefix: readonly (string | number)[]): RestartPolicyFinding[] {
  const kind = findWorkloadKind(object);
  if (kind === undefined) return [];
  const spec = getAt(object, kind.podSpecPath);
  if (!isPlainObject(spec)) return [];
  const label = objectLabel(object);
  const warning = restartPolicyWarning(spec, kind.podSpecPath, label, kind === POD_KIND);
  if (warning === undefined) return [];
  const policyPath = [...prefix, ...kind.podSpecPath, 'restartPolicy'];
  const at = Object.hasOwn(spec, 'restartPolicy') ? fieldOffset(doc, policyPath) : fieldOffset(doc, [...prefix, 'kind']);
  const fix = neverFix(doc, text, [...prefix, ...kind.podSpecPath]);
  return [{ object: label, message: warning.message, offset: at ?? 0, ...(fix !== undefined ? { fix } : {}) }];
}
