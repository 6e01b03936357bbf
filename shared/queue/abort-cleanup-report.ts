import { PLUGIN_FINALIZER } from '../task-action/index.js';
import { type CleanupOutcome } from './abort-cleanup.js';

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * What abort tells about the aborted actions' work: that it ended it itself and why, or, when told to leave it to
 * an executor that is not running, what keeps running. Nothing when an executor does its part.
 */
export function abortCleanupReport(outcome: CleanupOutcome, namespace: string): string[] {
  if (outcome.by === 'abort') {
    if (outcome.objectsDeleted.length === 0 && outcome.finalizersRemoved === 0) return [];
    const why = outcome.executor === 'absent' ? `no executor holds Lease ${outcome.leaseName} in namespace ${namespace}` : '--cleanup=always';
    return [`${why}: abort deleted ${count(outcome.objectsDeleted.length, 'Pod')} and removed the finalizer ${PLUGIN_FINALIZER} from ${count(outcome.finalizersRemoved, 'TaskAction')} itself`];
  }
  const running = Object.values(outcome.leftRunning).reduce((sum, n) => sum + n, 0);
  if (outcome.executor !== 'absent' || (running === 0 && outcome.leftHeld === 0)) return [];
  return [
    `warning: no executor holds Lease ${outcome.leaseName} in namespace ${namespace}: ${count(running, 'Pod')} ${running === 1 ? 'keeps' : 'keep'} running and ` +
      `${count(outcome.leftHeld, 'TaskAction')} ${outcome.leftHeld === 1 ? 'stays' : 'stay'} until an executor removes the finalizer ${PLUGIN_FINALIZER}; ` +
      `start one (kubectl kueue executor -n ${namespace}) or abort again with --cleanup=auto`,
  ];
}
