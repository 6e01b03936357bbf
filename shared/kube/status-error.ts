import { type ApiErrorCause, KubeApiError, UserError } from '../errors/index.js';

interface StatusBody {
  kind?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: { causes?: ApiErrorCause[] };
}

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** `/apis/<group>/<version>/[namespaces/<ns>/]<plural>...`: the resource type a request path names. */
const RESOURCE_PATH = /^\/apis\/([^/]+)\/[^/]+\/(?:namespaces\/[^/]+\/)?([^/?]+)/;

/**
 * A 404 whose body is not a `Status` comes from the API server's router, not from a resource: the resource type
 * itself is unknown (its CRD is not installed). kubectl says "the server doesn't have a resource type"; for
 * TaskActions we also say how to install it, instead of the bare `404 page not found`.
 */
function missingResourceType(code: number, bodyText: string, path: string | undefined): UserError | undefined {
  if (code !== 404 || path === undefined || /^\s*\{/.test(bodyText)) return undefined;
  const match = RESOURCE_PATH.exec(path);
  if (!match) return undefined;
  const [, group = '', plural = ''] = match;
  const hint =
    plural === 'taskactions' && group === 'flyte.org'
      ? 'the TaskAction CRD is not installed in this cluster: run `kubectl kueue install` (needs cluster-admin), or check --context'
      : `the CustomResourceDefinition ${plural}.${group} is not installed in this cluster`;
  return new UserError(`the server doesn't have a resource type "${plural}"`, {}, hint);
}

/**
 * Turns an API server error answer (normally a `Status` object) into a `KubeApiError`; with the request path, an
 * unknown resource type becomes an error that says so.
 */
export function statusError(code: number, bodyText: string, path?: string): KubeApiError | UserError {
  const missing = missingResourceType(code, bodyText, path);
  if (missing) return missing;
  let body: StatusBody = {};
  try {
    body = JSON.parse(bodyText) as StatusBody;
  } catch {
    // Not a Status (a proxy or load balancer answered): keep the text as the message.
  }
  const reason = body.reason || REASON_BY_CODE[code] || 'Unknown';
  const message = body.message || bodyText.trim() || `the server answered HTTP ${code}`;
  return new KubeApiError(body.code ?? code, reason, message, body.details?.causes ?? []);
}

/** Status carried in a watch ERROR event. */
export function watchStatusError(status: unknown): KubeApiError {
  const s = (status ?? {}) as StatusBody;
  return new KubeApiError(s.code ?? 500, s.reason || REASON_BY_CODE[s.code ?? 500] || 'Unknown', s.message ?? 'watch error', s.details?.causes ?? []);
}
