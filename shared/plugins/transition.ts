import { PHASE_INFO_UNDEFINED, type PhaseInfo } from './phase-info.js';

/** How consistently a transition's state must be visible to the next round (port of `core.TransitionType`). */
export enum TransitionType {
  /** Eventually consistent; for idempotent plugins, and the fastest. */
  Ephemeral = 0,
  /** @deprecated Flyte no longer supports barrier transitions. */
  Barrier = 1,
}

const NAMES = ['TransitionTypeEphemeral', 'TransitionTypeBarrier'];
const BY_NAME = new Map<string, TransitionType>(NAMES.map((name, value) => [name, value as TransitionType]));

/** Go's `String()`: `TransitionTypeEphemeral`; `TransitionType(2)` outside the range. */
export function transitionTypeToString(type: TransitionType): string {
  return (Number.isInteger(type) ? NAMES[type] : undefined) ?? `TransitionType(${type})`;
}

export function transitionTypeFromString(name: string): TransitionType {
  const type = BY_NAME.get(name);
  if (type === undefined) throw new Error(`${name} does not belong to TransitionType values`);
  return type;
}

/** What `Plugin.handle` returns: the observed phase and how to persist it. */
export class Transition {
  constructor(
    readonly type: TransitionType,
    readonly info: PhaseInfo,
  ) {}

  /** `TYPE,PHASEINFO`, e.g. `TransitionTypeBarrier,Phase<PhaseUndefined:0 <nil> Reason:>`. */
  toString(): string {
    return `${transitionTypeToString(this.type)},${this.info.toString()}`;
  }
}

export function doTransitionType(type: TransitionType, info: PhaseInfo): Transition {
  return new Transition(type, info);
}

/** The usual transition: ephemeral. */
export function doTransition(info: PhaseInfo): Transition {
  return doTransitionType(TransitionType.Ephemeral, info);
}

/** To return when an error is observed and the phase is unknown. */
export const UNKNOWN_TRANSITION = new Transition(TransitionType.Ephemeral, PHASE_INFO_UNDEFINED);
