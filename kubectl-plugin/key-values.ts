import { UserError } from '../shared/errors/user-error.js';

/** `KEY=VALUE` flag values as a map; a value may contain `=`. */
export function parseKeyValues(values: string[] | undefined, flag: string): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const result: Record<string, string> = {};
  for (const entry of values) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UserError(`${flag} "${entry}" is not KEY=VALUE`, {}, `write it as ${flag} NAME=value`);
    result[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return result;
}

/** A whole number flag, or a clear error naming the flag. */
export function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UserError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

export type DryRunMode = 'none' | 'client' | 'server';

export function parseDryRun(value: string | undefined): DryRunMode {
  if (value === undefined || value === 'none' || value === 'false') return 'none';
  if (value === 'client' || value === 'true') return 'client';
  if (value === 'server') return 'server';
  throw new UserError(`--dry-run must be one of none|client|server, got "${value}"`);
}
