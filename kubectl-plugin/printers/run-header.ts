import { humanDuration } from '../../shared/format/index.js';
import { type RunSummary, runDurationMs, type RunWaitingReason } from '../../shared/runs/index.js';
import { phaseText } from './phase-icon.js';
import { type TerminalStyle } from './terminal-style.js';

/**
 * The line above a run's tree: the run's own status (from all of its actions), progress, failures and duration,
 * then where it lives, e.g. `Run r1   Failed   7/10 (1 failed)   2m13s   acme/ml/dev   namespace flyte`; while
 * the run waits, why (`waiting: image pull (fetch)`, the editor's run row says the same) after its progress.
 */
export function renderRunHeader(run: RunSummary, style: TerminalStyle, now = Date.now(), waiting?: RunWaitingReason): string {
  const { status } = run;
  const duration = runDurationMs(status, new Date(now));
  const counts = [
    ...(status.failed > 0 ? [`${status.failed} failed`] : []),
    ...(status.aborted > 0 ? [`${status.aborted} aborted`] : []),
  ];
  return [
    `Run ${run.runName}`,
    phaseText(status.phase, style),
    counts.length > 0 ? `${status.progress} (${counts.join(', ')})` : status.progress,
    ...(waiting !== undefined && !status.finished ? [waiting.summary] : []),
    ...(duration !== undefined ? [humanDuration(duration)] : []),
    [run.org, run.project, run.domain].filter(Boolean).join('/'),
    `namespace ${run.namespace}`,
  ].join('   ');
}
