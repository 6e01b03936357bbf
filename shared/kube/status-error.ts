import { type ApiErrorCause, KubeApiError } from '../errors/index.js';

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

/** Turns an API server error answer (normally a `Status` object) into a `KubeApiError`. */
export function statusError(code: number, bodyText: string): KubeApiError {
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
