import { type DisplayPhase, displayPhase, type TaskAction } from '../task-action/index.js';

/** A snapshot of what an executor sees and does, for status bars and health output. */
export interface ExecutorStats {
  /** This instance holds the lease (or runs without leader election) and acts. */
  leader: boolean;
  /** Who holds the lease, when known (one Lease for everything served). */
  leaderIdentity?: string;
  /** How many namespaces this instance leads, when each namespace has a Lease of its own. */
  namespacesLed?: number;
  /** The first list of TaskActions has arrived. */
  synced: boolean;
  /** TaskActions by what they are doing. */
  actions: {
    total: number;
    /** Not yet looked at, queued, waiting for resources or for a signal, or between attempts. */
    queued: number;
    /** Initializing or running. */
    running: number;
    succeeded: number;
    /** Failed or aborted. */
    failed: number;
    deleting: number;
  };
  /** Reconciles waiting, running now, and scheduled for later. */
  work: { waiting: number; inFlight: number; scheduled: number };
}

const BUCKET: Record<DisplayPhase, keyof Omit<ExecutorStats['actions'], 'total'>> = {
  Pending: 'queued',
  Queued: 'queued',
  Retrying: 'queued',
  Paused: 'queued',
  Initializing: 'running',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Aborted: 'failed',
  Deleting: 'deleting',
};

export function countActions(actions: readonly TaskAction[]): ExecutorStats['actions'] {
  const counts = { total: 0, queued: 0, running: 0, succeeded: 0, failed: 0, deleting: 0 };
  for (const action of actions) {
    counts.total += 1;
    counts[BUCKET[displayPhase(action)]] += 1;
  }
  return counts;
}
