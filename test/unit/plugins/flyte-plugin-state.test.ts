import { describe, expect, it } from 'vitest';
import { decodeFlytePluginState, describeFlytePluginState, FlytePluginPhase } from '../../../shared/plugins/flyte-plugin-state.js';
import { decodeGob, GobDecodeError } from '../../../shared/plugins/go-gob.js';
import { Phase } from '../../../shared/plugins/phase.js';
import { HEAD_ODD_NUMBERS_STATE, HEAD_RUNNING_STATE, S3_LAUNCHED_STATE, S3_SUCCESS_STATE } from '../../helpers/flyte-plugin-state-blobs.js';

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

const S3_SUCCESS = bytes(S3_SUCCESS_STATE);
const S3_DEFINITIONS = S3_SUCCESS.slice(0, 119);
const S3_LAUNCH = bytes(S3_LAUNCHED_STATE);
const HEAD_RUNNING = bytes(HEAD_RUNNING_STATE);
const HEAD_ODD_NUMBERS = bytes(HEAD_ODD_NUMBERS_STATE);

describe('decodeGob', () => {
  it('reads the reference\'s S3 blob exactly: type definitions, then the struct value', () => {
    expect(S3_SUCCESS.length).toBe(129);
    expect(decodeGob(S3_SUCCESS)).toEqual({
      kind: 'struct',
      typeName: 'PluginState',
      fields: { Phase: 1, K8sPluginState: { kind: 'struct', typeName: 'PluginState', fields: { Phase: 6 } } },
    });
  });

  it('reads negative and multi-byte integers and self-encoded values', () => {
    const value = decodeGob(HEAD_ODD_NUMBERS);
    expect(value).toMatchObject({ fields: { K8sPluginState: { fields: { Phase: -3, PhaseVersion: 4_000_000_000, Reason: 'x' } } } });
    const running = decodeGob(HEAD_RUNNING);
    expect(running).toMatchObject({ fields: { LastEventUpdate: { kind: 'encoded', typeName: 'Time' } } });
  });

  it('refuses what is not gob, or is cut short, with the byte where it went wrong', () => {
    expect(() => decodeGob(new Uint8Array())).toThrow(new GobDecodeError('gob: at byte 0: no data'));
    expect(() => decodeGob(new Uint8Array(Buffer.from('{"podName":"p"}')))).toThrow(GobDecodeError);
    expect(() => decodeGob(S3_SUCCESS.slice(0, 60))).toThrow(/^gob: at byte 56: a message of 63 bytes, 4 left$/);
    expect(() => decodeGob(S3_DEFINITIONS)).toThrow('gob: at byte 119: type definitions without a value');
    // A value of a type never defined.
    expect(() => decodeGob(new Uint8Array([0x03, 0xff, 0x90, 0x00]))).toThrow('gob: at byte 4: type 72 was never defined');
  });

  it('refuses slices and maps instead of guessing', () => {
    // wireType field 1 (SliceT) for id 64.
    expect(() => decodeGob(new Uint8Array([0x03, 0x7f, 0x02, 0x00]))).toThrow('gob: at byte 3: slice types are not supported');
  });
});

describe('decodeFlytePluginState', () => {
  it('maps the reference\'s S3 blobs: Started, then the k8s phase', () => {
    expect(decodeFlytePluginState(S3_SUCCESS)).toEqual({
      phase: FlytePluginPhase.Started,
      k8sPluginState: { phase: Phase.Success, phaseVersion: 0, reason: '' },
    });
    const launched = decodeFlytePluginState(S3_LAUNCH);
    expect(launched).toEqual({
      phase: FlytePluginPhase.Started,
      k8sPluginState: { phase: Phase.Queued, phaseVersion: 0, reason: 'task submitted to K8s' },
    });
    expect(describeFlytePluginState(launched)).toBe('Started, PhaseQueued "task submitted to K8s"');
  });

  it('reads HEAD\'s shape with its times', () => {
    expect(decodeFlytePluginState(HEAD_RUNNING)).toEqual({
      phase: FlytePluginPhase.Started,
      k8sPluginState: { phase: Phase.Running, phaseVersion: 2, reason: 'running' },
      lastEventUpdate: new Date('2025-03-14T09:26:53.589Z'),
      lastEventRecordedAt: new Date('2025-03-14T09:00:00.000Z'),
    });
  });

  it('names the field that does not fit', () => {
    expect(() => decodeFlytePluginState(HEAD_ODD_NUMBERS)).toThrow('Flyte plugin state: K8sPluginState.Phase is not a whole number from 0 to 10');
    // Our own JSON state is never gob.
    expect(() => decodeFlytePluginState(new Uint8Array(Buffer.from('{"podName":"p"}')))).toThrow(/^gob: at byte /);
  });
});
