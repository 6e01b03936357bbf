import { type RunningStepReport, type StepInfo } from '../../shared/convert/index.js';
import { elapsed, humanDuration } from '../../shared/format/index.js';
import { renderTable } from './table.js';

function stateText(step: StepInfo, report: RunningStepReport): string {
  if (step.name === report.running) return step.state === 'running' ? 'Running' : `Running (${step.reason ?? step.state})`;
  switch (step.state) {
    case 'terminated':
      if (step.continuedAfterExitCode !== undefined) return `Failed (exit ${step.continuedAfterExitCode}), continued`;
      return step.exitCode === 0 ? 'Completed' : `${step.reason ?? 'Error'}`;
    case 'running':
      if (step.type === 'sidecar') return 'Running';
      // The entrypoint of a later step is up, but waits for the previous step's file.
      return 'Waiting (for previous step)';
    case 'waiting':
      return `Waiting${step.reason ? ` (${step.reason})` : ''}`;
    default:
      return 'Pending';
  }
}

function headline(namespace: string, name: string, report: RunningStepReport): string {
  const phase = report.phase ?? 'Unknown';
  let progress: string;
  if (report.failed) progress = `step ${report.failed.name} failed (exit ${report.failed.exitCode ?? '?'})`;
  else if (report.running) {
    const index = report.steps.findIndex((s) => s.name === report.running) + 1;
    progress = `step ${index}/${report.total} running: ${report.running}`;
  } else progress = `${report.done}/${report.total} steps done`;
  return `Pod ${namespace}/${name}   ${phase}   ${progress}\n`;
}

/** The step table of `kubectl kueue status`: one row per step, in the order they run, then the sidecars. */
export function renderStepStatus(namespace: string, name: string, report: RunningStepReport, now = Date.now()): string {
  const rows = [...report.steps, ...report.sidecars].map((step) => {
    const ms = step.state === 'terminated' || step.name === report.running ? elapsed(step.startedAt, step.finishedAt, now) : undefined;
    return [
      step.name,
      step.type === 'container' ? 'step' : step.type,
      stateText(step, report),
      step.exitCode === undefined ? '' : String(step.exitCode),
      ms === undefined ? '' : humanDuration(ms),
    ];
  });
  return headline(namespace, name, report) + '\n' + renderTable(['step', 'type', 'state', 'exit', 'duration'], rows);
}
