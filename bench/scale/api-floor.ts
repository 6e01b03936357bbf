import { performance } from 'node:perf_hooks';
import { errorMessage } from '../../shared/errors/error-message.js';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { Informer } from '../../shared/kube/informer.js';
import { type Pod } from '../../shared/kube/pod.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { TASKACTION_API_VERSION, TASKACTION_KIND, TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { LABEL_PROJECT } from '../../shared/task-action/labels.js';
import { taskActionName } from '../../shared/task-action/naming.js';
import { type Condition, PLUGIN_FINALIZER, type TaskAction } from '../../shared/task-action/index.js';
import { type Latencies, type TimelineProbe } from '../executor/timeline-probe.js';

/** The project of the floor's actions: the executor under measurement is started with a selector excluding it. */
export const FLOOR_PROJECT = 'scale-apifloor';
export const NOT_FLOOR_SELECTOR = `${LABEL_PROJECT}!=${FLOOR_PROJECT}`;

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

/**
 * The API server's own latency for the path an executor takes, measured beside the executor, in the same
 * namespace and at the same time, through the same probe: an "executor" that makes only the requests any
 * executor of Flyte's TaskActions must make and does nothing else. For each of its actions: enqueue (as the
 * bench's), on the TaskAction's watch event the plugin finalizer (a merge patch) and then a Pod (which kwok
 * finishes like the executor's); on the Pod's Succeeded watch event one status write with the Succeeded
 * condition. Create -> Pod and Pod done -> Succeeded of these actions are the floors the executor's are read
 * against: whatever the API server, the watches, the machine's load or this process add to the executor's
 * figures, they add to these as well.
 */
export class ApiFloorSampler {
  private readonly actions: Informer<TaskAction>;
  private readonly pods: Informer<Pod>;
  private readonly sentAt = new Map<string, number>();
  private readonly started = new Set<string>();
  private readonly finished = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private errors = 0;
  private firstError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private created = 0;

  constructor(
    private readonly client: HttpKubeClient,
    private readonly namespace: string,
    private readonly probe: TimelineProbe,
    private readonly round: string,
  ) {
    const labelSelector = `${LABEL_PROJECT}=${FLOOR_PROJECT}`;
    this.actions = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector });
    this.pods = new Informer<Pod>(client, PODS, { namespace, labelSelector });
    this.actions.addListener({ onEvent: (_type, action) => this.onAction(action) });
    this.pods.addListener({ onEvent: (_type, pod) => this.onPod(pod) });
  }

  async start(ratePerS: number): Promise<void> {
    this.actions.start();
    this.pods.start();
    await Promise.all([this.actions.synced, this.pods.synced]);
    const intervalMs = 1000 / ratePerS;
    const tick = () => {
      this.track(this.enqueue(this.description(this.created++)));
      this.timer = setTimeout(tick, intervalMs);
    };
    tick();
  }

  /** Stops creating, lets what was created finish (at most `settleMs`), and returns its latencies. */
  async stop(settleMs = 120_000): Promise<Latencies & { errors: number; firstError?: string }> {
    clearTimeout(this.timer);
    const deadline = performance.now() + settleMs;
    while (this.finished.size < this.sentAt.size && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.allSettled([...this.inFlight]);
    this.actions.stop();
    this.pods.stop();
    return { ...this.probe.latencies(this.sentAt), errors: this.errors, ...(this.firstError !== undefined ? { firstError: this.firstError } : {}) };
  }

  /** Whether the TaskAction is one of this sampler's. */
  owns(name: string): boolean {
    return this.sentAt.has(name);
  }

  private description(i: number): ActionDescription {
    return { org: 'bench', project: FLOOR_PROJECT, domain: 'dev', runName: `floor-${this.round}-${i}`, actionName: 'a0', taskTemplate: template };
  }

  private async enqueue(action: ActionDescription): Promise<void> {
    this.sentAt.set(taskActionName(action), performance.now());
    await enqueueActions(this.client, [action], { namespace: this.namespace });
  }

  private onAction(action: TaskAction): void {
    const name = action.metadata.name ?? '';
    if (!this.sentAt.has(name) || this.started.has(name)) return;
    this.started.add(name);
    this.track(this.run(action));
  }

  /** The finalizer, then the Pod: what an executor must do before anything runs. */
  private async run(action: TaskAction): Promise<void> {
    const name = action.metadata.name ?? '';
    await this.client.patch<TaskAction>(TASKACTIONS, this.namespace, name, { metadata: { finalizers: [PLUGIN_FINALIZER], resourceVersion: action.metadata.resourceVersion } }, 'merge');
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-1`,
        namespace: this.namespace,
        labels: { [LABEL_PROJECT]: FLOOR_PROJECT },
        ownerReferences: [{ apiVersion: TASKACTION_API_VERSION, kind: TASKACTION_KIND, name, uid: action.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: { restartPolicy: 'Never', containers: [{ name: 'primary', image: 'busybox:1.36', command: ['true'] }] },
    };
    await this.client.create<Pod>(PODS, this.namespace, pod);
  }

  private onPod(pod: Pod): void {
    const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller === true)?.name;
    if (owner === undefined || pod.status?.phase !== 'Succeeded' || this.finished.has(owner)) return;
    this.finished.add(owner);
    this.track(this.succeed(owner));
  }

  /**
   * One status write, as the executor's last, on the cached copy (a conflict, when the cache is behind the
   * finalizer patch, reads the action and writes again), then the finalizer goes, after the measured write, as the
   * executor's terminal patch removes it.
   */
  private async succeed(name: string): Promise<void> {
    let action = this.actions.get(this.namespace, name);
    for (let attempt = 1; ; attempt++) {
      if (action === undefined) action = await this.client.get<TaskAction>(TASKACTIONS, this.namespace, name);
      const now = new Date().toISOString();
      const conditions: Condition[] = [{ type: 'Succeeded', status: 'True', reason: 'Succeeded', message: 'TaskAction completed successfully', lastTransitionTime: now }];
      try {
        await this.client.replace<TaskAction>(
          TASKACTIONS,
          this.namespace,
          { ...action, apiVersion: TASKACTION_API_VERSION, kind: TASKACTION_KIND, status: { ...action.status, conditions } },
          { subresource: 'status' },
        );
        break;
      } catch (err) {
        if (!(isKubeApiError(err) && err.code === 409) || attempt >= 5) throw err;
        action = undefined;
      }
    }
    await this.client.patch<TaskAction>(TASKACTIONS, this.namespace, name, { metadata: { finalizers: null } }, 'merge');
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((err: unknown) => {
      // Counted and reported: a floor sample that failed is left out, never waited for.
      this.errors++;
      this.firstError ??= errorMessage(err);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}
