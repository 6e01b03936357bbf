import { EventEmitter } from 'node:events';
import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionTracker } from '../../../shared/queue/service/connection-tracker.js';
import { type NodeRequest, type NodeResponse } from '../../../shared/queue/service/node-http.js';

/** Just enough of a socket for the tracker: it is destroyed, and then it closes. */
class FakeSocket extends EventEmitter {
  destroyed = false;
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('close');
  }
}

function socket(): FakeSocket & net.Socket {
  return new FakeSocket() as FakeSocket & net.Socket;
}

describe('ConnectionTracker', () => {
  it('closes idle connections when draining and refuses new ones', () => {
    const tracker = new ConnectionTracker();
    const idle = socket();
    expect(tracker.accept(idle)).toBe(true);
    tracker.detected(idle, 'http/1.1');
    expect(tracker.hasConnections).toBe(true);
    tracker.drain();
    expect(idle.destroyed).toBe(true);
    expect(tracker.hasConnections).toBe(false);
    const late = socket();
    expect(tracker.accept(late)).toBe(false);
    expect(late.destroyed).toBe(true);
  });

  it('counts a request until its answer closes, and cuts off what is left', () => {
    const tracker = new ConnectionTracker();
    const h2 = socket();
    tracker.accept(h2);
    tracker.detected(h2, 'h2c');
    const res = new EventEmitter();
    tracker.request({ socket: h2 } as unknown as NodeRequest, res as unknown as NodeResponse);
    expect(tracker.inFlight).toBe(1);
    // An HTTP/2 connection is left to its session when draining: its streams may still be answering.
    tracker.drain();
    expect(h2.destroyed).toBe(false);
    res.emit('close');
    expect(tracker.inFlight).toBe(0);
    tracker.destroyAll();
    expect(h2.destroyed).toBe(true);
  });
});
