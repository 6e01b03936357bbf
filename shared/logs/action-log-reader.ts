import { UserError } from '../errors/index.js';
import { type KubeClient, type Pod } from '../kube/index.js';
import { listActionPods } from '../plugins/pod/index.js';
import { type TaskAction } from '../task-action/index.js';
import { attemptPods, attemptsWithoutPods, OLD_ATTEMPT_POD_DELETED, podAttempt } from './action-attempts.js';
import { type LogWindow, readContainerLog } from './container-log.js';
import { containerLogState } from './container-state.js';
import { type ContainerChoice, logContainers } from './log-containers.js';
import { type LogReceiver } from './log-line.js';

/** The Pod of the asked attempt (latest by default), or an error saying why there is none. */
export async function attemptPod(client: KubeClient, action: TaskAction, attempt: number | undefined): Promise<Pod> {
  const pods = attemptPods(action, await listActionPods(client, action));
  const name = `action "${action.spec.actionName}" of run "${action.spec.runName}"`;
  if (pods.length === 0) throw new UserError(`${name} has not started: it has no Pod yet`, { field: 'ACTION' }, 'wait for it with -f');
  if (attempt === undefined) return pods[pods.length - 1] as Pod;
  const pod = pods.find((p) => podAttempt(p) === attempt);
  if (pod === undefined && attemptsWithoutPods(action, pods).includes(attempt)) {
    throw new UserError(`${name} has no Pod of attempt ${attempt} any more: ${OLD_ATTEMPT_POD_DELETED}`, { field: '--attempt' }, `attempts with logs: ${pods.map(podAttempt).join(', ')}`);
  }
  if (pod === undefined) {
    throw new UserError(`${name} has no attempt ${attempt}`, { field: '--attempt' }, `its attempts: ${pods.map(podAttempt).join(', ')}`);
  }
  return pod;
}

/**
 * One Pod's log as it is now, container by container in `logContainers` order. Steps that have not started yet
 * are left out with a notice, as their log does not exist.
 */
export async function readAttemptLog(
  client: KubeClient,
  action: TaskAction,
  pod: Pod,
  options: { choice: ContainerChoice; window: LogWindow },
  receiver: LogReceiver,
): Promise<void> {
  const podName = pod.metadata.name ?? '';
  const namespace = pod.metadata.namespace ?? client.namespace;
  for (const container of logContainers(pod, options.choice)) {
    const state = containerLogState(pod, container);
    if (state === 'waiting' || state === 'never-ran') {
      receiver.notice?.(`${podName}/${container} ${state === 'waiting' ? 'has not started yet' : 'did not run'}: no log`);
      continue;
    }
    const line = { action: action.spec.actionName, attempt: podAttempt(pod), pod: podName, container };
    await readContainerLog({ client, namespace, pod: podName, container, window: options.window, deliver: (timestamp, text) => receiver.line({ ...line, timestamp, text }) });
  }
}
