import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type ObservedRequest } from '../../../shared/kube/index.js';
import { type RequestLogEntry } from '../../../shared/queue/service/index.js';
import { apiRequestMetrics } from '../../cli/api-request-metrics.js';

/** serve's Prometheus metrics, in a registry of its own: RPCs by procedure and code, and its API requests. */
export class ServeMetrics {
  readonly registry = new Registry();
  /** Counts one Kubernetes API request. */
  readonly request: (observed: ObservedRequest) => void;
  private readonly rpcs: Counter<'procedure' | 'protocol' | 'code'>;
  private readonly rpcDuration: Histogram<'procedure'>;

  constructor(inFlight: () => number) {
    const registers = [this.registry];
    this.rpcs = new Counter({
      name: 'kueue_serve_requests_total',
      help: 'Requests answered, by procedure (or HTTP path), protocol and code (Connect code name, or HTTP status)',
      labelNames: ['procedure', 'protocol', 'code'] as const,
      registers,
    });
    this.rpcDuration = new Histogram({
      name: 'kueue_serve_request_duration_seconds',
      help: 'Time from a request\'s arrival to its answer being out (streams: their whole life), by procedure',
      labelNames: ['procedure'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 300],
      registers,
    });
    new Gauge({
      name: 'kueue_serve_in_flight_requests',
      help: 'Requests being answered now',
      registers,
      collect() {
        this.set(inFlight());
      },
    });
    this.request = apiRequestMetrics(this.registry, 'kueue_serve');
  }

  served(entry: RequestLogEntry): void {
    // Unknown paths would make a label per probe of a scanner: they are counted together.
    const procedure = entry.protocol === 'http' && entry.code === '404' ? '(unknown)' : entry.path;
    this.rpcs.inc({ procedure, protocol: entry.protocol, code: entry.code });
    this.rpcDuration.observe({ procedure }, entry.ms / 1000);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
