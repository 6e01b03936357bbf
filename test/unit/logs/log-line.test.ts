import { describe, expect, it } from 'vitest';
import { LineSplitter, splitTimestamp } from '../../../shared/logs/log-line.js';

describe('LineSplitter', () => {
  it('holds a piece of a line until its end arrives', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\ntw')).toEqual(['one']);
    expect(splitter.push('o\n\nthr')).toEqual(['two', '']);
    expect(splitter.flush()).toEqual(['thr']);
    expect(splitter.flush()).toEqual([]);
  });
});

describe('splitTimestamp', () => {
  it('separates the kubelet time from the text, keeping the text as it is', () => {
    expect(splitTimestamp('2026-01-02T03:04:05.1Z  indented text ')).toEqual({ timestamp: '2026-01-02T03:04:05.1Z', text: ' indented text ' });
    expect(splitTimestamp('2026-01-02T03:04:05.1Z ')).toEqual({ timestamp: '2026-01-02T03:04:05.1Z', text: '' });
    expect(splitTimestamp('no time here')).toEqual({ timestamp: '', text: 'no time here' });
  });
});
