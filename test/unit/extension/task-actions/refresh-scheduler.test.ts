import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshScheduler } from '../../../../extension/src/task-actions/refresh-scheduler.js';

describe('RefreshScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('repaints once per interval under a steady stream of events, not once per event', () => {
    const flush = vi.fn();
    const scheduler = new RefreshScheduler(flush, 250);
    scheduler.setVisible(true);
    for (let i = 0; i < 100; i++) {
      scheduler.request();
      vi.advanceTimersByTime(10);
    }
    // 1,000 ms of events every 10 ms: a repaint every 250 ms, not a trailing debounce that never fires.
    expect(flush).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(250);
    expect(flush).toHaveBeenCalledTimes(4);
  });

  it('shows a lone change within the interval', () => {
    const flush = vi.fn();
    const scheduler = new RefreshScheduler(flush, 250);
    scheduler.setVisible(true);
    scheduler.request();
    vi.advanceTimersByTime(249);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('does nothing while hidden, and repaints at once when shown again if something changed', () => {
    const flush = vi.fn();
    const scheduler = new RefreshScheduler(flush, 250);
    scheduler.request();
    vi.advanceTimersByTime(10_000);
    expect(flush).not.toHaveBeenCalled();
    scheduler.setVisible(true);
    expect(flush).toHaveBeenCalledTimes(1);
    scheduler.setVisible(false);
    scheduler.setVisible(true);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('drops a scheduled repaint when hidden, and keeps it for when the view shows', () => {
    const flush = vi.fn();
    const scheduler = new RefreshScheduler(flush, 250);
    scheduler.setVisible(true);
    scheduler.request();
    scheduler.setVisible(false);
    vi.advanceTimersByTime(1_000);
    expect(flush).not.toHaveBeenCalled();
    scheduler.setVisible(true);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('stops for good when disposed', () => {
    const flush = vi.fn();
    const scheduler = new RefreshScheduler(flush, 250);
    scheduler.setVisible(true);
    scheduler.request();
    scheduler.dispose();
    vi.advanceTimersByTime(1_000);
    expect(flush).not.toHaveBeenCalled();
  });
});
