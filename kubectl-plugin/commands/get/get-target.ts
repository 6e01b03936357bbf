import { UserError } from '../../../shared/errors/index.js';

/** What `get`'s arguments address: everything, one run, one action of a run, or one TaskAction by name. */
export type GetTarget = { kind: 'all' } | { kind: 'run'; run: string } | { kind: 'action'; run: string; action: string } | { kind: 'object'; name: string };

/** The spellings kubectl accepts for the resource in `TYPE/NAME`: plural, singular, short name, with the group. */
const TASKACTION_TYPES = new Set(['taskactions', 'taskaction', 'ta', 'taskactions.flyte.org', 'taskaction.flyte.org']);

/**
 * `get`, `get RUN`, `get RUN ACTION` or `get taskaction/NAME` (kubectl's TYPE/NAME; any of its spellings of the
 * type). A bare word is always a run name, never an object name: runs are what `get` groups by, and a run name can
 * never be mistaken for a TaskAction name silently, which would answer a different question.
 */
export function parseGetTarget(args: readonly string[]): GetTarget {
  const [first, second, ...rest] = args;
  if (rest.length > 0) throw new UserError(`get takes at most RUN and ACTION, got ${args.length} arguments`, {}, 'kubectl kueue get RUN ACTION, or get taskaction/NAME');
  if (first === undefined) return { kind: 'all' };
  const slash = first.indexOf('/');
  if (slash >= 0) {
    const type = first.slice(0, slash);
    const name = first.slice(slash + 1);
    if (!TASKACTION_TYPES.has(type.toLowerCase())) {
      throw new UserError(`get lists TaskActions only: "${type}" in "${first}" is not a TaskAction type`, {}, 'write taskaction/NAME (or ta/NAME)');
    }
    if (name === '' || name.includes('/')) throw new UserError(`"${first}" names no TaskAction: write taskaction/NAME`);
    if (second !== undefined) throw new UserError(`taskaction/NAME names one object already; "${second}" is one argument too many`);
    return { kind: 'object', name };
  }
  return second === undefined ? { kind: 'run', run: first } : { kind: 'action', run: first, action: second };
}
