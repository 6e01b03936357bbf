import { UserError } from '../../shared/errors/index.js';

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
