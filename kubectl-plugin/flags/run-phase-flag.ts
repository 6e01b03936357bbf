import { UserError } from '../../shared/errors/index.js';
import { RUN_PHASES, type RunPhase, runPhaseNamed } from '../../shared/runs/index.js';

/**
 * `--status Failed --status running` or `--status Failed,Running`: the run phases asked for, in any case, each
 * once; undefined when the flag was not given.
 */
export function parseRunPhases(values: readonly string[] | undefined, flag = '--status'): RunPhase[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const phases = new Set<RunPhase>();
  for (const word of values.flatMap((v) => v.split(','))) {
    const phase = runPhaseNamed(word);
    if (phase === undefined) {
      throw new UserError(`${flag}: "${word.trim()}" is not a run status`, {}, `use one or more of ${RUN_PHASES.join(', ')} (any case, repeated or comma-separated)`);
    }
    phases.add(phase);
  }
  return [...phases];
}
