import { type TransitionEvent } from './transition-event.js';

/**
 * One line of the transition log, as `kubectl kueue executor` prints it and the editor's output channel shows it:
 * `2025-06-01T12:00:00.123Z  flyte/demo-run/train  Queued -> Executing  attempt 1  message`.
 */
export function formatTransition(event: TransitionEvent): string {
  const parts = [
    event.occurredAt.toISOString(),
    `${event.namespace}/${event.runName}/${event.actionName}`,
    event.previousPhase !== undefined ? `${event.previousPhase} -> ${event.phase}` : event.phase,
    `attempt ${event.attempt}`,
  ];
  if (event.errorCode !== undefined) parts.push(`[${event.errorCode}]`);
  if (event.message !== '') parts.push(event.message.replace(/\s*\n\s*/g, ' | '));
  return parts.join('  ');
}
