import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../shared/convert/index.js';

describe('fingerprintOf', () => {
  it('ignores key order, as a reader of the document does', () => {
    expect(fingerprintOf({ a: 1, b: [true, null, 'x'] })).toBe(fingerprintOf({ b: [true, null, 'x'], a: 1 }));
  });

  it('tells apart values a reader would read differently', () => {
    const values: unknown[] = [
      1, '1', true, 'true', null, 'null', [], {}, [[]], [{}], { a: [] }, { a: {} }, '', ' ',
      { a: 'b' }, { a: 'c' }, { ab: '' }, { a: 'b', c: 'd' }, { 'a":"b': '' }, ['a', 'b'], ['a,b'], ['ab'],
      1.5, 15, 1e21, 'step-1', 'step-2', { x: 'a'.repeat(1000) + 'b' }, { x: 'a'.repeat(1000) + 'c' },
    ];
    const prints = values.map((value) => fingerprintOf(value));
    expect(new Set(prints).size).toBe(values.length);
  });

  it('reads -0 as 0, as YAML and JSON readers do', () => {
    expect(fingerprintOf({ a: -0 })).toBe(fingerprintOf({ a: 0 }));
  });

  it('gives different digests to different JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
        expect(fingerprintOf(a) === fingerprintOf(b)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });
});

/** The value with its keys sorted and -0 as 0: what the fingerprint must not depend on. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, canonical(record[key])]));
  }
  return Object.is(value, -0) ? 0 : value;
}
