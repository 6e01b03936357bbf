import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';

/**
 * Bounds every call in time, whatever its handler waits for (a hung API server included): the caller's own
 * deadline (`connect-timeout-ms`, `grpc-timeout`, which Connect turns into the call's signal) or, without one,
 * `defaultTimeoutMs`. The answer is then `deadline_exceeded`; the handler's late result is dropped. Streaming
 * answers are bounded until their stream starts; the stream itself runs as long as its client wants.
 */
export function callDeadline(defaultTimeoutMs: number): Interceptor {
  return (next) => async (req) => {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const expired = new Promise<never>((_, reject) => {
      const fail = (reason: unknown) => reject(reason instanceof ConnectError ? reason : new ConnectError('the call was cancelled', Code.Canceled));
      if (req.signal.aborted) fail(req.signal.reason);
      onAbort = () => fail(req.signal.reason);
      req.signal.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(
        () => reject(new ConnectError(`the call took longer than ${defaultTimeoutMs} ms (send connect-timeout-ms or grpc-timeout to choose a deadline)`, Code.DeadlineExceeded)),
        defaultTimeoutMs,
      );
    });
    try {
      return await Promise.race([next(req), expired]);
    } finally {
      clearTimeout(timer);
      if (onAbort !== undefined) req.signal.removeEventListener('abort', onAbort);
    }
  };
}
