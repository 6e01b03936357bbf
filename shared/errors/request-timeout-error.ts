import { KubeConnectionError } from './connection-error.js';

/**
 * The API server took longer than the request timeout to answer one request. A connection failure of its own kind:
 * callers that retry connection failures retry it too, and callers that must know (the leader's Lease renewal)
 * can tell a server that hangs from one that refuses.
 */
export class KubeRequestTimeoutError extends KubeConnectionError {
  constructor(
    server: string,
    readonly method: string,
    readonly path: string,
    readonly timeoutMs: number,
    timeoutText: string,
  ) {
    super(server, `${method} ${path} got no answer within ${timeoutText} (--request-timeout)`);
  }
}

export function isKubeRequestTimeout(err: unknown): err is KubeRequestTimeoutError {
  return err instanceof KubeRequestTimeoutError;
}
