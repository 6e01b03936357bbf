import { type QueueServiceServer, startQueueServiceServer } from '../../shared/queue/service/queue-service-server.js';
import { ScriptedKubeClient } from '../unit/queue-service/scripted-kube-client.js';
import { type Finding } from './fuzz-oracles.js';

const ENQUEUE = '/flyteidl2.workflow.QueueService/EnqueueAction';

/**
 * serve's request decoding: a QueueService whose API server refuses every call (decoding comes first) is sent
 * request bodies; a malformed request must be answered `invalid_argument` (or another code naming the
 * client's mistake), never `internal` or HTTP 500.
 */
export class ServeFuzzTarget {
  private constructor(private readonly server: QueueServiceServer) {}

  static async start(): Promise<ServeFuzzTarget> {
    const refuse = () => Promise.reject(new Error('no API server in the fuzz run'));
    const client = new ScriptedKubeClient({ get: refuse, list: refuse, create: refuse, delete: refuse });
    return new ServeFuzzTarget(await startQueueServiceServer({ client, namespace: 'flyte', port: 0, log: () => {} }));
  }

  async check(body: Uint8Array): Promise<Finding | undefined> {
    let answer: Response;
    try {
      answer = await this.post(body);
    } catch {
      // A pooled keep-alive connection the server had just closed: try once more on a new one.
      try {
        answer = await this.post(body);
      } catch (err) {
        return { kind: 'crash', target: 'serve', detail: `no answer: ${err instanceof Error ? err.message : String(err)}`, input: Buffer.from(body).toString('hex') };
      }
    }
    const text = await answer.text();
    const code = /"code"\s*:\s*"([a-z_]+)"/.exec(text)?.[1];
    if (answer.status >= 500 || code === 'internal' || code === 'unknown') {
      return { kind: 'crash', target: 'serve', detail: `HTTP ${answer.status} ${code ?? ''}: ${text.slice(0, 200)}`, input: Buffer.from(body).toString('hex') };
    }
    return undefined;
  }

  private post(body: Uint8Array): Promise<Response> {
    return fetch(`${this.server.url}${ENQUEUE}`, { method: 'POST', headers: { 'content-type': 'application/proto' }, body });
  }

  close(): Promise<unknown> {
    return this.server.close({ force: true });
  }
}
