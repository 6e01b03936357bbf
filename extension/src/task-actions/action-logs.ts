import { type KubeClient, type Pod, readPodLog } from '../../../shared/kube/index.js';
import { listActionPods } from '../../../shared/plugins/pod/index.js';
import { type TaskAction } from '../../../shared/task-action/index.js';
import { errorText } from '../cluster/error-text.js';

/** Lines kept per container: enough to see what went wrong without loading a chatty task's whole output. */
export const LOG_TAIL_LINES = 5000;

function containerNames(pod: Pod): string[] {
  // Init containers first: a sequential Pod's prepare step runs before the steps.
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
}

/**
 * The logs of a TaskAction's Pods, newest attempt last, every container under a `==> pod/container <==` header
 * as `tail` prints several files. A container whose log cannot be read (not started yet, node gone) says why in
 * place of its log, so one missing log never hides the others.
 */
export async function actionLogs(client: KubeClient, action: TaskAction): Promise<string> {
  const pods = await listActionPods(client, action);
  const name = `${action.spec.runName}/${action.spec.actionName}`;
  if (pods.length === 0) return `# No Pod of ${name} exists (yet, or any more): an executor creates one when the action starts.\n`;
  const sections: string[] = [];
  for (const pod of pods) {
    const podName = pod.metadata.name ?? '';
    for (const container of containerNames(pod)) {
      let text: string;
      try {
        text = await readPodLog(client, pod.metadata.namespace ?? client.namespace, podName, { container, tailLines: LOG_TAIL_LINES });
      } catch (err) {
        text = `# The log cannot be read: ${errorText(err)}\n`;
      }
      sections.push(`==> pod/${podName} container/${container} (${pod.status?.phase ?? 'Unknown'}) <==\n${text === '' ? '# (empty)\n' : text.endsWith('\n') ? text : `${text}\n`}`);
    }
  }
  return sections.join('\n');
}
