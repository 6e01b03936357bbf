import { type DisplayPhase } from '../../shared/task-action/index.js';
import { type Colour, type TerminalStyle, paint } from './terminal-style.js';

const ICONS: Record<DisplayPhase, { unicode: string; ascii: string; colour?: Colour }> = {
  Pending: { unicode: '◌', ascii: '.', colour: 'gray' },
  Queued: { unicode: '◷', ascii: '-', colour: 'gray' },
  Initializing: { unicode: '◔', ascii: '~', colour: 'cyan' },
  Running: { unicode: '●', ascii: '*', colour: 'blue' },
  Retrying: { unicode: '↻', ascii: 'r', colour: 'yellow' },
  Paused: { unicode: '‖', ascii: 'p', colour: 'yellow' },
  Succeeded: { unicode: '✔', ascii: '+', colour: 'green' },
  Failed: { unicode: '✖', ascii: 'x', colour: 'red' },
  Aborted: { unicode: '⊘', ascii: '!', colour: 'magenta' },
  Deleting: { unicode: '⌫', ascii: 'd', colour: 'gray' },
};

/** The icon argo users know for a phase, coloured on a terminal, with an ASCII fallback. */
export function phaseIcon(phase: DisplayPhase, style: TerminalStyle): string {
  const icon = ICONS[phase];
  return paint(style.unicode ? icon.unicode : icon.ascii, icon.colour, style);
}

export function phaseText(phase: DisplayPhase, style: TerminalStyle): string {
  return paint(phase, ICONS[phase].colour === 'gray' ? undefined : ICONS[phase].colour, style);
}
