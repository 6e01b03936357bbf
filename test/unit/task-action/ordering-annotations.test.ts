import { describe, expect, it } from 'vitest';
import { afterOf, childrenWaitForParent, mergeAfterLists, parseAfterList } from '../../../shared/task-action/ordering-annotations.js';

describe('the kueue.dev/after annotation', () => {
  it('lists action names, without spaces, empty entries or repeats', () => {
    expect(parseAfterList('fetch,train')).toEqual(['fetch', 'train']);
    expect(parseAfterList(' fetch , ,train,, fetch ')).toEqual(['fetch', 'train']);
    expect(parseAfterList('')).toEqual([]);
    expect(parseAfterList(' , ')).toEqual([]);
    expect(parseAfterList(undefined)).toEqual([]);
  });

  it('is read from an object\'s annotations', () => {
    expect(afterOf({ annotations: { 'kueue.dev/after': 'a, b' } })).toEqual(['a', 'b']);
    expect(afterOf({ annotations: { other: 'x' } })).toEqual([]);
    expect(afterOf(undefined)).toEqual([]);
  });

  it('merges lists keeping the first occurrence of each name', () => {
    expect(mergeAfterLists(['b', 'a'], ['a', 'c'])).toBe('b,a,c');
  });
});

describe('the kueue.dev/children-wait-for-parent annotation', () => {
  it('is on only for "true" (any case, spaces ignored)', () => {
    expect(childrenWaitForParent({ annotations: { 'kueue.dev/children-wait-for-parent': 'true' } })).toBe(true);
    expect(childrenWaitForParent({ annotations: { 'kueue.dev/children-wait-for-parent': ' True ' } })).toBe(true);
    expect(childrenWaitForParent({ annotations: { 'kueue.dev/children-wait-for-parent': 'false' } })).toBe(false);
    expect(childrenWaitForParent({ annotations: {} })).toBe(false);
    expect(childrenWaitForParent(undefined)).toBe(false);
  });
});
