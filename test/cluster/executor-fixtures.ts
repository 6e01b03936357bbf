import { afterEach } from 'vitest';
import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { Executor, type ExecutorOptions } from '../../shared/executor/executor.js';
import { type TransitionEvent } from '../../shared/executor/transition-event.js';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { type Pod } from '../../shared/kube/pod.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { conditionPluginEntries } from '../../shared/plugins/condition/index.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { runLabelSelector } from '../../shared/task-action/labels.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';

export const RUN_IDENTITY = { org: 'acme', project: 'proj', domain: 'dev' };

export interface ActionSketch {
  name: string;
  parent?: string;
  template: TaskTemplate;
  /** Copied to the Pod: how tests steer the simulated kubelet (`kueue.test/outcome`, ...). */
  annotations?: Record<string, string>;
}

/** Sketches from `name` or `name<parent` strings, all with one template and the same annotations. */
export function sketches(specs: readonly string[], template: TaskTemplate, annotations?: Record<string, string>): ActionSketch[] {
  return specs.map((spec) => {
    const [name = '', parent] = spec.split('<');
    return { name, ...(parent !== undefined ? { parent } : {}), template, ...(annotations !== undefined ? { annotations } : {}) };
  });
}

/** Enqueues a run through the queue core, parents first, exactly as `kubectl kueue enqueue` does. */
export async function enqueueRun(client: KubeClient, namespace: string, runName: string, actions: ActionSketch[]): Promise<TaskAction[]> {
  const descriptions: ActionDescription[] = actions.map((a) => ({
    ...RUN_IDENTITY,
    runName,
    actionName: a.name,
    ...(a.parent !== undefined ? { parentActionName: a.parent } : {}),
    taskTemplate: a.template,
    ...(a.annotations !== undefined ? { annotations: a.annotations } : {}),
  }));
  const results = await enqueueActions(client, descriptions, { namespace });
  return results.map((r) => r.object);
}

export function runSelector(runName: string): string {
  return runLabelSelector({ ...RUN_IDENTITY, runName });
}

export async function listRun(client: KubeClient, namespace: string, runName: string): Promise<TaskAction[]> {
  return (await client.list<TaskAction>(TASKACTIONS, namespace, { labelSelector: runSelector(runName) })).items;
}

/** Pods of a run (they carry the TaskAction's labels), sorted by name. */
export async function runPods(client: KubeClient, namespace: string, runName: string): Promise<Pod[]> {
  const pods = (await client.list<Pod>(PODS, namespace, { labelSelector: runSelector(runName) })).items;
  return pods.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

export function byAction(actions: TaskAction[]): Map<string, TaskAction> {
  return new Map(actions.map((a) => [a.spec.actionName, a]));
}

export function conditionSet(action: TaskAction | undefined): { type: string; status: string; reason: string; message: string }[] {
  return (action?.status?.conditions ?? []).map(({ type, status, reason, message }) => ({ type, status, reason, message }));
}

export function historyOf(action: TaskAction | undefined): string[] {
  return (action?.status?.phaseHistory ?? []).map((h) => h.phase);
}

/**
 * The phase history without the phases an executor records only if it happens to look while they last: a Pod
 * that starts and ends between two reconciles is never seen running, so `Initializing` and `Executing` may be
 * missing (Flyte's executor records the same). What is left is the outcome a test can rely on.
 */
export function settledHistoryOf(action: TaskAction | undefined): string[] {
  return historyOf(action).filter((phase) => phase !== 'Initializing' && phase !== 'Executing');
}

/** Waits until every TaskAction of the run satisfies `done`; fails with what they look like otherwise. */
export async function waitForRun(
  client: KubeClient,
  namespace: string,
  runName: string,
  done: (actions: TaskAction[]) => boolean,
  timeoutMs = 60_000,
): Promise<TaskAction[]> {
  let last: TaskAction[] = [];
  await pollUntil(
    async () => {
      last = await listRun(client, namespace, runName);
      return done(last);
    },
    {
      timeoutMs,
      what: () =>
        `run ${runName}: ${last.map((a) => `${a.spec.actionName}=${historyOf(a).join('>') || 'pending'}`).join(', ') || 'no actions'}`,
    },
  );
  return last;
}

export function isSucceeded(action: TaskAction): boolean {
  return action.status?.conditions?.some((c) => c.type === 'Succeeded' && c.status === 'True') ?? false;
}

export function isFailed(action: TaskAction): boolean {
  return action.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') ?? false;
}

export interface RunningExecutor {
  executor: Executor;
  transitions: TransitionEvent[];
}

/**
 * Starts an executor on the test's namespace with quick leader election, a short retry backoff and, unless told
 * otherwise, the pod plugins; the caller stops it.
 */
export async function startExecutor(client: KubeClient, namespace: string, options: Partial<ExecutorOptions> = {}): Promise<RunningExecutor> {
  const transitions: TransitionEvent[] = [];
  const executor = new Executor({
    client,
    namespace,
    leaseDurationMs: 3000,
    renewDeadlineMs: 2000,
    retryPeriodMs: 250,
    // Retried attempts follow each other quickly; the backoff itself is the subject of attempt-backoff.test.ts.
    retryBackoffMs: 100,
    retryBackoffMaxMs: 400,
    plugins: [...podPluginEntries(), ...conditionPluginEntries()],
    onTransition: (event) => transitions.push(event),
    ...options,
  });
  await executor.start();
  return { executor, transitions };
}

/**
 * Waits until the executor has reported what a watcher may already see: a status is visible in the API before the
 * response to the write that made it reaches the executor, which reports the transition only then.
 */
export async function reportedTransitions(running: RunningExecutor, runName: string, done: (phases: TransitionEvent[]) => boolean): Promise<TransitionEvent[]> {
  const ofRun = () => running.transitions.filter((t) => t.runName === runName);
  await pollUntil(() => Promise.resolve(done(ofRun())), {
    timeoutMs: 15_000,
    what: () => `the executor to report the transitions of ${runName} (so far ${ofRun().map((t) => `${t.actionName}>${t.phase}`).join(', ')})`,
  });
  return ofRun();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts executors for the tests of a file and stops the one a test started after it, passed or failed. */
export function useTestExecutor(): (client: KubeClient, namespace: string, options?: Partial<ExecutorOptions>) => Promise<RunningExecutor> {
  let running: RunningExecutor | undefined;
  afterEach(async () => {
    await running?.executor.stop();
    running = undefined;
  });
  return async (client, namespace, options = {}) => {
    await running?.executor.stop();
    running = await startExecutor(client, namespace, options);
    return running;
  };
}
