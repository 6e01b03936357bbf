import { executorPresence } from './executor-presence.js';
import { type KubeClient } from '../kube/index.js';
import { displayPhase, type TaskAction } from '../task-action/index.js';

/**
 * What to tell a person whose actions stay Pending because nothing executes them: one message per namespace
 * that has actions no executor has looked at and whose executor Lease nobody holds. Nothing when the Lease cannot
 * be read (a user without the right to read Leases is not told anything wrong).
 */
export async function noExecutorNotices(client: KubeClient, actions: readonly TaskAction[], options: { leaseName?: string } = {}): Promise<string[]> {
  const namespaces = new Set(
    actions.filter((action) => displayPhase(action) === 'Pending').map((action) => action.metadata.namespace ?? client.namespace),
  );
  const notices: string[] = [];
  for (const namespace of [...namespaces].sort()) {
    if ((await executorPresence(client, namespace, options)) === 'absent') {
      notices.push(`no executor is running in namespace ${namespace}; start one with kubectl kueue executor`);
    }
  }
  return notices;
}

/**
 * What to tell a person who asked actions to stop in namespaces no executor holds: the stop is an annotation the
 * executor acts on, so nothing happens until one runs. Nothing when the Lease cannot be read.
 */
export async function stopWaitsForExecutorNotices(client: KubeClient, namespaces: Iterable<string>, options: { leaseName?: string } = {}): Promise<string[]> {
  const notices: string[] = [];
  for (const namespace of [...new Set(namespaces)].sort()) {
    if ((await executorPresence(client, namespace, options)) === 'absent') {
      notices.push(`no executor is running in namespace ${namespace}: the actions stop when one starts (kubectl kueue executor), or abort them instead`);
    }
  }
  return notices;
}
