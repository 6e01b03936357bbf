import { Code, ConnectError } from '@connectrpc/connect';
import { errorMessage, formatApiError, isKubeApiError, isUserError, isUserErrors, type KubeApiError, type UserError } from '../../errors/index.js';
import { renameFields } from './request-fields.js';

/**
 * The Connect code for each Kubernetes Status reason. Flyte's queue answered `internal` for all of them, so a
 * client could not tell "you sent a bad object" from "the server is broken"; each reason has a fitting code.
 */
const CODE_BY_REASON: Record<string, Code> = {
  BadRequest: Code.InvalidArgument,
  Invalid: Code.InvalidArgument,
  NotFound: Code.NotFound,
  AlreadyExists: Code.AlreadyExists,
  // A resourceVersion or uid precondition failed: someone changed the object meanwhile; retrying may succeed.
  Conflict: Code.Aborted,
  Gone: Code.Aborted,
  Expired: Code.Aborted,
  Forbidden: Code.PermissionDenied,
  Unauthorized: Code.Unauthenticated,
  RequestEntityTooLarge: Code.ResourceExhausted,
  TooManyRequests: Code.ResourceExhausted,
  MethodNotAllowed: Code.Unimplemented,
  UnsupportedMediaType: Code.Unimplemented,
  NotAcceptable: Code.Unimplemented,
  Timeout: Code.DeadlineExceeded,
  ServerTimeout: Code.Unavailable,
  ServiceUnavailable: Code.Unavailable,
  InternalError: Code.Unavailable,
};

const OVER_STORAGE_LIMIT = /etcdserver: request is too large|request entity too large|exceeds the maximum allowed size/i;

/** By HTTP status, for answers whose reason is missing or unknown (a proxy answered, or a newer reason). */
function codeByStatus(status: number): Code {
  if (status === 400 || status === 422) return Code.InvalidArgument;
  if (status === 401) return Code.Unauthenticated;
  if (status === 403) return Code.PermissionDenied;
  if (status === 404) return Code.NotFound;
  if (status === 409) return Code.Aborted;
  if (status === 413 || status === 429) return Code.ResourceExhausted;
  if (status === 504) return Code.DeadlineExceeded;
  // The API server or its storage failed: from the caller's side the queue is unavailable for now.
  if (status >= 500) return Code.Unavailable;
  return Code.FailedPrecondition;
}

/** The Connect code for an error answered by the Kubernetes API server. */
export function codeForKubeApiError(err: KubeApiError): Code {
  // etcd refuses an object over its size limit, and the API server passes that on as a 500: retrying the same
  // object can never succeed, so it is the request's mistake, not an unavailable server.
  if (OVER_STORAGE_LIMIT.test(err.message)) return Code.InvalidArgument;
  return CODE_BY_REASON[err.reason] ?? codeByStatus(err.code);
}

function kubeApiMessage(err: KubeApiError): string {
  const text = formatApiError(err);
  // A 404 on the collection itself (not on one object) means the API server does not serve TaskActions.
  if (err.code === 404 && /could not find the requested resource/.test(err.message)) {
    return `${text} (is the TaskAction CRD installed? run \`kubectl kueue install\`)`;
  }
  return text;
}

/** A user error as one line in the request's terms: `field: message; hint`. */
export function describeUserError(err: UserError, fieldNames?: Record<string, string>): string {
  const message = renameFields(err.message, fieldNames);
  return err.hint ? `${message}; ${renameFields(err.hint, fieldNames)}` : message;
}

/**
 * Turns any failure of a QueueService call into a `ConnectError` with a code a client can act on and a message
 * that names the object or field. Request mistakes are `invalid_argument`, API server answers get the code of
 * their reason, an unreachable API server is `unavailable`; only a bug in this server is `internal`.
 */
export function toConnectError(err: unknown, fieldNames?: Record<string, string>): ConnectError {
  if (err instanceof ConnectError) return err;
  if (isUserErrors(err)) {
    return new ConnectError(err.errors.map((e) => describeUserError(e, fieldNames)).join('\n'), Code.InvalidArgument);
  }
  if (isUserError(err)) return new ConnectError(describeUserError(err, fieldNames), Code.InvalidArgument);
  if (isKubeApiError(err)) return new ConnectError(kubeApiMessage(err), codeForKubeApiError(err));
  if (err instanceof Error && err.name === 'KubeConnectionError') {
    return new ConnectError(`${err.message} (the Kubernetes API server is unreachable; retry later)`, Code.Unavailable);
  }
  return new ConnectError(`internal error: ${errorMessage(err)}`, Code.Internal, undefined, undefined, err);
}
