/** Documented defaults for org, project and domain when neither flags, settings nor the environment give them. */
export const DEFAULT_ORG = 'local';
export const DEFAULT_PROJECT = 'default';
export const DEFAULT_DOMAIN = 'development';

export interface RunScopeFlags {
  org?: string;
  project?: string;
  domain?: string;
}

export interface RunScope {
  org: string;
  project: string;
  domain: string;
}

/**
 * Where new runs go: explicit values first, then KUEUE_ORG / KUEUE_PROJECT / KUEUE_DOMAIN, then the defaults above.
 * The CLI and the editor resolve it the same way, so a run enqueued from either lands in the same place.
 */
export function runScope(flags: RunScopeFlags, env: Record<string, string | undefined> = process.env): RunScope {
  return {
    org: flags.org ?? env['KUEUE_ORG'] ?? DEFAULT_ORG,
    project: flags.project ?? env['KUEUE_PROJECT'] ?? DEFAULT_PROJECT,
    domain: flags.domain ?? env['KUEUE_DOMAIN'] ?? DEFAULT_DOMAIN,
  };
}
