import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { narrowEdit } from '../../../extension/src/convert/narrow-edit.js';

const apply = (text: string, e: { start: number; end: number; replacement: string }) => text.slice(0, e.start) + e.replacement + text.slice(e.end);

describe('narrowEdit', () => {
  it('keeps only the changed middle of a document replacement', () => {
    const text = 'a: 1\nb: 2\nc: 3\n';
    expect(narrowEdit(text, { start: 0, end: text.length, replacement: 'a: 1\nb: 20\nc: 3\n' })).toEqual({ start: 9, end: 9, replacement: '0' });
  });

  it('returns an empty edit for an identical replacement', () => {
    const text = 'same\n';
    expect(narrowEdit(text, { start: 0, end: 5, replacement: 'same\n' })).toEqual({ start: 5, end: 5, replacement: '' });
  });

  it('never cuts a surrogate pair in half', () => {
    // 😀 and 😃 share their high surrogate; the edit must replace the whole character.
    const text = 'x😀y';
    const narrowed = narrowEdit(text, { start: 0, end: text.length, replacement: 'x😃y' });
    expect(narrowed).toEqual({ start: 1, end: 3, replacement: '😃' });
  });

  it('produces the same text as the full replacement, for any texts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, old, replacement, after) => {
        const text = before + old + after;
        const edit = { start: before.length, end: before.length + old.length, replacement };
        const narrowed = narrowEdit(text, edit);
        expect(apply(text, narrowed)).toBe(apply(text, edit));
        expect(narrowed.start).toBeGreaterThanOrEqual(edit.start);
        expect(narrowed.end).toBeLessThanOrEqual(edit.end);
      }),
    );
  });
});
