import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type ExecutorStats, type TransitionEvent, type Urgency } from '../../../shared/executor/index.js';
import { type ObservedRequest } from '../../../shared/kube/index.js';
import { apiRequestMetrics } from '../../cli/api-request-metrics.js';

/**
 * The executor's Prometheus metrics, in a registry of its own (nothing global). Gauges are read from the
 * executor's stats at scrape time; counters and the histogram are fed by the executor's and the API client's
 * callbacks. Pods created are `kueue_executor_api_requests_total{verb="create",resource="pods",code="201"}`.
 */
export class ExecutorMetrics {
  readonly registry = new Registry();
  private readonly transitions: Counter<'phase'>;
  private readonly reconciles: Histogram<'result'>;
  private readonly queueWaits: Histogram<'urgency'>;
  /** Counts one API request. */
  readonly request: (observed: ObservedRequest) => void;
  private readonly leadershipChanges: Counter;

  constructor(stats: () => ExecutorStats) {
    const registers = [this.registry];
    new Gauge({
      name: 'kueue_executor_leader',
      help: 'Whether this executor holds the Lease and acts (1) or stands by (0)',
      registers,
      collect() {
        this.set(stats().leader ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kueue_executor_namespaces_led',
      help: 'Namespaces whose Lease this executor holds and acts in (-A: a Lease per namespace; otherwise 0 or 1)',
      registers,
      collect() {
        const { leader, namespacesLed } = stats();
        this.set(namespacesLed ?? (leader ? 1 : 0));
      },
    });
    new Gauge({
      name: 'kueue_executor_synced',
      help: 'Whether the first list of TaskActions has arrived (1) or not yet (0)',
      registers,
      collect() {
        this.set(stats().synced ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kueue_executor_actions',
      help: 'TaskActions this executor sees, by what they are doing',
      labelNames: ['phase'] as const,
      registers,
      collect() {
        const { total: _total, ...byPhase } = stats().actions;
        for (const [phase, count] of Object.entries(byPhase)) this.set({ phase }, count);
      },
    });
    new Gauge({
      name: 'kueue_executor_work_queue_depth',
      help: 'Reconciles waiting, running now, and scheduled for later',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const { waiting, inFlight, scheduled } = stats().work;
        this.set({ state: 'waiting' }, waiting);
        this.set({ state: 'in_flight' }, inFlight);
        this.set({ state: 'scheduled' }, scheduled);
      },
    });
    this.transitions = new Counter({
      name: 'kueue_executor_transitions_total',
      help: 'Phase transitions this executor wrote, by the phase entered',
      labelNames: ['phase'] as const,
      registers,
    });
    this.reconciles = new Histogram({
      name: 'kueue_executor_reconcile_duration_seconds',
      help: 'Time to reconcile one TaskAction once, by result',
      labelNames: ['result'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.queueWaits = new Histogram({
      name: 'kueue_executor_work_queue_wait_seconds',
      help: 'Time a reconcile waited in the work queue before it started, by urgency (first: recording an end; urgent: work under way; ordinary: new)',
      labelNames: ['urgency'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600],
      registers,
    });
    this.request = apiRequestMetrics(this.registry, 'kueue_executor');
    this.leadershipChanges = new Counter({
      name: 'kueue_executor_leadership_changes_total',
      help: 'Times this executor started or stopped acting',
      registers,
    });
  }

  transition(event: TransitionEvent): void {
    this.transitions.inc({ phase: event.phase });
  }

  reconciled(durationMs: number, failed: boolean): void {
    this.reconciles.observe({ result: failed ? 'error' : 'success' }, durationMs / 1000);
  }

  queueWaited(waitedMs: number, urgency: Urgency): void {
    this.queueWaits.observe({ urgency }, waitedMs / 1000);
  }

  leadershipChanged(): void {
    this.leadershipChanges.inc();
  }

  /** The Prometheus text exposition format, and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
