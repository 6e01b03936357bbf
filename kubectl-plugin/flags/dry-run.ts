import { UserError } from '../../shared/errors/index.js';

export type DryRunMode = 'none' | 'client' | 'server';

/** kubectl's `--dry-run` values, including the old boolean spellings it still accepts. */
export function parseDryRun(value: string | undefined): DryRunMode {
  if (value === undefined || value === 'none' || value === 'false') return 'none';
  if (value === 'client' || value === 'true') return 'client';
  if (value === 'server') return 'server';
  throw new UserError(`--dry-run must be one of none|client|server, got "${value}"`);
}
