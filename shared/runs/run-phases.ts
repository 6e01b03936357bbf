import { type RunPhase } from './run-status.js';

/** Every phase a run can be in, in the order a run goes through them; flags and pickers offer them so. */
export const RUN_PHASES: readonly RunPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Aborted'];

/** The phase spelled in any case (`failed`, `FAILED`), or undefined when it is none. */
export function runPhaseNamed(text: string): RunPhase | undefined {
  const wanted = text.trim().toLowerCase();
  return RUN_PHASES.find((phase) => phase.toLowerCase() === wanted);
}
