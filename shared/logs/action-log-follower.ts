import { type KubeClient, Informer, type Pod, PODS } from '../kube/index.js';
import { listActionPods } from '../plugins/pod/index.js';
import { actionLabelSelector, isTerminal, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { attemptPods, OLD_ATTEMPT_POD_DELETED, podAttempt } from './action-attempts.js';
import { ChangeFeed } from './change-feed.js';
import { followContainerLog, type LogWindow } from './container-log.js';
import { type ContainerChoice, logContainers } from './log-containers.js';
import { type LogReceiver } from './log-line.js';

export interface FollowActionOptions {
  /** The first attempt to follow; `latest` starts at the newest Pod there is (or the first one to come). */
  from: number | 'latest';
  choice: ContainerChoice;
  window: LogWindow;
  signal: AbortSignal;
}

/**
 * Follows an action's logs (`logs -f`) from attempt to attempt: waits for the attempt's Pod (no time limit), follows
 * its containers one after the other (a sequential Pod's steps in step order), then waits for the next attempt's
 * Pod, until the action is terminal (or deleted) and no later attempt's Pod exists. Pods and the TaskAction are
 * watched, so nothing is polled.
 */
export async function followActionLogs(client: KubeClient, action: TaskAction, options: FollowActionOptions, receiver: LogReceiver): Promise<void> {
  const namespace = action.metadata.namespace ?? client.namespace;
  const spec = action.spec;
  const actionName = action.metadata.name ?? '';
  const changes = new ChangeFeed();
  const pods = new Informer<Pod>(client, PODS, {
    namespace,
    labelSelector: actionLabelSelector({ org: spec.org, project: spec.project, domain: spec.domain, runName: spec.runName }, spec.actionName),
  });
  const actions = new Informer<TaskAction>(client, TASKACTIONS, { namespace, fieldSelector: `metadata.name=${actionName}` });
  const notify = { onEvent: () => changes.notify(), onSynced: () => changes.notify() };
  pods.addListener(notify);
  actions.addListener(notify);
  pods.start();
  actions.start();
  try {
    await Promise.all([pods.synced, actions.synced]);
    const owned = () => attemptPods(action, pods.list());
    const ended = () => {
      const current = actions.get(namespace, actionName);
      return current === undefined || current.metadata.uid !== action.metadata.uid || isTerminal(current);
    };
    const latest = owned().at(-1);
    let next = options.from !== 'latest' ? options.from : latest !== undefined ? podAttempt(latest) : 1;
    const first = next;
    if (owned().length === 0 && !ended()) receiver.notice?.(`waiting for action "${spec.actionName}" to start`);
    for (;;) {
      let pod: Pod | undefined;
      await changes.until(() => (pod = owned().find((p) => podAttempt(p) >= next)) !== undefined || ended(), { signal: options.signal });
      if (options.signal.aborted) return;
      // The action ended; a Pod the watch has not brought yet would still be listed.
      pod ??= attemptPods(action, await listActionPods(client, action)).find((p) => podAttempt(p) >= next);
      if (pod === undefined) return;
      const podName = pod.metadata.name ?? '';
      const attempt = podAttempt(pod);
      if (attempt > next && options.from !== 'latest') receiver.notice?.(`${attemptRange(next, attempt - 1)} of action "${spec.actionName}": no Pod any more, so no logs (${OLD_ATTEMPT_POD_DELETED})`);
      if (attempt !== first) receiver.notice?.(`attempt ${attempt} of action "${spec.actionName}": Pod ${podName}`);
      const podUid = pod.metadata.uid;
      const current = () => {
        const seen = pods.get(namespace, podName);
        return seen?.metadata.uid === podUid ? seen : undefined;
      };
      const line = { action: spec.actionName, attempt, pod: podName };
      for (const container of logContainers(pod, options.choice)) {
        await followContainerLog(
          { client, namespace, pod: podName, container, window: options.window, deliver: (timestamp, text) => receiver.line({ ...line, container, timestamp, text }) },
          { pod: current, changes, signal: options.signal, notice: receiver.notice?.bind(receiver) },
        );
        if (options.signal.aborted) return;
      }
      next = attempt + 1;
    }
  } finally {
    pods.stop();
    actions.stop();
  }
}

function attemptRange(from: number, to: number): string {
  return from === to ? `attempt ${from}` : `attempts ${from}-${to}`;
}
