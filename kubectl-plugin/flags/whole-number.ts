import { UserError } from '../../shared/errors/index.js';

export interface WholeNumberRange {
  /** Default 0. */
  min?: number;
  max?: number;
}

/** A whole-number flag value within a range, or an error naming the flag, the range and what was given. */
export function parseWholeNumber(text: string, flag: string, range: WholeNumberRange = {}): number {
  const min = range.min ?? 0;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || (range.max !== undefined && value > range.max)) {
    const bounds = range.max !== undefined ? ` from ${min} to ${range.max}` : min > 0 ? ` of at least ${min}` : '';
    throw new UserError(`${flag} must be a whole number${bounds}, got "${text}"`);
  }
  return value;
}

/** The same for a flag without a default: not given stays undefined. */
export function parseOptionalWholeNumber(text: string | undefined, flag: string, range: WholeNumberRange = {}): number | undefined {
  return text === undefined ? undefined : parseWholeNumber(text, flag, range);
}
