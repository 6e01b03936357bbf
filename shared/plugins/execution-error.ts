import { ExecutionError_ErrorKind } from '@flyteorg/flyteidl2/flyteidl2/core/execution_pb.js';

/** Who is to blame for a failure; the values of `flyteidl2.core.ExecutionError.ErrorKind`. */
export { ExecutionError_ErrorKind as ErrorKind };

/** A task failure as a plugin reports it (the fields of `flyteidl2.core.ExecutionError` plugins set). */
export interface ExecutionError {
  /** Machine-readable, e.g. `OOMKilled`, `ImagePullBackOff`, `ResourceDeletedExternally`. */
  code: string;
  message: string;
  kind: ExecutionError_ErrorKind;
}

const KIND_NAMES: Record<ExecutionError_ErrorKind, string> = {
  [ExecutionError_ErrorKind.UNKNOWN]: 'UNKNOWN',
  [ExecutionError_ErrorKind.USER]: 'USER',
  [ExecutionError_ErrorKind.SYSTEM]: 'SYSTEM',
};

/** The name stored in `status.errorState.kind`: `USER`, `SYSTEM`, or empty for unknown. */
export function errorKindName(kind: ExecutionError_ErrorKind): string {
  return kind === ExecutionError_ErrorKind.UNKNOWN ? '' : (KIND_NAMES[kind] ?? '');
}

/**
 * The protobuf text form Go prints for the message (`code:"X" message:"Y" kind:USER`), fields at their zero value
 * left out, as in Flyte's `PhaseInfo.String()` (Go randomly doubles some spaces there; this never does).
 */
export function executionErrorToString(err: ExecutionError): string {
  const parts: string[] = [];
  if (err.code !== '') parts.push(`code:${JSON.stringify(err.code)}`);
  if (err.message !== '') parts.push(`message:${JSON.stringify(err.message)}`);
  if (err.kind !== ExecutionError_ErrorKind.UNKNOWN) parts.push(`kind:${KIND_NAMES[err.kind] ?? String(err.kind)}`);
  return parts.join(' ');
}
