import { describe, expect, it } from 'vitest';
import { nextInterrupt, onInterrupt } from '../../../kubectl-plugin/cli/interrupt.js';

/** Delivers a signal to the listener registered last, as the process would, without signalling the test worker. */
function deliver(signal: 'SIGINT' | 'SIGTERM'): void {
  const listener = process.listeners(signal).at(-1) as (signal: string) => void;
  listener(signal);
}

describe('onInterrupt', () => {
  it('calls the handler on the first SIGINT or SIGTERM, once, and then stops listening to both', () => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') };
    const seen: string[] = [];
    onInterrupt((signal) => seen.push(signal));
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    deliver('SIGTERM');
    expect(seen).toEqual(['SIGTERM']);
    expect({ int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') }).toEqual(before);
  });

  it('stops listening when cancelled', () => {
    const before = process.listenerCount('SIGTERM');
    const cancel = onInterrupt(() => {});
    cancel();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});

describe('nextInterrupt', () => {
  it('resolves with the signal', async () => {
    const next = nextInterrupt();
    deliver('SIGINT');
    await expect(next.received).resolves.toBe('SIGINT');
  });
});
