import { elapsed, humanDuration } from '../../../shared/format/index.js';
import { actionTimes, displayPhase, executionLedger, isFinished, stepProgressMessage, stepProgressOf, type TaskAction, type TaskTemplateView, viewTaskTemplateBase64, waitingReason } from '../../../shared/task-action/index.js';
import { markdownCode, markdownText } from './markdown-text.js';

export interface TooltipOptions {
  now: number;
  /** Time zone of the clock times shown (default: the host's). */
  timeZone?: string;
}

function clock(iso: string | undefined, options: TooltipOptions): string {
  if (iso === undefined) return '';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return markdownText(iso);
  return time.toLocaleTimeString('en-GB', { hour12: false, ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}) });
}

function templateView(action: TaskAction): TaskTemplateView | undefined {
  if (action.spec.taskTemplate === undefined) return undefined;
  try {
    return viewTaskTemplateBase64(action.spec.taskTemplate);
  } catch {
    // Bytes we cannot decode (a newer Flyte template): the tooltip still shows the spec's task type.
    return undefined;
  }
}

function taskLine(action: TaskAction, view: TaskTemplateView | undefined): string {
  const taskType = view?.taskType || action.spec.taskType || 'unknown';
  const parts = [`${markdownCode(taskType)} task`];
  if (view !== undefined) {
    const target = view.target;
    if (target.kind === 'container') parts.push(`image ${markdownCode(target.image)}`);
    if (target.kind === 'pod') {
      const containers = Array.isArray(target.podSpec['containers']) ? target.podSpec['containers'] : [];
      const names = containers.map((c) => (typeof c === 'object' && c !== null && !Array.isArray(c) && typeof c['name'] === 'string' ? c['name'] : '?'));
      parts.push(`${view.sequential ? 'sequential containers' : 'containers'} ${names.map(markdownCode).join(', ')}`);
    }
    parts.push(view.maxAttempts === 1 ? 'no retries' : `up to ${view.maxAttempts} attempts`);
    if (view.timeoutSeconds !== undefined) parts.push(`timeout ${humanDuration(view.timeoutSeconds * 1000)}`);
  }
  return parts.join(' · ');
}

/**
 * The row's hover: what the action is (run, task type, image or containers, retries), how it is doing (phase and
 * duration, attempt, error), its conditions as a table and its phase history, then where it lives. Built only when
 * the pointer rests on a row, since decoding the task template is the costly part.
 */
export function taskActionTooltip(action: TaskAction, options: TooltipOptions): string {
  const phase = displayPhase(action);
  const times = actionTimes(action);
  const ran = phase === 'Pending' || phase === 'Queued' ? undefined : elapsed(times.startedAt, times.finishedAt, options.now);
  const status = action.status ?? {};
  const lines: string[] = [];
  const duration = ran === undefined ? '' : ` ${isFinished(phase) ? 'after' : 'for'} ${humanDuration(ran)}`;
  lines.push(`**${markdownText(action.spec.actionName)}** in run **${markdownText(action.spec.runName)}**: ${phase}${duration}`, '');
  lines.push(taskLine(action, templateView(action)), '');
  // Through the ledger: Flyte's S3 CRD prunes `attempts` and `errorState`, and the executor keeps them in stateJson.
  const { attempts, errorState } = executionLedger(action.status);
  if (attempts !== undefined && attempts > 1) lines.push(`Attempt ${attempts}`, '');
  // The row's short form, in full: the step a sequential Pod runs, or why the action waits and what the executor said.
  const step = stepProgressOf(action);
  if (step !== undefined) lines.push(`**Step** ${markdownText(stepProgressMessage(step))}`, '');
  const waiting = step === undefined ? waitingReason(action) : undefined;
  if (waiting !== undefined) {
    const detail = waiting.detail === waiting.summary ? '' : `: ${markdownText(waiting.detail)}`;
    lines.push(`**${markdownText(waiting.summary)}**${detail}`, '');
  }
  if (errorState?.message) {
    const code = errorState.code ? ` ${markdownCode(errorState.code)}` : '';
    const kind = errorState.kind ? ` (${markdownText(errorState.kind)})` : '';
    lines.push(`**Error**${code}${kind}: ${markdownText(errorState.message)}`, '');
  }
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    lines.push('| Condition | Status | Reason | Message | Since |', '|---|---|---|---|---|');
    for (const c of conditions) {
      lines.push(`| ${markdownText(c.type)} | ${markdownText(c.status)} | ${markdownText(c.reason)} | ${markdownText(c.message)} | ${clock(c.lastTransitionTime, options)} |`);
    }
    lines.push('');
  } else {
    lines.push('_No executor has picked it up yet._', '');
  }
  const history = status.phaseHistory ?? [];
  if (history.length > 0) {
    lines.push('**Phase history**', '');
    for (const h of history) lines.push(`- ${clock(h.occurredAt, options)} ${markdownText(h.phase)}${h.message ? `: ${markdownText(h.message)}` : ''}`);
    lines.push('');
  }
  lines.push(`${markdownCode(`${action.metadata.namespace ?? ''}/${action.metadata.name ?? ''}`)} · org ${markdownCode(action.spec.org ?? '')} · project ${markdownCode(action.spec.project)} · domain ${markdownCode(action.spec.domain)}`);
  return lines.join('\n');
}
