import { describe, expect, it } from 'vitest';
import { JsonPluginState, PluginStateDecodeError } from '../../../shared/plugins/plugin-state.js';

interface PodState {
  podName: string;
  attempt: number;
}

describe('JsonPluginState', () => {
  it('has no state and version 0 before the first round', () => {
    const state = new JsonPluginState();
    expect(state.get<PodState>()).toEqual({ version: 0, value: undefined });
    expect(state.getStateVersion()).toBe(0);
    expect(state.newState()).toEqual({ written: false });
  });

  it('shows what one round put to the next round, not to itself', () => {
    const round1 = new JsonPluginState();
    round1.put(1, { podName: 'a', attempt: 1 });
    expect(round1.get()).toEqual({ version: 0, value: undefined });
    const stored = round1.newState();
    expect(stored.written).toBe(true);
    expect(JSON.parse(Buffer.from(stored.pluginState ?? '', 'base64').toString('utf8'))).toEqual({ podName: 'a', attempt: 1 });

    const round2 = new JsonPluginState(stored);
    expect(round2.get<PodState>()).toEqual({ version: 1, value: { podName: 'a', attempt: 1 } });
    expect(round2.getStateVersion()).toBe(1);
    expect(round2.newState().written).toBe(false);
  });

  it('reports a stored version even without state, as upstream, while get() still has none', () => {
    const state = new JsonPluginState({ pluginStateVersion: 3 });
    expect(state.getStateVersion()).toBe(3);
    expect(state.get()).toEqual({ version: 0, value: undefined });
  });

  it('keeps only the last put of a round', () => {
    const round = new JsonPluginState();
    round.put(1, { podName: 'a', attempt: 1 });
    round.put(2, { podName: 'b', attempt: 2 });
    expect(new JsonPluginState(round.newState()).get<PodState>()).toEqual({ version: 2, value: { podName: 'b', attempt: 2 } });
  });

  it('reset makes the next round see nothing', () => {
    const round1 = new JsonPluginState();
    round1.put(3, ['x']);
    const round2 = new JsonPluginState(round1.newState());
    round2.reset();
    expect(round2.get()).toEqual({ version: 3, value: ['x'] });
    const change = round2.newState();
    expect(change).toEqual({ written: true, pluginStateVersion: 0 });
    expect(new JsonPluginState(change).get()).toEqual({ version: 0, value: undefined });
    round2.put(4, 'again');
    expect(new JsonPluginState(round2.newState()).get()).toEqual({ version: 4, value: 'again' });
  });

  it('keeps falsy values apart from no state', () => {
    for (const value of [0, false, '', null]) {
      const round = new JsonPluginState();
      round.put(1, value);
      expect(new JsonPluginState(round.newState()).get()).toEqual({ version: 1, value });
    }
  });

  it('rejects versions outside 0..255 and values without JSON form', () => {
    const round = new JsonPluginState();
    expect(() => round.put(256, {})).toThrow('plugin state version must be a whole number from 0 to 255, not 256');
    expect(() => round.put(-1, {})).toThrow('not -1');
    expect(() => round.put(1.5, {})).toThrow('not 1.5');
    expect(() => round.put(1, undefined)).toThrow('failed to encode plugin state: the value has no JSON form');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => round.put(1, cyclic)).toThrow(/^failed to encode plugin state: /);
    expect(() => round.put(1, 10n)).toThrow(/^failed to encode plugin state: /);
    expect(round.newState()).toEqual({ written: false });
  });

  it('reports state it cannot read, such as the Go gob Flyte stores', () => {
    const gob = Buffer.from([0x0e, 0xff, 0x81, 0x03, 0x01, 0x01]).toString('base64');
    const state = new JsonPluginState({ pluginState: gob, pluginStateVersion: 1 });
    expect(() => state.get()).toThrow(/^failed to decode plugin state: /);
    expect(() => state.get()).toThrow(PluginStateDecodeError);
    // The raw bytes stay available to a plugin that can read them.
    expect(state.getRaw()).toEqual({ version: 1, bytes: new Uint8Array([0x0e, 0xff, 0x81, 0x03, 0x01, 0x01]) });
    expect(new JsonPluginState().getRaw()).toEqual({ version: 0, bytes: undefined });
  });
});
