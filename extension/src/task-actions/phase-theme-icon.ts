import { type DisplayPhase } from '../../../shared/task-action/index.js';

/** A codicon id and the theme colour id to paint it with (none: the tree's foreground). */
export interface PhaseThemeIcon {
  id: string;
  color?: string;
}

/**
 * Icons people know from VS Code's test explorer: spinning while work happens, the test colours for passed and
 * failed, so a run's state reads at a glance in any theme.
 */
const ICONS: Record<DisplayPhase, PhaseThemeIcon> = {
  Pending: { id: 'circle-large-outline' },
  Queued: { id: 'clock', color: 'testing.iconQueued' },
  Initializing: { id: 'loading~spin' },
  Running: { id: 'sync~spin' },
  Retrying: { id: 'debug-restart', color: 'testing.iconErrored' },
  // Waiting for a person's answer (a condition action): the debugger's pause, in the queued colour.
  Paused: { id: 'debug-pause', color: 'testing.iconQueued' },
  Succeeded: { id: 'pass', color: 'testing.iconPassed' },
  Failed: { id: 'error', color: 'testing.iconFailed' },
  Aborted: { id: 'circle-slash', color: 'testing.iconSkipped' },
  Deleting: { id: 'trash', color: 'disabledForeground' },
};

export function phaseThemeIcon(phase: DisplayPhase): PhaseThemeIcon {
  return ICONS[phase];
}
