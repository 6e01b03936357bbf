import { humanDuration, renderTable } from '../format/index.js';
import { type RunStatus } from '../runs/index.js';
import { type ActionDetails, type RunDetails, type TaskDetails } from './action-details.js';

/** Indents every line of a block (tables, lists) under its section heading. */
function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${by}${line}`))
    .join('\n');
}

function field(label: string, value: string | undefined): string {
  return `${`${label}:`.padEnd(14)}${value === undefined || value === '' ? '<none>' : value}\n`;
}

/** A field shown only when it has a value (a state the object is not always in). */
function optionalField(label: string, value: string | undefined): string {
  return value === undefined ? '' : field(label, value);
}

function section(title: string, body: string): string {
  return `${title}:\n${body === '' ? '  <none>\n' : indent(body)}`;
}

function words(list: readonly string[] | undefined): string | undefined {
  return list === undefined || list.length === 0 ? undefined : list.map((w) => (/\s/.test(w) || w === '' ? JSON.stringify(w) : w)).join(' ');
}

function quantities(list: Record<string, string> | undefined): string | undefined {
  const entries = Object.entries(list ?? {});
  return entries.length === 0 ? undefined : entries.map(([name, value]) => `${name}=${value}`).join(', ');
}

function taskText(task: TaskDetails): string {
  let text = field('Type', task.taskType) + field('Retries', String(task.retries));
  if (task.timeoutSeconds !== undefined) text += field('Timeout', `${task.timeoutSeconds}s`);
  if (task.undecodable !== undefined) return text + field('Template', `cannot be decoded: ${task.undecodable}`);
  if (task.image !== undefined) {
    text += field('Image', task.image) + field('Command', words(task.command)) + field('Args', words(task.args));
    text += field('Requests', quantities(task.resources?.requests)) + field('Limits', quantities(task.resources?.limits));
  }
  if (task.containers !== undefined) {
    text += `Containers${task.sequential === true ? ' (steps, run one after the other)' : ''}:\n`;
    text += indent(renderTable(['name', 'image', 'command'], task.containers.map((c) => [c.name, c.image, words([...c.command, ...c.args]) ?? '']))).trimEnd() + '\n';
  }
  return text;
}

/** ` (in 20s)` until a time still to come, else nothing. */
function untilText(at: string, now: number): string {
  const ms = Date.parse(at) - now;
  return ms > 0 ? ` (in ${humanDuration(ms + 999)})` : '';
}

/** `describe RUN ACTION` as `kubectl describe` lays an object out: fields, then sections of tables. */
export function renderActionDetails(d: ActionDetails, now = Date.now()): string {
  return [
    field('Name', d.name) + field('Namespace', d.namespace) + field('Run', d.run) + field('Action', d.action) + field('Parent', d.parent),
    field('Phase', d.phase) + optionalField('Waiting', d.waiting) + optionalField('Step', d.step) + field('After', d.after.join(', ')),
    section('Task', taskText(d.task)),
    section('Conditions', d.conditions.length === 0 ? '' : renderTable(['type', 'status', 'reason', 'last transition', 'message'], d.conditions.map((c) => [c.type, c.status, c.reason, c.lastTransitionTime, c.message]))),
    section('Phase History', d.phaseHistory.length === 0 ? '' : renderTable(['time', 'phase', 'message'], d.phaseHistory.map((h) => [h.occurredAt, h.phase, h.message ?? '']))),
    section(
      'Attempts',
      d.attempts.length === 0
        ? ''
        : renderTable(
            ['attempt', 'pod', 'phase', 'container', 'exit', 'reason', 'started', 'finished'],
            d.attempts.map((a) => [String(a.attempt), a.pod, a.phase, a.container ?? '', a.exitCode === undefined ? '' : String(a.exitCode), a.reason ?? '', a.startedAt ?? '', a.finishedAt ?? '']),
          ),
    ),
    ...(d.nextAttempt !== undefined ? [field('Next Attempt', `${d.nextAttempt.attempt}, at ${d.nextAttempt.at}${untilText(d.nextAttempt.at, now)}`)] : []),
    field('Last Error', d.lastError),
    section('Events', d.events.length === 0 ? '' : renderTable(['type', 'reason', 'object', 'count', 'last seen', 'message'], d.events.map((e) => [e.type, e.reason, e.object, String(e.count), e.lastSeen ?? '', e.message]))),
  ].join('');
}

/** `7/10 succeeded, 1 failed (1 skipped), 2 running, 1 pending`: only the counts that are not zero. */
function runProgress(status: RunStatus): string {
  const parts = [`${status.progress} succeeded`];
  if (status.failed > 0) parts.push(`${status.failed} failed${status.skipped > 0 ? ` (${status.skipped} skipped)` : ''}`);
  if (status.aborted > 0) parts.push(`${status.aborted} aborted`);
  if (status.active > 0) parts.push(`${status.active} running`);
  if (status.pending > 0) parts.push(`${status.pending} pending`);
  return parts.join(', ');
}

/** `describe RUN`: the run's place and status, then one line per action. */
export function renderRunDetails(d: RunDetails): string {
  const rows = d.actions.map((a) => [a.action, a.parent ?? '', a.phase, String(a.attempts), a.startedAt ?? '', a.finishedAt ?? '', a.lastError ?? '']);
  return (
    field('Run', d.run) +
    field('Namespace', d.namespace) +
    field('Project', d.project) +
    field('Domain', d.domain) +
    field('Status', d.status.phase) +
    field('Progress', runProgress(d.status)) +
    optionalField('Waiting', d.waiting) +
    field('Duration', d.durationMs !== undefined ? humanDuration(d.durationMs) : undefined) +
    section('Actions', renderTable(['action', 'parent', 'phase', 'attempts', 'started', 'finished', 'last error'], rows))
  );
}
