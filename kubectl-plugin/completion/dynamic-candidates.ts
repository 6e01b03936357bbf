import { type ConnectionFlags, HttpKubeClient, loadConnection, NAMESPACES, PODS } from '../../shared/kube/index.js';
import { ACTION_TYPE_CONDITION, LABEL_ACTION, LABEL_ACTION_TYPE, LABEL_IS_ROOT, LABEL_RUN, TASKACTIONS } from '../../shared/task-action/index.js';
import { type DynamicCompletion } from './complete-words.js';

/** The connection flags among the words typed so far (`--flag value` and `--flag=value`). */
function flagsFrom(words: string[]): ConnectionFlags & { run?: string } {
  const value = (...names: string[]): string | undefined => {
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      for (const name of names) {
        if (word === name) return words[i + 1];
        if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
      }
    }
    return undefined;
  };
  return {
    kubeconfig: value('--kubeconfig'),
    context: value('--context'),
    namespace: value('-n', '--namespace'),
    server: value('-s', '--server'),
    token: value('--token'),
    insecureSkipTlsVerify: words.includes('--insecure-skip-tls-verify'),
    run: value('--run'),
    requestTimeout: '2s',
  };
}

/** Names from the cluster (or the kubeconfig) for a completion, bounded by a short request timeout. */
export async function dynamicCandidates(kind: DynamicCompletion, words: string[], run?: string): Promise<string[]> {
  const flags = flagsFrom(words);
  const runName = run ?? flags.run;
  const connection = loadConnection(flags);
  if (kind === 'contexts') return connection.kubeConfig.getContexts().map((c) => c.name);
  const client = new HttpKubeClient(connection);
  try {
    switch (kind) {
      case 'namespaces':
        return (await client.list(NAMESPACES, undefined)).items.map((n) => n.metadata.name ?? '');
      case 'pods':
        return (await client.list(PODS, connection.namespace)).items.map((p) => p.metadata.name ?? '');
      case 'runs': {
        const roots = await client.list(TASKACTIONS, connection.namespace, { labelSelector: `${LABEL_IS_ROOT}=true` });
        return [...new Set(roots.items.map((r) => r.metadata.labels?.[LABEL_RUN] ?? ''))].filter(Boolean).sort();
      }
      case 'actions':
      case 'conditions': {
        const selectors = [...(runName ? [`${LABEL_RUN}=${runName}`] : []), ...(kind === 'conditions' ? [`${LABEL_ACTION_TYPE}=${ACTION_TYPE_CONDITION}`] : [])];
        const actions = await client.list(TASKACTIONS, connection.namespace, selectors.length > 0 ? { labelSelector: selectors.join(',') } : {});
        return [...new Set(actions.items.map((a) => a.metadata.labels?.[LABEL_ACTION] ?? ''))].filter(Boolean).sort();
      }
    }
  } finally {
    client.close();
  }
}
