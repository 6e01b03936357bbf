import { errorMessage, isKubeApiError } from '../../errors/index.js';
import { isPodFinished, type Pod, PODS } from '../../kube/index.js';
import { AllocationStatus, createSubNamespace, Phase, doTransition, EXECUTOR_MANAGER, MANAGED_BY_EXECUTOR_SELECTOR, MANAGED_BY_LABEL, type PhaseInfo, phaseInfoFailure, phaseInfoQueued, phaseInfoRetryableFailure, phaseInfoSystemRetryableFailure, phaseInfoWaitingForResourcesInfo, type Plugin, type PluginEntry, type PluginProperties, type ResourceConstraintsSpec, type ResourceRegistrar, type SetupContext, type TaskExecutionContext, type Transition, type WatchRequest } from '../index.js';
import { flytePodNames, ownedByAction, type PodPluginState, readPodState, type StoredPodState, takeOverDecision } from './foreign-pod-state.js';
import { trimAttemptPods } from './attempt-pod-trim.js';
import { buildPod } from './pod-builder.js';
import { podFieldsRead } from './pod-fields-read.js';
import { DEFAULT_KEEP_ATTEMPT_PODS } from './pod-defaults.js';
import { POD_SUBMITTED_REASON, podPhase } from './pod-status-phase.js';
import { stepProgressReason } from './step-progress-reason.js';
import { BAD_TASK_SPECIFICATION, TaskSpecError } from './task-spec-error.js';

/** Task types run from `TaskTemplate.container`, as Flyte's container plugin. */
export const CONTAINER_TASK_TYPES = ['container', 'python-task', 'raw-container'];
/** Task types run from `TaskTemplate.k8s_pod`, as Flyte's sidecar plugin; also the default plugin. */
export const POD_TASK_TYPES = ['pod', 'sidecar'];

/** `errorState.code` when the Pod vanished, or is being deleted, before the task ended (Flyte's code). */
export const RESOURCE_DELETED_EXTERNALLY = 'ResourceDeletedExternally';

/** The resource pool (per Kubernetes namespace) whose tokens are running Pods. */
export const POD_POOL = 'pods';

/** A Pod name is a DNS-1123 label: it also serves as the container name (container tasks) and the host name. */
export const MAX_POD_NAME_LENGTH = 63;

/**
 * What the pod plugins ask the executor to watch: the Pods it created, whose changes wake their TaskActions (a
 * finished one before the others).
 */
export const POD_WATCH: WatchRequest = { resource: PODS, labelSelector: MANAGED_BY_EXECUTOR_SELECTOR, transform: podFieldsRead, hasFinished: isPodFinished };

export interface PodPluginOptions {
  /** Most Pods running at once per Kubernetes namespace; absent: no cap. */
  maxPods?: number;
  /** Most Pods running at once per Flyte project (in one Kubernetes namespace); absent: no cap. */
  maxPodsPerProject?: number;
  imagePullGracePeriodMs?: number;
  /**
   * Attempts whose Pods are kept, the current one included (default 3): when an attempt's Pod is created, the Pods
   * of older attempts are deleted, so an action that fails again and again does not pile up Pods.
   */
  keepAttemptPods?: number;
  now?: () => Date;
}

const STATE_VERSION = 1;

function ownedBy(pod: Pod, ctx: TaskExecutionContext): boolean {
  return ownedByAction(pod, ctx.taskAction.metadata.uid);
}

/** Our Pod watch sees the Pod and maps it to its TaskAction; otherwise (an adopted Pod) we must look again. */
function watchedByUs(pod: Pod, ctx: TaskExecutionContext): boolean {
  const uid = ctx.taskAction.metadata.uid;
  return pod.metadata.labels?.[MANAGED_BY_LABEL] === EXECUTOR_MANAGER && (pod.metadata.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === uid);
}

/** Names the attempt's Pod may have: ours, then those another executor gives it. */
function candidateNames(ctx: TaskExecutionContext): string[] {
  return [ctx.metadata.generatedName, ...flytePodNames(ctx.metadata.ownerId.name, ctx.metadata.attempt)];
}

/**
 * Flyte's pod plugin: creates the attempt's Pod (deterministic name, so creating twice is harmless), then maps
 * the Pod's status to phases. Before creating, it claims a Pod slot from the resource manager when caps are set;
 * without a slot the action waits (WaitingForResources) with the reason. Abort deletes a Pod that has not
 * finished; finalize gives the slot back and stops what is left of a Pod whose task is over (sidecars).
 */
export class PodPlugin implements Plugin {
  private readonly now: () => Date;

  /**
   * `pools` holds, per Kubernetes namespace, the registration of its Pod pool with `registrar`; plugins sharing a
   * registrar must share it, as a pool can be registered only once. The registration itself is kept, not only its
   * outcome: actions handled at once (a restart meets all its running ones together) wait for the same one.
   */
  constructor(
    private readonly id: string,
    private readonly registrar: ResourceRegistrar,
    private readonly options: PodPluginOptions = {},
    private readonly pools: Map<string, Promise<void>> = new Map(),
  ) {
    this.now = options.now ?? (() => new Date());
  }

  getId(): string {
    return this.id;
  }

  getProperties(): PluginProperties {
    return { disableNodeLevelCaching: false, generatedNameMaxLength: MAX_POD_NAME_LENGTH };
  }

  async handle(ctx: TaskExecutionContext): Promise<Transition> {
    const name = ctx.metadata.generatedName;
    const stored = readPodState(ctx);
    if (stored.kind === 'foreign') {
      const adopted = await this.takeOver(ctx, stored);
      if (adopted !== undefined) return doTransition(adopted);
    }
    const podName = stored.kind === 'ours' ? stored.podName : undefined;
    const submitted = podName !== undefined && candidateNames(ctx).includes(podName);
    const allocation = await this.claimSlot(ctx);
    if (submitted) return doTransition(await this.observe(ctx, podName));
    if (allocation !== AllocationStatus.Granted) {
      return doTransition(phaseInfoWaitingForResourcesInfo(this.now(), 0, this.waitingReason(ctx, allocation)));
    }

    // No read first: the create itself says whether the Pod exists (one request per action less at scale).
    let built;
    try {
      built = buildPod(ctx);
    } catch (err) {
      if (err instanceof TaskSpecError) return doTransition(phaseInfoFailure(BAD_TASK_SPECIFICATION, err.message));
      throw err;
    }
    try {
      await ctx.kubeClient.create(PODS, ctx.metadata.namespace, built.pod);
    } catch (err) {
      if (!isKubeApiError(err)) throw err;
      if (err.code === 409 && err.reason === 'AlreadyExists') {
        const existing = await this.read(ctx, name);
        if (existing === undefined) throw err;
        // Created by an executor that stopped before it recorded the Pod: it may not have trimmed either.
        if (ownedBy(existing, ctx)) await this.trimEarlierAttempts(ctx);
        return doTransition(this.adopt(ctx, existing));
      }
      if (err.code === 403 && /exceeded quota/i.test(err.message)) {
        // A ResourceQuota is full: like our own cap, wait for running Pods to finish.
        ctx.refresh();
        return doTransition(phaseInfoWaitingForResourcesInfo(this.now(), 0, `the namespace's ResourceQuota is used up: ${err.message}`));
      }
      if (err.code === 403) return doTransition(phaseInfoRetryableFailure('Forbidden', `creating Pod ${name} was forbidden: ${err.message}`));
      if (err.code === 400 || err.code === 422) return doTransition(phaseInfoFailure(BAD_TASK_SPECIFICATION, `the API server rejected Pod ${name}: ${err.message}`));
      if (err.code === 413) return doTransition(phaseInfoFailure('EntityTooLarge', `Pod ${name} is too large for the API server: ${err.message}`));
      throw err;
    }
    ctx.pluginStateWriter.put(STATE_VERSION, { podName: name } satisfies PodPluginState);
    ctx.logger.debug('created Pod', { pod: name });
    await this.trimEarlierAttempts(ctx);
    return doTransition(phaseInfoQueued(this.now(), 0, POD_SUBMITTED_REASON));
  }

  async abort(ctx: TaskExecutionContext): Promise<void> {
    await this.stopPod(ctx);
  }

  async finalize(ctx: TaskExecutionContext): Promise<void> {
    await this.stopPod(ctx);
    if (this.pools.has(ctx.metadata.namespace)) await ctx.resourceManager.releaseResource(POD_POOL, ctx.metadata.generatedName);
  }

  /**
   * State another executor wrote (Flyte's gob) or that nobody can read: follow the attempt's Pod if it exists
   * (whoever named it), else start the attempt over; an Event says which. Undefined: go on as for a fresh attempt.
   */
  private async takeOver(ctx: TaskExecutionContext, stored: Extract<StoredPodState, { kind: 'foreign' }>): Promise<PhaseInfo | undefined> {
    const names = candidateNames(ctx);
    const pods = await Promise.all(names.map((candidate) => this.read(ctx, candidate)));
    const decision = takeOverDecision(pods, ctx.taskAction.metadata.uid, ctx.metadata.attempt);
    if (decision.kind === 'adopt') {
      const podName = decision.pod.metadata.name ?? '';
      ctx.recordEvent('Normal', 'AdoptedPod', `${stored.description}: following its Pod ${podName}`);
      ctx.pluginStateWriter.put(STATE_VERSION, { podName } satisfies PodPluginState);
      return this.phaseOf(ctx, decision.pod);
    }
    ctx.recordEvent('Warning', 'RestartedAttempt', `${stored.description}, and ${decision.why}: starting attempt ${ctx.metadata.attempt} over with Pod ${ctx.metadata.generatedName}`);
    ctx.pluginStateWriter.reset();
    return undefined;
  }

  /** An existing Pod of this name: ours to follow, or a leftover to wait for. */
  private adopt(ctx: TaskExecutionContext, pod: Pod): PhaseInfo {
    const name = ctx.metadata.generatedName;
    if (!ownedBy(pod, ctx)) {
      // A TaskAction of the same name was deleted and created again; its Pod is being garbage collected.
      ctx.refresh();
      return phaseInfoQueued(this.now(), 0, `waiting for Pod ${name} of an earlier TaskAction with this name to be deleted`);
    }
    if (pod.metadata.deletionTimestamp !== undefined) {
      ctx.refresh();
      return phaseInfoQueued(this.now(), 0, `waiting for the previous Pod ${name} to be deleted`);
    }
    ctx.pluginStateWriter.put(STATE_VERSION, { podName: name } satisfies PodPluginState);
    return this.phaseOf(ctx, pod);
  }

  private async observe(ctx: TaskExecutionContext, name: string): Promise<PhaseInfo> {
    const pod = await this.read(ctx, name);
    if (pod === undefined || !ownedBy(pod, ctx)) {
      return phaseInfoSystemRetryableFailure(RESOURCE_DELETED_EXTERNALLY, `Pod ${ctx.metadata.namespace}/${name} was deleted before the task finished`);
    }
    if (pod.metadata.deletionTimestamp !== undefined && !isPodFinished(pod)) {
      return phaseInfoSystemRetryableFailure(RESOURCE_DELETED_EXTERNALLY, `Pod ${ctx.metadata.namespace}/${name} is being deleted before the task finished`);
    }
    return this.phaseOf(ctx, pod);
  }

  private phaseOf(ctx: TaskExecutionContext, pod: Pod): PhaseInfo {
    const view = ctx.taskTemplateView;
    const target = view.target;
    let primaryContainerName: string | undefined;
    // A container task's container is named as its Pod, also by Flyte's executor (an adopted Pod).
    if (target.kind === 'container') primaryContainerName = pod.metadata.name ?? ctx.metadata.generatedName;
    else if (target.kind === 'pod' && !view.sequential && target.primaryContainerName !== '') primaryContainerName = target.primaryContainerName;
    const phase = podPhase(pod, {
      ...(primaryContainerName !== undefined ? { primaryContainerName } : {}),
      ...(this.options.imagePullGracePeriodMs !== undefined ? { imagePullGracePeriodMs: this.options.imagePullGracePeriodMs } : {}),
      now: this.now(),
    });
    if (phase.recheckAfterMs !== undefined || !watchedByUs(pod, ctx)) ctx.refresh();
    const step = phase.info.phase === Phase.Running ? stepProgressReason(pod) : undefined;
    return step === undefined ? phase.info : phase.info.withReason(step);
  }

  private async read(ctx: TaskExecutionContext, name: string): Promise<Pod | undefined> {
    try {
      return await ctx.kubeClient.get<Pod>(PODS, ctx.metadata.namespace, name);
    } catch (err) {
      if (isKubeApiError(err) && err.code === 404) return undefined;
      throw err;
    }
  }

  private async trimEarlierAttempts(ctx: TaskExecutionContext): Promise<void> {
    await trimAttemptPods(ctx, this.options.keepAttemptPods ?? DEFAULT_KEEP_ATTEMPT_PODS);
  }

  /** The Pods that may run the attempt: the one the state names, or, with foreign state, any it may have. */
  private podsToStop(ctx: TaskExecutionContext): string[] {
    const stored = readPodState(ctx);
    if (stored.kind === 'foreign') return candidateNames(ctx);
    return [stored.podName ?? ctx.metadata.generatedName];
  }

  /** Deletes the attempt's Pod if it is this action's and still running; a finished Pod stays for its logs. */
  private async stopPod(ctx: TaskExecutionContext): Promise<void> {
    for (const name of this.podsToStop(ctx)) await this.stopPodNamed(ctx, name);
  }

  private async stopPodNamed(ctx: TaskExecutionContext, name: string): Promise<void> {
    const pod = await this.read(ctx, name);
    if (pod === undefined || !ownedBy(pod, ctx) || isPodFinished(pod) || pod.metadata.deletionTimestamp !== undefined) return;
    try {
      await ctx.kubeClient.delete(PODS, ctx.metadata.namespace, name, {
        propagationPolicy: 'Background',
        // Exactly the Pod we looked at, never a namesake created since.
        ...(pod.metadata.uid !== undefined ? { preconditions: { uid: pod.metadata.uid } } : {}),
      });
      ctx.logger.debug('deleted Pod', { pod: name });
    } catch (err) {
      if (isKubeApiError(err) && (err.code === 404 || err.code === 409)) return;
      throw new Error(`deleting Pod ${ctx.metadata.namespace}/${name} failed: ${errorMessage(err)}`, { cause: err });
    }
  }

  private constraints(): ResourceConstraintsSpec {
    const perProject = this.options.maxPodsPerProject;
    return perProject === undefined ? {} : { projectScopeResourceConstraint: { value: perProject } };
  }

  /** Claims (or re-claims, after a restart) the attempt's Pod slot; Granted when no cap is set. */
  private async claimSlot(ctx: TaskExecutionContext): Promise<AllocationStatus> {
    if (this.options.maxPods === undefined && this.options.maxPodsPerProject === undefined) return AllocationStatus.Granted;
    const namespace = ctx.metadata.namespace;
    let registered = this.pools.get(namespace);
    if (registered === undefined) {
      registered = this.registrar.registerResourceQuota(createSubNamespace(namespace, POD_POOL), this.options.maxPods ?? Number.MAX_SAFE_INTEGER);
      this.pools.set(namespace, registered);
      // A failed registration is tried again by the next action, not remembered.
      const attempt = registered;
      attempt.catch(() => {
        if (this.pools.get(namespace) === attempt) this.pools.delete(namespace);
      });
    }
    await registered;
    return ctx.resourceManager.allocateResource(POD_POOL, ctx.metadata.generatedName, this.constraints());
  }

  private waitingReason(ctx: TaskExecutionContext, allocation: AllocationStatus): string {
    if (allocation === AllocationStatus.NamespaceQuotaExceeded) {
      return `waiting for a Pod slot: project ${ctx.taskAction.spec.project} already runs its maximum of ${this.options.maxPodsPerProject ?? 0} Pods`;
    }
    return `waiting for a Pod slot: the executor already runs its maximum of ${this.options.maxPods ?? 0} Pods in namespace ${ctx.metadata.namespace}`;
  }
}

function entry(
  id: string,
  taskTypes: string[],
  isDefault: boolean,
  options: PodPluginOptions,
  pools: WeakMap<ResourceRegistrar, Map<string, Promise<void>>>,
): PluginEntry {
  return {
    id,
    registeredTaskTypes: taskTypes,
    isDefault,
    loadPlugin: (setup: SetupContext) => {
      setup.watchOwned(POD_WATCH);
      let registered = pools.get(setup.resourceRegistrar);
      if (registered === undefined) {
        registered = new Map();
        pools.set(setup.resourceRegistrar, registered);
      }
      return new PodPlugin(id, setup.resourceRegistrar, options, registered);
    },
  };
}

/**
 * The two plugins Flyte's executor registers for Pods: `container` (container, python-task, raw-container) and
 * `pod` (pod, sidecar), the default for any other task type. Both build their Pod from whichever target the
 * template has, so a mislabelled template still runs.
 */
export function podPluginEntries(options: PodPluginOptions = {}): PluginEntry[] {
  const pools = new WeakMap<ResourceRegistrar, Map<string, Promise<void>>>();
  return [entry('container', CONTAINER_TASK_TYPES, false, options, pools), entry('pod', POD_TASK_TYPES, true, options, pools)];
}
