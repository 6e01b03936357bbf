/** Documented defaults for org, project and domain when neither flags nor the environment give them. */
export const DEFAULT_ORG = 'local';
export const DEFAULT_PROJECT = 'default';
export const DEFAULT_DOMAIN = 'development';

export interface RunScopeFlags {
  org?: string;
  project?: string;
  domain?: string;
}

/** Flags first, then KUEUE_ORG / KUEUE_PROJECT / KUEUE_DOMAIN, then the defaults above. */
export function runScope(flags: RunScopeFlags, env: Record<string, string | undefined> = process.env): { org: string; project: string; domain: string } {
  return {
    org: flags.org ?? env['KUEUE_ORG'] ?? DEFAULT_ORG,
    project: flags.project ?? env['KUEUE_PROJECT'] ?? DEFAULT_PROJECT,
    domain: flags.domain ?? env['KUEUE_DOMAIN'] ?? DEFAULT_DOMAIN,
  };
}
