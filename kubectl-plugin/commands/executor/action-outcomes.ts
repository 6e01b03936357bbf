import { type TransitionEvent } from '../../../shared/executor/index.js';

/**
 * How each action this executor drove ended, from the phase changes it wrote: what `--until-idle` reports and
 * turns into its exit status. Only the last change of an action counts, so an attempt that failed and was
 * retried successfully is a success.
 */
export class ActionOutcomes {
  private readonly last = new Map<string, TransitionEvent>();

  record(event: TransitionEvent): void {
    this.last.set(`${event.namespace}/${event.name}`, event);
  }

  /** `2 actions failed: r1/train, r2/a0` and the same for aborted ones; empty when nothing went wrong. */
  summary(): string[] {
    const lines: string[] = [];
    for (const [phase, verb] of [['Failed', 'failed'], ['Aborted', 'were aborted']] as const) {
      const ids = [...this.last.values()]
        .filter((event) => event.displayPhase === phase)
        .map((event) => `${event.runName}/${event.actionName}`)
        .sort();
      if (ids.length === 0) continue;
      lines.push(`${ids.length} ${ids.length === 1 ? 'action' : 'actions'} ${ids.length === 1 && verb === 'were aborted' ? 'was aborted' : verb}: ${ids.join(', ')}`);
    }
    return lines;
  }
}
