import { asError, UserError } from '../errors/index.js';
import { type KubeClient, Informer } from '../kube/index.js';
import { isTerminal, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { listActionPods } from '../plugins/pod/index.js';
import { attemptPods } from './action-attempts.js';
import { followActionLogs } from './action-log-follower.js';
import { attemptPod, readAttemptLog } from './action-log-reader.js';
import { ChangeFeed } from './change-feed.js';
import { type LogReceiver } from './log-line.js';
import { type LogRequest } from './log-request.js';
import { inTreeOrder, isConditionAction, namedAction, runActions } from './run-actions.js';

/**
 * `logs RUN [ACTION]`: one action's log (its latest attempt's Pod, or the asked attempt), or, without an action,
 * the logs of every attempt of every action of the run, parents first, as `argo logs` prints a workflow's Pods. With
 * `follow`, waits for Pods to come and follows them to the end of the action (or of the whole run).
 */
export async function streamLogs(client: KubeClient, request: LogRequest, receiver: LogReceiver): Promise<void> {
  const actions = await runActions(client, request);
  if (request.action === undefined) {
    const narrowing = request.attempt !== undefined ? '--attempt' : request.choice.step !== undefined ? '--step' : request.choice.container !== undefined ? '--container' : undefined;
    if (narrowing !== undefined) throw new UserError(`${narrowing} needs an ACTION: it picks from one action's Pods`, { field: narrowing }, `kubectl kueue logs ${request.runName} ACTION ${narrowing} ...`);
    await (request.follow ? followRun(client, request, receiver) : readRun(client, actions, request, receiver));
    return;
  }
  const action = namedAction(actions, { ...request, action: request.action });
  if (request.follow) {
    await followActionLogs(client, action, { from: request.attempt ?? 'latest', choice: request.choice, window: request.window, signal: request.signal }, receiver);
    return;
  }
  await readAttemptLog(client, action, await attemptPod(client, action, request.attempt), request, receiver);
}

async function readRun(client: KubeClient, actions: TaskAction[], request: LogRequest, receiver: LogReceiver): Promise<void> {
  let pods = 0;
  for (const action of inTreeOrder(actions).filter((a) => !isConditionAction(a))) {
    for (const pod of attemptPods(action, await listActionPods(client, action))) {
      pods += 1;
      await readAttemptLog(client, action, pod, request, receiver);
    }
  }
  if (pods === 0) throw new UserError(`no action of run "${request.runName}" has started: there is no Pod yet`, {}, 'wait for them with -f');
}

/**
 * Follows every action of the run at once, including actions created while it runs, each from its first attempt,
 * until every action is terminal and its log followed to the end. The first failure stops them all.
 */
async function followRun(client: KubeClient, request: LogRequest, receiver: LogReceiver): Promise<void> {
  const changes = new ChangeFeed();
  const stopAll = new AbortController();
  const onAbort = () => stopAll.abort();
  request.signal.addEventListener('abort', onAbort);
  const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace: request.namespace, labelSelector: request.runSelector });
  const followed = new Map<string, boolean>();
  let failure: unknown;
  const followNew = () => {
    for (const action of inTreeOrder(informer.list())) {
      const uid = action.metadata.uid ?? '';
      if (followed.has(uid) || isConditionAction(action) || action.metadata.deletionTimestamp !== undefined) continue;
      followed.set(uid, false);
      followActionLogs(client, action, { from: 1, choice: request.choice, window: request.window, signal: stopAll.signal }, receiver)
        .catch((err: unknown) => {
          failure ??= err;
          stopAll.abort();
        })
        .finally(() => {
          followed.set(uid, true);
          changes.notify();
        });
    }
    changes.notify();
  };
  informer.addListener({ onEvent: followNew, onSynced: followNew });
  informer.start();
  try {
    await changes.until(
      () => failure !== undefined || (informer.hasSynced && [...followed.values()].every(Boolean) && informer.list().every((a) => isTerminal(a) || a.metadata.deletionTimestamp !== undefined)),
      { signal: request.signal },
    );
    stopAll.abort();
    await changes.until(() => [...followed.values()].every(Boolean));
    if (failure !== undefined) throw asError(failure);
  } finally {
    informer.stop();
    request.signal.removeEventListener('abort', onAbort);
  }
}
