import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Urgency, WorkQueue } from '../../../shared/executor/work-queue.js';

/** A process function whose calls stay open until released, recording what ran when. */
function gate() {
  const log: string[] = [];
  const open = new Map<string, () => void>();
  const process = (key: string) =>
    new Promise<void>((resolve) => {
      log.push(`start ${key}`);
      open.set(key, () => {
        log.push(`end ${key}`);
        open.delete(key);
        resolve();
      });
    });
  const release = async (key: string) => {
    open.get(key)?.();
    await new Promise((r) => setImmediate(r));
  };
  return { log, open, process, release };
}

const tick = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('WorkQueue', () => {
  it('processes nothing while paused and keeps a key waiting only once', async () => {
    const g = gate();
    const queue = new WorkQueue({ concurrency: 2, process: g.process });
    queue.add('a');
    queue.add('a');
    queue.add('b');
    expect(queue.length).toBe(2);
    await tick();
    expect(g.log).toEqual([]);
    queue.resume();
    await tick();
    expect(g.log).toEqual(['start a', 'start b']);
    expect(queue.inFlight).toBe(2);
  });

  it('never runs one key twice at once; a key added while it runs runs once more afterwards', async () => {
    const g = gate();
    const queue = new WorkQueue({ concurrency: 4, process: g.process });
    queue.resume();
    queue.add('a');
    await tick();
    queue.add('a');
    queue.add('a');
    await tick();
    expect(g.log).toEqual(['start a']);
    await g.release('a');
    expect(g.log).toEqual(['start a', 'end a', 'start a']);
    await g.release('a');
    expect(g.log).toEqual(['start a', 'end a', 'start a', 'end a']);
    expect(queue.inFlight).toBe(0);
  });

  it('runs at most `concurrency` keys at once, in the order they came', async () => {
    const g = gate();
    const queue = new WorkQueue({ concurrency: 2, process: g.process });
    queue.resume();
    for (const key of ['a', 'b', 'c', 'd']) queue.add(key);
    await tick();
    expect(g.log).toEqual(['start a', 'start b']);
    await g.release('b');
    expect(g.log.slice(-1)).toEqual(['start c']);
    expect(queue.length).toBe(1);
  });

  it('starts urgent keys before all others, moves a waiting key ahead once it becomes urgent, and runs each once', async () => {
    const g = gate();
    const urgent = new Set<string>();
    const queue = new WorkQueue({ concurrency: 1, process: g.process, urgencyOf: (key) => (urgent.has(key) ? 'urgent' : 'ordinary') });
    for (const key of ['a', 'b', 'c']) queue.add(key);
    urgent.add('d');
    queue.add('d');
    urgent.add('b');
    queue.add('b');
    queue.add('b');
    expect(queue.length).toBe(4);
    queue.resume();
    for (const key of ['d', 'b', 'a', 'c']) {
      await tick();
      await g.release(key);
    }
    expect(g.log).toEqual(['start d', 'end d', 'start b', 'end b', 'start a', 'end a', 'start c', 'end c']);
    expect(queue.length).toBe(0);

    // Added again while it runs, a key runs once more afterwards, as urgent as it is by then.
    urgent.clear();
    queue.add('e');
    queue.add('f');
    await tick();
    queue.add('e');
    urgent.add('e');
    await g.release('e');
    await g.release('e');
    await tick();
    expect(g.log.slice(8)).toEqual(['start e', 'end e', 'start e', 'end e', 'start f']);
  });

  it('starts first keys before urgent ones; a key moves up to first but never back down', async () => {
    const g = gate();
    const urgency = new Map<string, Urgency>();
    const queue = new WorkQueue({ concurrency: 2, reservedForUrgent: 1, process: g.process, urgencyOf: (key) => urgency.get(key) ?? 'ordinary' });
    for (const [key, level] of [['o', 'ordinary'], ['u1', 'urgent'], ['u2', 'urgent'], ['f1', 'first']] as const) {
      urgency.set(key, level);
      queue.add(key);
    }
    // u2 becomes first (its round records an end); then it is added as merely urgent: it stays first.
    urgency.set('u2', 'first');
    queue.add('u2');
    urgency.set('u2', 'urgent');
    queue.add('u2');
    expect(queue.length).toBe(4);
    queue.resume();
    await tick();
    // One ordinary worker, one kept: the kept one and the ordinary one both go to first keys while there are any.
    expect(g.log).toEqual(['start f1', 'start u2']);
    await g.release('f1');
    await g.release('u2');
    await tick();
    expect(g.log.slice(2)).toEqual(['end f1', 'start u1', 'end u2', 'start o']);
    expect(queue.length).toBe(0);
  });

  it('reports each start with the urgency it started at and how long it waited at that urgency', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const g = gate();
    const urgency = new Map<string, Urgency>();
    const starts: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      process: g.process,
      urgencyOf: (key) => urgency.get(key) ?? 'ordinary',
      onStart: (key, waitedMs, level) => starts.push(`${key} ${level} ${waitedMs}`),
    });
    queue.add('a');
    queue.add('b');
    vi.advanceTimersByTime(300);
    // b moves up: its wait counts from then.
    urgency.set('b', 'first');
    queue.add('b');
    vi.advanceTimersByTime(200);
    queue.resume();
    await tick();
    await g.release('b');
    vi.advanceTimersByTime(100);
    await g.release('a');
    expect(starts).toEqual(['b first 200', 'a ordinary 500']);
  });

  it('keeps workers for urgent keys: a backlog of ordinary keys never takes them all', async () => {
    const g = gate();
    const urgent = new Set<string>(['u', 'v']);
    const queue = new WorkQueue({ concurrency: 3, reservedForUrgent: 1, process: g.process, urgencyOf: (key) => (urgent.has(key) ? 'urgent' : 'ordinary') });
    queue.resume();
    for (const key of ['a', 'b', 'c', 'd']) queue.add(key);
    await tick();
    // Two ordinary keys run; the third worker is kept.
    expect(g.log).toEqual(['start a', 'start b']);
    expect(queue.inFlight).toBe(2);
    queue.add('u');
    await tick();
    expect(g.log).toEqual(['start a', 'start b', 'start u']);
    // All three workers busy: the next urgent key waits for any of them, and goes before the ordinary ones.
    queue.add('v');
    await g.release('a');
    await tick();
    expect(g.log.slice(3)).toEqual(['end a', 'start v']);
    // An ordinary worker frees: the next ordinary key takes it.
    await g.release('b');
    await tick();
    expect(g.log.slice(5)).toEqual(['end b', 'start c']);
    // A worker freed by an urgent key goes to an ordinary key while fewer than two of them run...
    await g.release('u');
    await tick();
    expect(g.log.slice(7)).toEqual(['end u', 'start d']);
    // ...but not once two do: the freed worker stays kept for urgent keys.
    queue.add('e');
    await g.release('v');
    await tick();
    expect(g.log.slice(9)).toEqual(['end v']);
    expect(queue.inFlight).toBe(2);
    expect(queue.length).toBe(1);
    expect(() => new WorkQueue({ concurrency: 2, reservedForUrgent: 2, process: g.process })).toThrow('reservedForUrgent must be a whole number from 0 to concurrency - 1 (1), not 2');
  });

  it('keeps the earliest of several delayed adds, and an immediate add cancels the delay', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, process: (key) => Promise.resolve(void seen.push(key)) });
    queue.resume();
    queue.addAfter('a', 1000);
    queue.addAfter('a', 5000);
    queue.addAfter('a', 300);
    expect(queue.scheduled).toBe(1);
    await vi.advanceTimersByTimeAsync(299);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen).toEqual(['a']);

    queue.addAfter('b', 1000);
    queue.add('b');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['a', 'b']);
    expect(queue.scheduled).toBe(0);
  });

  it('reports errors and carries on; a paused queue drains its running keys; shutdown drops the rest', async () => {
    const g = gate();
    const errors: string[] = [];
    let settled = 0;
    const queue = new WorkQueue({
      concurrency: 1,
      process: (key) => (key === 'bad' ? Promise.reject(new Error('boom')) : g.process(key)),
      onError: (key, err) => errors.push(`${key}: ${(err as Error).message}`),
      onSettled: () => settled++,
    });
    queue.resume();
    queue.add('bad');
    queue.add('a');
    queue.add('b');
    await tick();
    expect(errors).toEqual(['bad: boom']);
    queue.pause();
    const drained = queue.drain();
    await g.release('a');
    await drained;
    expect(settled).toBe(2);
    expect(queue.length).toBe(1);
    await queue.shutdown();
    expect(queue.length).toBe(0);
    queue.add('c');
    queue.resume();
    await tick();
    expect(g.log).toEqual(['start a', 'end a']);
  });

  it('delays rate-limited adds by the key\'s own failure count, doubling to the cap, until forgotten', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      process: (key) => Promise.resolve(void seen.push(key)),
      retryBackoff: { initial: 100, max: 350 },
    });
    queue.resume();
    expect([1, 2, 3, 4].map(() => queue.addRateLimited('a'))).toEqual([100, 200, 350, 350]);
    expect(queue.numRequeues('a')).toBe(4);
    expect(queue.numRequeues('b')).toBe(0);
    // Each add asked for a later time than the pending one, so the first (100 ms) still holds.
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toEqual(['a']);

    expect(queue.addRateLimited('b')).toBe(100);
    queue.forget('a');
    expect(queue.numRequeues('a')).toBe(0);
    expect(queue.addRateLimited('a')).toBe(100);
    expect(queue.numRequeues('b')).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toEqual(['a', 'b', 'a']);
  });

  it('defaults to 250 ms doubling up to 30 s, and forgets every count at shutdown', async () => {
    const queue = new WorkQueue({ concurrency: 1, process: () => Promise.resolve() });
    const delays = Array.from({ length: 9 }, () => queue.addRateLimited('a'));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    await queue.shutdown();
    expect(queue.numRequeues('a')).toBe(0);
    expect(queue.scheduled).toBe(0);
  });

  it('rejects a concurrency below 1', () => {
    expect(() => new WorkQueue({ concurrency: 0, process: () => Promise.resolve() })).toThrow('concurrency must be a whole number of at least 1, not 0');
  });

  it('lets the event loop turn between keys once they have started back to back for yieldAfterMs', async () => {
    const order = async (yieldAfterMs: number) => {
      const seen: string[] = [];
      const queue = new WorkQueue({ concurrency: 1, yieldAfterMs, process: (key) => Promise.resolve(void seen.push(key)) });
      queue.resume();
      for (const key of ['a', 'b', 'c']) queue.add(key);
      // What else the event loop has to do (a watch event, an answer): here, one callback.
      setImmediate(() => seen.push('turn'));
      while (seen.length < 4) await tick();
      return seen;
    };
    // Rounds that need no I/O each start the next at once: without a limit, all of them before the loop turns.
    expect(await order(Number.POSITIVE_INFINITY)).toEqual(['a', 'b', 'c', 'turn']);
    expect(await order(0)).toEqual(['a', 'turn', 'b', 'c']);
  });

  it('by default, does not hold the event loop through hundreds of rounds that need no I/O', async () => {
    const spinMicros = (micros: number) => {
      const cpu = () => process.cpuUsage().user + process.cpuUsage().system;
      const until = cpu() + micros;
      while (cpu() < until) {
        // Burns CPU time as a round that reads only caches does.
      }
    };
    let done = 0;
    const queue = new WorkQueue({
      concurrency: 16,
      process: () => {
        spinMicros(100);
        done++;
        return Promise.resolve();
      },
    });
    queue.resume();
    // 500 rounds of 0.1 ms of CPU each: 50 ms, five times the default limit.
    for (let i = 0; i < 500; i++) queue.add(`k${i}`);
    const doneWhenTheTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(done), 0));
    expect(doneWhenTheTimerRan).toBeLessThan(500);
    while (done < 500) await tick();
    expect(queue.length).toBe(0);
  });
});
