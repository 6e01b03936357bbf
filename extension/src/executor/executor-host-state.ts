import { type ExecutorStats } from '../../../shared/executor/index.js';

/** The in-process executor as the status bar shows it. */
export type ExecutorHostState =
  | { kind: 'stopped' }
  | { kind: 'starting'; namespace: string }
  | { kind: 'running'; namespace: string; context: string; stats: ExecutorStats }
  | { kind: 'stopping'; namespace: string }
  | { kind: 'failed'; namespace: string; message: string };

export interface StatusBarView {
  text: string;
  tooltip: string;
  /** A theme colour id for the item's background, for states that need attention. */
  background?: string;
  /** Whether the item is shown at all (not when the executor was never started). */
  visible: boolean;
}

/**
 * The status bar item: `$(sync~spin) Kueue: 2 running, 3 queued` while it acts, `$(check) Kueue: idle` when there
 * is nothing to do, `$(eye) Kueue: standby` while another executor (another window, or the in-cluster one) holds
 * the Lease, `$(debug-disconnect) Kueue: disconnected` (with the reason) while the cluster does not answer, and the
 * failure in the error colours.
 */
export function executorStatusBarView(state: ExecutorHostState, connectionProblem?: string): StatusBarView {
  // Starting or running, the engine waits for the API server by itself; say so instead of spinning or counting
  // what it can no longer see.
  if (connectionProblem !== undefined && (state.kind === 'starting' || state.kind === 'running')) {
    return {
      text: '$(debug-disconnect) Kueue: disconnected',
      tooltip: `The executor for namespace \`${state.namespace}\` cannot reach the cluster: ${connectionProblem}\n\nIt carries on by itself once the cluster answers.`,
      background: 'statusBarItem.warningBackground',
      visible: true,
    };
  }
  switch (state.kind) {
    case 'stopped':
      return { text: '$(debug-stop) Kueue: stopped', tooltip: 'The in-process executor is stopped.', visible: false };
    case 'starting':
      return { text: '$(loading~spin) Kueue: starting', tooltip: `Starting the executor for namespace \`${state.namespace}\`...`, visible: true };
    case 'stopping':
      return { text: '$(loading~spin) Kueue: stopping', tooltip: 'Finishing running reconciles and releasing the Lease...', visible: true };
    case 'failed':
      return {
        text: '$(error) Kueue: executor failed',
        tooltip: `The executor for namespace \`${state.namespace}\` stopped: ${state.message}`,
        background: 'statusBarItem.errorBackground',
        visible: true,
      };
    case 'running': {
      const { stats } = state;
      const { actions } = stats;
      const counts = `**${actions.running}** running · **${actions.queued}** queued · **${actions.succeeded}** succeeded · **${actions.failed}** failed or aborted`;
      const where = `namespace \`${state.namespace}\` of context \`${state.context}\``;
      if (!stats.leader) {
        const holder = stats.leaderIdentity !== undefined ? `\`${stats.leaderIdentity}\`` : 'another executor';
        return {
          text: '$(eye) Kueue: standby',
          tooltip: `Standing by in ${where}: ${holder} holds the Lease and executes. This window takes over if it stops.\n\n${counts}`,
          visible: true,
        };
      }
      const busy = actions.running > 0 || actions.queued > 0;
      const text = busy ? `$(sync~spin) Kueue: ${actions.running} running, ${actions.queued} queued` : '$(check) Kueue: idle';
      return { text, tooltip: `Executing the TaskActions of ${where}.\n\n${counts}\n\nClick for executor actions.`, visible: true };
    }
  }
}
