import { Counter, Histogram, type Registry } from 'prom-client';
import { type ObservedRequest, requestKind } from '../../shared/kube/index.js';

/**
 * `<prefix>_api_requests_total{verb,resource,code}` and `<prefix>_api_request_duration_seconds{verb}`: the
 * Kubernetes API requests of a long-running command, fed by its connection's request observer.
 */
export function apiRequestMetrics(registry: Registry, prefix: string): (request: ObservedRequest) => void {
  const requests = new Counter({
    name: `${prefix}_api_requests_total`,
    help: 'Kubernetes API requests, by verb, resource and HTTP status code (<error>: no answer)',
    labelNames: ['verb', 'resource', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: `${prefix}_api_request_duration_seconds`,
    help: 'Kubernetes API request time until the whole answer arrived (watches: until their first byte), by verb',
    labelNames: ['verb'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return (observed) => {
    const { verb, resource } = requestKind(observed.method, observed.path);
    requests.inc({ verb, resource, code: observed.status === undefined ? '<error>' : String(observed.status) });
    duration.observe({ verb }, observed.durationMs / 1000);
  };
}
