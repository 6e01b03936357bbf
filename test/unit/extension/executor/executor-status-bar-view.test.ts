import { describe, expect, it } from 'vitest';
import { type ExecutorStats } from '../../../../shared/executor/executor-stats.js';
import { executorStatusBarView } from '../../../../extension/src/executor/executor-host-state.js';

function stats(overrides: Partial<ExecutorStats['actions']> = {}, leader = true, leaderIdentity?: string): ExecutorStats {
  return {
    leader,
    ...(leaderIdentity !== undefined ? { leaderIdentity } : {}),
    synced: true,
    actions: { total: 0, queued: 0, running: 0, succeeded: 0, failed: 0, deleting: 0, ...overrides },
    work: { waiting: 0, inFlight: 0, scheduled: 0 },
  };
}

const running = (s: ExecutorStats) => ({ kind: 'running' as const, namespace: 'team-a', context: 'kind-dev', stats: s });

describe('executorStatusBarView', () => {
  it('says disconnected, with the reason, while the cluster does not answer (not starting or counting for ever)', () => {
    const reason = 'Unable to connect to the server https://127.0.0.1:6443: connect ECONNREFUSED';
    for (const state of [{ kind: 'starting' as const, namespace: 'team-a' }, running(stats({ running: 2 }))]) {
      const view = executorStatusBarView(state, reason);
      expect(view.text).toBe('$(debug-disconnect) Kueue: disconnected');
      expect(view.tooltip).toContain(reason);
      expect(view.background).toBe('statusBarItem.warningBackground');
    }
    // A stopped executor stays hidden whatever the connection does.
    expect(executorStatusBarView({ kind: 'stopped' }, reason).visible).toBe(false);
  });

  it('is hidden while stopped', () => {
    expect(executorStatusBarView({ kind: 'stopped' }).visible).toBe(false);
  });

  it('spins with running and queued counts while the leader has work', () => {
    const view = executorStatusBarView(running(stats({ running: 2, queued: 3, succeeded: 7, total: 12 })));
    expect(view.text).toBe('$(sync~spin) Kueue: 2 running, 3 queued');
    expect(view.tooltip).toContain('namespace `team-a` of context `kind-dev`');
    expect(view.tooltip).toContain('**2** running · **3** queued · **7** succeeded · **0** failed or aborted');
    expect(view.visible).toBe(true);
  });

  it('says idle when the leader has nothing to do', () => {
    expect(executorStatusBarView(running(stats({ succeeded: 4, total: 4 }))).text).toBe('$(check) Kueue: idle');
  });

  it('stands by, naming the holder, while another executor has the Lease', () => {
    const view = executorStatusBarView(running(stats({ running: 1 }, false, 'executor-7f9c')));
    expect(view.text).toBe('$(eye) Kueue: standby');
    expect(view.tooltip).toContain('`executor-7f9c` holds the Lease');
  });

  it('shows a failure in the error colours', () => {
    const view = executorStatusBarView({ kind: 'failed', namespace: 'team-a', message: 'Error from server (Forbidden): no' });
    expect(view).toMatchObject({ text: '$(error) Kueue: executor failed', background: 'statusBarItem.errorBackground', visible: true });
    expect(view.tooltip).toContain('Forbidden');
  });

  it('shows starting and stopping as work in progress', () => {
    expect(executorStatusBarView({ kind: 'starting', namespace: 'x' }).text).toBe('$(loading~spin) Kueue: starting');
    expect(executorStatusBarView({ kind: 'stopping', namespace: 'x' }).text).toBe('$(loading~spin) Kueue: stopping');
  });
});
