import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LiveSource, runLiveView } from '../../../kubectl-plugin/cli/live-view.js';
import { type InformerListener, type KubeObject } from '../../../shared/kube/index.js';

/** An informer stand-in: holds objects, syncs on start and lets the test send events. */
class FakeSource implements LiveSource<KubeObject> {
  objects: KubeObject[] = [];
  stopped = false;
  private listener: InformerListener<KubeObject> | undefined;
  list = () => [...this.objects];
  addListener = (listener: InformerListener<KubeObject>) => {
    this.listener = listener;
    return () => {};
  };
  start = () => this.listener?.onSynced?.(this.list());
  stop = () => {
    this.stopped = true;
  };
  add(name: string): void {
    const object = { metadata: { name } };
    this.objects.push(object);
    this.listener?.onEvent?.('added', object, undefined);
  }
}

function capture(tty: boolean): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk.toString());
      callback();
    },
  });
  if (tty) Object.assign(stream, { isTTY: true });
  return { stream, writes };
}

const CLEAR = '\u001b[H\u001b[2J';
/** The view's age column: seconds since the test's start, as a rendering that only time changes. */
const started = Date.UTC(2025, 0, 1);
const render = (objects: KubeObject[]) => `${objects.map((o) => o.metadata.name).join(',')} ${Math.floor((Date.now() - started) / 1000)}s\n`;

describe('runLiveView', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(started);
  });
  afterEach(() => vi.useRealTimers());

  const noSignals = (stop: () => void) => {
    interrupt = stop;
    return () => {};
  };
  let interrupt = () => {};
  /** A view of one object `a`, on a terminal or not, that the test ends with `interrupt()`. */
  const start = (tty: boolean) => {
    const out = capture(tty);
    const source = new FakeSource();
    source.objects = [{ metadata: { name: 'a' } }];
    const view = runLiveView({ in: process.stdin, out: out.stream, err: capture(false).stream }, source, render, { onInterrupt: noSignals });
    return { out, source, view };
  };

  it('on a terminal redraws every second without a watch event, so ages move', async () => {
    const { out, source, view } = start(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(out.writes).toEqual([CLEAR, 'a 0s\n']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(out.writes.filter((w) => w !== CLEAR)).toEqual(['a 0s\n', 'a 1s\n', 'a 2s\n', 'a 3s\n']);
    interrupt();
    await expect(view).resolves.toEqual({ reason: 'interrupted', objects: source.objects });
    expect(source.stopped).toBe(true);
    // Stopped: no tick after the end.
    await vi.advanceTimersByTimeAsync(5000);
    expect(out.writes.filter((w) => w !== CLEAR)).toHaveLength(4);
  });

  it('off a terminal does not tick: only a change prints, with no redraw codes', async () => {
    const { out, source, view } = start(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(out.writes).toEqual(['a 0s\n']);
    source.add('b');
    await vi.advanceTimersByTimeAsync(100);
    expect(out.writes).toEqual(['a 0s\n', '\n', 'a,b 5s\n']);
    interrupt();
    await view;
  });

  it('ends by itself once `done` holds, after showing that state once', async () => {
    const out = capture(false);
    const source = new FakeSource();
    const view = runLiveView({ in: process.stdin, out: out.stream, err: capture(false).stream }, source, render, {
      onInterrupt: noSignals,
      done: (objects) => objects.some((o) => o.metadata.name === 'last'),
    });
    await vi.advanceTimersByTimeAsync(100);
    source.add('last');
    await vi.advanceTimersByTimeAsync(100);
    await expect(view).resolves.toEqual({ reason: 'done', objects: [{ metadata: { name: 'last' } }] });
    expect(out.writes).toEqual([' 0s\n', '\n', 'last 0s\n']);
    expect(source.stopped).toBe(true);
  });
});
