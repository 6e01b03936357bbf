import { humanDuration } from '../format/index.js';
import { runDurationMs, type RunStatus } from './run-status.js';

/**
 * One line that says how a run ended (or stands): `run r1 Failed 9/10 (1 failed) in 2m13s`. What `wait` prints
 * and what the editor shows when a wait ends.
 */
export function runStatusLine(runName: string, status: RunStatus, now: Date = new Date()): string {
  const details = [
    ...(status.failed > 0 ? [`${status.failed} failed`] : []),
    ...(status.aborted > 0 ? [`${status.aborted} aborted`] : []),
  ];
  const duration = runDurationMs(status, now);
  return [
    `run ${runName} ${status.phase} ${status.progress}`,
    ...(details.length > 0 ? [`(${details.join(', ')})`] : []),
    ...(duration !== undefined ? [`${status.finished ? 'in' : 'for'} ${humanDuration(duration)}`] : []),
  ].join(' ');
}
