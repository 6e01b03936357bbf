import https from 'node:https';
import { type IncomingHttpHeaders } from 'node:http';
import { loadConnection } from '../../shared/kube/load-connection.js';

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * The floor the queue benches compare against: node:https with one keep-alive agent and nothing else. Credentials
 * and TLS settings are read from the kubeconfig once; each request is then only serialising, sending and reading
 * the body, with no validation, error mapping or per-request option building.
 */
export class RawKubeClient {
  private readonly agent: https.Agent;

  private constructor(
    private readonly base: URL,
    private readonly headers: Record<string, string>,
    tls: https.AgentOptions,
    maxSockets: number,
  ) {
    this.agent = new https.Agent({ ...tls, keepAlive: true, maxSockets });
  }

  static async connect(kubeconfig: string, maxSockets: number): Promise<RawKubeClient> {
    const connection = loadConnection({ kubeconfig }, {});
    const base = new URL(connection.server);
    if (base.protocol !== 'https:') throw new Error(`the raw bench client speaks HTTPS only, not ${connection.server}`);
    const options: https.RequestOptions = { headers: {} };
    await connection.kubeConfig.applyToHTTPSOptions(options);
    const headers: Record<string, string> = { Accept: 'application/json' };
    for (const [key, value] of Object.entries((options.headers ?? {}) as IncomingHttpHeaders)) {
      if (typeof value === 'string') headers[key] = value;
    }
    if (options.auth) headers['Authorization'] = `Basic ${Buffer.from(options.auth).toString('base64')}`;
    const tls: https.AgentOptions = { ca: options.ca, cert: options.cert, key: options.key, servername: options.servername };
    if (options.rejectUnauthorized !== undefined) tls.rejectUnauthorized = options.rejectUnauthorized;
    return new RawKubeClient(base, headers, tls, maxSockets);
  }

  request(method: string, path: string, body?: string): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...this.headers };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = Buffer.byteLength(body);
      }
      const req = https.request(
        { agent: this.agent, method, hostname: this.base.hostname, port: this.base.port, path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A streaming GET (a watch): `onLine` gets each line of the body as it arrives; the result stops it. */
  stream(path: string, onLine: (line: string) => void): () => void {
    let buffered = '';
    const req = https.request({ agent: this.agent, method: 'GET', hostname: this.base.hostname, port: this.base.port, path, headers: this.headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.trim() !== '') onLine(line);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', () => undefined);
    req.end();
    return () => req.destroy();
  }

  /** A request that must succeed; the parsed body. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body === undefined ? undefined : JSON.stringify(body));
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status}: ${res.body.slice(0, 500)}`);
    return JSON.parse(res.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight, like a fixed pool of workers. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
