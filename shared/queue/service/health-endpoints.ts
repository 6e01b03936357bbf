import { type NodeRequest as Request, type NodeResponse as Response } from './node-http.js';
import { type Readiness } from './readiness.js';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

export function isHealthPath(path: string): boolean {
  return path === HEALTH_PATH || path === READY_PATH;
}

/** What both Node response kinds share; their own signatures differ too much for TypeScript to call on the union. */
type PlainResponse = { writeHead(status: number, headers: Record<string, string | number>): unknown; end(body?: string): unknown };

// No trailing newline: Flyte's Go server answers exactly `OK`, and probes or scripts may compare the body.
function answer(req: Request, res: Response, status: number, body: string, extraHeaders: Record<string, string> = {}): void {
  try {
    // Probes must never see a cached answer.
    const plain = res as PlainResponse;
    plain.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...extraHeaders });
    plain.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    // The prober hung up while readiness was checked (an HTTP/2 stream refuses writes once closed): nobody to answer.
  }
}

/**
 * `/healthz`: the process is alive and serving (200 `OK`). `/readyz`: it can do its work, 200 `OK` or 503 with
 * the reason, for Kubernetes probes and load balancers. Only GET and HEAD are allowed.
 */
export async function serveHealth(req: Request, res: Response, path: string, readiness: () => Promise<Readiness>): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    answer(req, res, 405, 'method not allowed: use GET or HEAD', { allow: 'GET, HEAD' });
  } else if (path === HEALTH_PATH) {
    answer(req, res, 200, 'OK');
  } else {
    const state = await readiness();
    answer(req, res, state.ready ? 200 : 503, state.ready ? 'OK' : `not ready: ${state.reason}`);
  }
}
