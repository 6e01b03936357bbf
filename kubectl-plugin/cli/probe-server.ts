import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { UserError } from '../../shared/errors/index.js';

/** What a long-running command exposes for Kubernetes probes and Prometheus. */
export interface ProbeHandlers {
  /** `/readyz`: undefined when ready, else the reason (answered 503). */
  notReadyReason?: () => string | undefined;
  /** `/metrics`: the Prometheus text format. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

/** One listening address and the paths it serves. */
export interface ProbeEndpoint {
  /** `HOST:PORT`, `:PORT` (every interface), or `PORT`; port 0 picks a free one. */
  address: string;
  health: boolean;
  metrics: boolean;
}

export interface ProbeServer {
  /** Where each endpoint listens, `HOST:PORT`, in the order given. */
  readonly addresses: string[];
  close(): Promise<void>;
}

/**
 * Starts `/healthz` (200 while the process answers), `/readyz` and `/metrics` on the given addresses, the way
 * controller-runtime's `--health-probe-bind-address` and `--metrics-bind-address` do. Endpoints with the same
 * address (other than port 0) share one server.
 */
export async function startProbeServer(endpoints: ProbeEndpoint[], handlers: ProbeHandlers): Promise<ProbeServer> {
  const byAddress = new Map<string, { address: string; health: boolean; metrics: boolean }>();
  endpoints.forEach((endpoint, index) => {
    // Port 0 asks for a free port each time: such endpoints never share a server.
    const key = parseBindAddress(endpoint.address).port === 0 ? `${endpoint.address}#${index}` : endpoint.address;
    const seen = byAddress.get(key) ?? { address: endpoint.address, health: false, metrics: false };
    byAddress.set(key, { address: endpoint.address, health: seen.health || endpoint.health, metrics: seen.metrics || endpoint.metrics });
  });
  const servers: http.Server[] = [];
  const addresses: string[] = [];
  try {
    for (const { address, ...serves } of byAddress.values()) {
      const { host, port } = parseBindAddress(address);
      const server = http.createServer((req, res) => void answer(req, res, serves, handlers));
      // A scraper or prober that stops mid-request must not hold a socket for ever.
      server.headersTimeout = 10_000;
      server.requestTimeout = 10_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) =>
          reject(new UserError(`cannot listen on ${address}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`, {}, 'choose another address or port')),
        );
        server.listen(port, host, () => resolve());
      });
      servers.push(server);
      const bound = server.address() as AddressInfo;
      addresses.push(`${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`);
    }
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
  return { addresses, close: async () => void (await Promise.all(servers.map(closeServer))) };
}

/** `HOST:PORT`, `:PORT` or `PORT`, with a port from 0 to 65535. */
export function parseBindAddress(address: string): { host: string | undefined; port: number } {
  const match = /^(?:(\[[^\]]+\]|[^:]*):)?(\d{1,5})$/.exec(address);
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || port > 65535) {
    throw new UserError(`"${address}" is not a bind address`, {}, 'give HOST:PORT, :PORT or PORT, e.g. 127.0.0.1:8081 or :8081');
  }
  const host = (match[1] ?? '').replace(/^\[(.*)\]$/, '$1');
  return { host: host === '' ? undefined : host, port };
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, serves: { health: boolean; metrics: boolean }, handlers: ProbeHandlers): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  const reply = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): void => {
    res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    reply(405, 'method not allowed: use GET or HEAD');
  } else if (serves.health && path === '/healthz') {
    reply(200, 'OK');
  } else if (serves.health && path === '/readyz') {
    const reason = handlers.notReadyReason?.();
    reply(reason === undefined ? 200 : 503, reason === undefined ? 'OK' : `not ready: ${reason}`);
  } else if (serves.metrics && path === '/metrics' && handlers.metrics) {
    try {
      const { contentType, body } = await handlers.metrics();
      reply(200, body, contentType);
    } catch (err) {
      reply(500, `metrics failed: ${(err as Error).message}`);
    }
  } else {
    reply(404, 'not found');
  }
}

async function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
