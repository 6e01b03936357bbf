import { LABEL_DOMAIN, LABEL_ORG, LABEL_PROJECT, LABEL_RUN } from '../task-action/index.js';

/**
 * A run as a person names it: its name, in a namespace, optionally narrowed to an org, project and domain (a
 * bare name matches that run in any project, as `get` and `tree` do).
 */
export interface RunRef {
  namespace: string;
  runName: string;
  org?: string;
  project?: string;
  domain?: string;
}

/** The label selector of every action of the run(s) the reference matches. */
export function runRefSelector(ref: RunRef): string {
  const pairs: [string, string | undefined][] = [
    [LABEL_ORG, ref.org],
    [LABEL_PROJECT, ref.project],
    [LABEL_DOMAIN, ref.domain],
    [LABEL_RUN, ref.runName],
  ];
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
