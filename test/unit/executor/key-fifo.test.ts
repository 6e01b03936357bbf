import { describe, expect, it } from 'vitest';
import { KeyFifo } from '../../../shared/executor/key-fifo.js';

describe('KeyFifo', () => {
  it('hands keys out in the order they came, across the compaction of what was taken', () => {
    const fifo = new KeyFifo();
    const out: (string | undefined)[] = [];
    for (let i = 0; i < 3000; i++) fifo.push(`k${i}`);
    for (let i = 0; i < 2500; i++) out.push(fifo.shift());
    for (let i = 3000; i < 4000; i++) fifo.push(`k${i}`);
    expect(fifo.length).toBe(1500);
    while (fifo.length > 0) out.push(fifo.shift());
    expect(out).toEqual(Array.from({ length: 4000 }, (_, i) => `k${i}`));
    expect(fifo.shift()).toBeUndefined();
    fifo.push('again');
    expect(fifo.shift()).toBe('again');
  });

  it('is empty after clear', () => {
    const fifo = new KeyFifo();
    fifo.push('a');
    fifo.push('b');
    fifo.shift();
    fifo.clear();
    expect(fifo.length).toBe(0);
    expect(fifo.shift()).toBeUndefined();
  });
});
