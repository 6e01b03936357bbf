import { errorMessage } from '../errors/index.js';
import { decodeGob, type GobStruct, type GobValue } from './go-gob.js';
import { goTimeFromBinary } from './go-time.js';
import { Phase, phaseToString } from './phase.js';

/** The plugin state version Flyte's executor writes (S3 and HEAD). */
export const FLYTE_PLUGIN_STATE_VERSION = 1;

/** Flyte's k8s plugin manager: whether it has created the resource (the Pod) yet. */
export enum FlytePluginPhase {
  NotStarted = 0,
  Started = 1,
}

/**
 * What Flyte's executor stores in `status.pluginState` for a k8s plugin (its `PluginState`, Go gob): whether the Pod
 * was created and the phase it last reported. HEAD adds when it last recorded an event.
 */
export interface FlytePluginState {
  phase: FlytePluginPhase;
  k8sPluginState: { phase: Phase; phaseVersion: number; reason: string };
  lastEventUpdate?: Date;
  lastEventRecordedAt?: Date;
}

function fail(field: string, message: string): never {
  throw new Error(`Flyte plugin state: ${field} ${message}`);
}

function struct(value: GobValue | undefined, field: string): GobStruct {
  if (value === undefined) return { kind: 'struct', typeName: '', fields: {} };
  if (typeof value !== 'object' || !('kind' in value) || value.kind !== 'struct') fail(field, 'is not a struct');
  return value;
}

function whole(value: GobValue | undefined, field: string, min: number, max: number): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(field, `is not a whole number from ${min} to ${max}`);
  return value;
}

function text(value: GobValue | undefined, field: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') fail(field, 'is not a string');
  return value;
}

function time(value: GobValue | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || !('kind' in value) || value.kind !== 'encoded') fail(field, 'is not a time');
  try {
    return goTimeFromBinary(value.bytes);
  } catch (err) {
    return fail(field, errorMessage(err));
  }
}

/**
 * Decodes the plugin state Flyte's executor wrote (S3's and HEAD's shapes decode alike; absent fields are zero, as
 * gob omits them). Throws when the bytes are not gob or not this shape, naming the field.
 */
export function decodeFlytePluginState(bytes: Uint8Array): FlytePluginState {
  const root = struct(decodeGob(bytes), 'the value');
  const k8s = struct(root.fields.K8sPluginState, 'K8sPluginState');
  const state: FlytePluginState = {
    phase: whole(root.fields.Phase, 'Phase', FlytePluginPhase.NotStarted, FlytePluginPhase.Started),
    k8sPluginState: {
      phase: whole(k8s.fields.Phase, 'K8sPluginState.Phase', Phase.Undefined, Phase.Aborted),
      phaseVersion: whole(k8s.fields.PhaseVersion, 'K8sPluginState.PhaseVersion', 0, 0xffff_ffff),
      reason: text(k8s.fields.Reason, 'K8sPluginState.Reason'),
    },
  };
  const lastEventUpdate = time(root.fields.LastEventUpdate, 'LastEventUpdate');
  const lastEventRecordedAt = time(root.fields.LastEventRecordedAt, 'LastEventRecordedAt');
  if (lastEventUpdate !== undefined) state.lastEventUpdate = lastEventUpdate;
  if (lastEventRecordedAt !== undefined) state.lastEventRecordedAt = lastEventRecordedAt;
  return state;
}

/** For messages: `Started, PhaseQueued "task submitted to K8s"`. */
export function describeFlytePluginState(state: FlytePluginState): string {
  const k8s = state.k8sPluginState;
  const reason = k8s.reason !== '' ? ` "${k8s.reason}"` : '';
  return `${FlytePluginPhase[state.phase]}, ${phaseToString(k8s.phase)}${reason}`;
}
