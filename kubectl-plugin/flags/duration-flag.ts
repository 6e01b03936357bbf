import { UserError } from '../../shared/errors/index.js';
import { formatDuration, parseDuration } from '../../shared/kube/index.js';

/** A duration flag (`30s`, `1m30s`) in milliseconds, refusing values below `minMs`. */
export function parseDurationFlag(text: string, flag: string, options: { minMs?: number } = {}): number {
  const ms = parseDuration(text, flag);
  if (options.minMs !== undefined && ms < options.minMs) throw new UserError(`${flag} must be at least ${formatDuration(options.minMs)}`);
  return ms;
}

/** The same for a flag without a default: not given stays undefined. */
export function parseOptionalDurationFlag(text: string | undefined, flag: string, options: { minMs?: number } = {}): number | undefined {
  return text === undefined ? undefined : parseDurationFlag(text, flag, options);
}
