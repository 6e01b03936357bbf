import { performance } from 'node:perf_hooks';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { Informer } from '../../shared/kube/informer.js';
import { type Pod } from '../../shared/kube/pod.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { isConditionTrue } from '../../shared/task-action/condition.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';

/** When this process first saw each milestone of each TaskAction (performance.now() milliseconds). */
export interface Milestones {
  podCreated?: number;
  podFinished?: number;
  succeeded?: number;
}

/** The executor's two latencies, ms, one sample per action that reached the milestones. */
export interface Latencies {
  /** Create request sent -> its Pod seen. */
  toPod: number[];
  /** Pod seen done -> the TaskAction seen Succeeded. */
  toSucceeded: number[];
}

/** Of a Pod: its identity, its controlling owner and its phase. */
function podMilestoneFields(pod: Pod): Pod {
  const { name, namespace, resourceVersion, ownerReferences } = pod.metadata;
  const owner = ownerReferences?.find((ref) => ref.controller === true);
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: { name, namespace, resourceVersion, ...(owner !== undefined ? { ownerReferences: [owner] } : {}) },
    ...(pod.status?.phase !== undefined ? { status: { phase: pod.status.phase } } : {}),
  };
}

/** Of a TaskAction: its identity and conditions. */
function actionMilestoneFields(action: TaskAction): TaskAction {
  const { name, namespace, resourceVersion } = action.metadata;
  return {
    apiVersion: action.apiVersion,
    kind: action.kind,
    metadata: { name, namespace, resourceVersion },
    ...(action.status?.conditions !== undefined ? { status: { conditions: action.status.conditions } } : {}),
  } as TaskAction;
}

/**
 * Watches one namespace and stamps, as they arrive, the moments that make up the executor's latencies: a
 * TaskAction's Pod appearing, the Pod finishing, the TaskAction's Succeeded condition. Both ends of every
 * latency are seen through the same kind of watch, so watch delivery delay cancels out.
 */
export class TimelineProbe {
  readonly byAction = new Map<string, Milestones>();
  private readonly pods: Informer<Pod>;
  private readonly actions: Informer<TaskAction>;

  constructor(client: KubeClient, namespace: string) {
    // Tens of thousands of objects at scale: the bench keeps only what it reads, so that its own collections do
    // not delay the moments it stamps.
    this.pods = new Informer<Pod>(client, PODS, { namespace, transform: podMilestoneFields });
    this.actions = new Informer<TaskAction>(client, TASKACTIONS, { namespace, transform: actionMilestoneFields });
    this.pods.addListener({
      onEvent: (_type, pod) => {
        const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller === true)?.name;
        if (owner === undefined) return;
        const milestones = this.milestones(owner);
        milestones.podCreated ??= performance.now();
        if (pod.status?.phase === 'Succeeded') milestones.podFinished ??= performance.now();
      },
    });
    this.actions.addListener({
      onEvent: (_type, action) => {
        if (isConditionTrue(action.status?.conditions, 'Succeeded')) this.milestones(action.metadata.name ?? '').succeeded ??= performance.now();
      },
    });
  }

  async start(): Promise<void> {
    this.pods.start();
    this.actions.start();
    await Promise.all([this.pods.synced, this.actions.synced]);
    // The watches open right after the lists; give them a moment so that the first events are not missed.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  stop(): void {
    this.pods.stop();
    this.actions.stop();
  }

  /** How many TaskActions were seen Succeeded; only those `counted` accepts, when given. */
  succeededCount(counted?: (name: string) => boolean): number {
    let count = 0;
    for (const [name, milestones] of this.byAction) if (milestones.succeeded !== undefined && (counted === undefined || counted(name))) count++;
    return count;
  }

  /** The latencies of the actions whose create requests were sent at `sentAt` (performance.now(), by name). */
  latencies(sentAt: ReadonlyMap<string, number>): Latencies {
    const toPod: number[] = [];
    const toSucceeded: number[] = [];
    for (const [name, sent] of sentAt) {
      const m = this.byAction.get(name);
      if (m?.podCreated !== undefined) toPod.push(m.podCreated - sent);
      if (m?.podFinished !== undefined && m.succeeded !== undefined) toSucceeded.push(m.succeeded - m.podFinished);
    }
    return { toPod, toSucceeded };
  }

  private milestones(name: string): Milestones {
    let milestones = this.byAction.get(name);
    if (milestones === undefined) {
      milestones = {};
      this.byAction.set(name, milestones);
    }
    return milestones;
  }
}
