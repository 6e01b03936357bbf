import { describe, expect, it } from 'vitest';
import { parseDurationFlag } from '../../../kubectl-plugin/flags/duration-flag.js';
import { parseOptionalWholeNumber, parseWholeNumber } from '../../../kubectl-plugin/flags/whole-number.js';

describe('parseWholeNumber', () => {
  it('reads whole numbers within the range', () => {
    expect(parseWholeNumber('0', '--retries')).toBe(0);
    expect(parseWholeNumber('8089', '--port', { max: 65535 })).toBe(8089);
    expect(parseOptionalWholeNumber(undefined, '--max-pods', { min: 1 })).toBeUndefined();
  });

  it.each([
    ['x', {}, '--n must be a whole number, got "x"'],
    ['-1', {}, '--n must be a whole number, got "-1"'],
    ['1.5', {}, '--n must be a whole number, got "1.5"'],
    ['0', { min: 1 }, '--n must be a whole number of at least 1, got "0"'],
    ['70000', { max: 65535 }, '--n must be a whole number from 0 to 65535, got "70000"'],
  ])('refuses %j (%j)', (text, range, message) => {
    expect(() => parseWholeNumber(text, '--n', range)).toThrow(message);
  });
});

describe('parseDurationFlag', () => {
  it('reads durations and refuses those below the minimum', () => {
    expect(parseDurationFlag('1m', '--resync', { minMs: 1000 })).toBe(60_000);
    expect(() => parseDurationFlag('500ms', '--resync', { minMs: 1000 })).toThrow('--resync must be at least 1s');
    expect(() => parseDurationFlag('soon', '--resync')).toThrow('invalid duration "soon" for --resync');
  });
});
