import { errorMessage } from '../errors/index.js';
import { EVENTS, keyOf, type KubeClient, type KubeObject } from '../kube/index.js';
import { formatKubeTime, type TaskAction, TASKACTION_API_VERSION, TASKACTION_KIND } from '../task-action/index.js';
import { type ExecutorLogger } from './executor-logger.js';

export type EventType = 'Normal' | 'Warning';

export const EVENT_COMPONENT = 'kueue-executor';

const MAX_MESSAGE = 1024;
/** Room for the `.` and the five characters the API server appends to a generateName. */
const MAX_NAME_PREFIX = 200;

interface CoreEvent extends KubeObject {
  involvedObject: { apiVersion: string; kind: string; name: string; namespace: string; uid: string; resourceVersion?: string };
  reason: string;
  message: string;
  type: EventType;
  source: { component: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  reportingComponent: string;
  reportingInstance: string;
}

/**
 * Records Kubernetes Events on TaskActions (`kubectl describe taskaction` shows them). Events are best effort: a
 * failure is logged at debug level and never slows or fails a reconcile, so they are sent in the background;
 * `flush` waits for those in flight (before the process exits).
 */
export class EventRecorder {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly client: KubeClient,
    private readonly instance: string,
    private readonly logger: ExecutorLogger,
    private readonly enabled = true,
  ) {}

  record(action: TaskAction, type: EventType, reason: string, message: string): void {
    if (!this.enabled) return;
    const namespace = action.metadata.namespace ?? this.client.namespace;
    const name = action.metadata.name ?? '';
    const now = formatKubeTime(new Date());
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { generateName: `${name.slice(0, MAX_NAME_PREFIX)}.`, namespace },
      involvedObject: {
        apiVersion: TASKACTION_API_VERSION,
        kind: TASKACTION_KIND,
        name,
        namespace,
        uid: action.metadata.uid ?? '',
        ...(action.metadata.resourceVersion !== undefined ? { resourceVersion: action.metadata.resourceVersion } : {}),
      },
      reason,
      message: message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 3)}...`,
      type,
      source: { component: EVENT_COMPONENT },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      reportingComponent: EVENT_COMPONENT,
      reportingInstance: this.instance.slice(0, 128),
    };
    const sent = this.client.create(EVENTS, namespace, event).then(
      () => undefined,
      (err: unknown) => {
        this.logger.debug('could not record an event', { taskAction: keyOf(namespace, name), reason, error: errorMessage(err) });
      },
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
