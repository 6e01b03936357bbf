import { describe, expect, it } from 'vitest';
import { LogCursor } from '../../../shared/logs/log-cursor.js';
import { logTimeNanos, sinceTimeAt } from '../../../shared/logs/log-time.js';

const t = (text: string) => logTimeNanos(text);

describe('log times', () => {
  it('reads RFC 3339 times to the nanosecond, with any number of fractional digits', () => {
    expect(t('2026-01-02T03:04:05.000000001Z')! - t('2026-01-02T03:04:05Z')!).toBe(1n);
    expect(t('2026-01-02T03:04:05.5Z')! - t('2026-01-02T03:04:05Z')!).toBe(500_000_000n);
    expect(t('2026-01-02T04:04:05+01:00')).toBe(t('2026-01-02T03:04:05Z'));
    expect(t('yesterday')).toBeUndefined();
    expect(t('2026-01-02T03:04:05.1234567891Z')).toBeUndefined();
  });

  it('resumes at the whole second of a line, rounded down, as the API server passes sinceTime on', () => {
    expect(sinceTimeAt(t('2026-01-02T03:04:05.999999999Z')!)).toBe('2026-01-02T03:04:05Z');
    expect(sinceTimeAt(t('2026-01-02T03:04:05Z')!)).toBe('2026-01-02T03:04:05Z');
  });
});

describe('LogCursor', () => {
  it('delivers every line once across a resume that reads the last second again', () => {
    const cursor = new LogCursor();
    const first = ['2026-01-02T03:04:04.9Z', '2026-01-02T03:04:05.1Z', '2026-01-02T03:04:05.2Z'];
    expect(first.map((time) => cursor.admit(t(time)))).toEqual([true, true, true]);
    expect(cursor.resume()).toBe('2026-01-02T03:04:05Z');
    const again = ['2026-01-02T03:04:05.1Z', '2026-01-02T03:04:05.2Z', '2026-01-02T03:04:05.3Z'];
    expect(again.map((time) => cursor.admit(t(time)))).toEqual([false, false, true]);
  });

  it('tells apart lines that share one time by how many of them were delivered', () => {
    const cursor = new LogCursor();
    const same = '2026-01-02T03:04:05.5Z';
    expect([cursor.admit(t(same)), cursor.admit(t(same))]).toEqual([true, true]);
    cursor.resume();
    // The server sends both again, then a third line written at the same time after the connection broke.
    expect([cursor.admit(t(same)), cursor.admit(t(same)), cursor.admit(t(same))]).toEqual([false, false, true]);
    cursor.resume();
    expect([same, same, same, '2026-01-02T03:04:06Z'].map((time) => cursor.admit(t(time)))).toEqual([false, false, false, true]);
  });

  it('starts over as first asked while nothing was delivered, and always delivers lines without a time', () => {
    const cursor = new LogCursor();
    expect(cursor.resume()).toBeUndefined();
    expect(cursor.hasDelivered).toBe(false);
    expect([cursor.admit(undefined), cursor.admit(undefined)]).toEqual([true, true]);
    expect(cursor.hasDelivered).toBe(false);
  });
});
