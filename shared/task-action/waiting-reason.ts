import { CONDITION_PROGRESSING, ConditionReason, findCondition } from './condition.js';
import { displayPhase } from './display-phase.js';
import { executionLedger } from './execution-ledger.js';
import { type TaskAction } from './types.js';

/**
 * Why an action that is not running waits, most urgent first: its image cannot be pulled, no node fits its Pod, a
 * ResourceQuota or the executor's Pod cap holds it back, an attempt failed and another follows, or it waits for
 * other actions (`kueue.dev/after`, or a parent).
 */
export type WaitingKind = 'image-pull' | 'unschedulable' | 'quota' | 'capped' | 'retrying' | 'after';

export interface WaitingReason {
  kind: WaitingKind;
  /** Short, for a row: `waiting: image pull`, `waiting for fetch, train`, `retrying after OOMKilled`. */
  summary: string;
  /** What the executor recorded, in full: the condition's message. */
  detail: string;
  /** For `after`: the actions waited for. */
  waitingFor?: string[];
}

/** How urgent each kind is to a person: the first ones need them to act, the last is the run's normal course. */
export const WAITING_KIND_ORDER: readonly WaitingKind[] = ['image-pull', 'unschedulable', 'quota', 'capped', 'retrying', 'after'];

const IMAGE_PULL = /^\[(ErrImagePull|ImagePullBackOff)\]/;
const IMAGE_PULL_CODES = new Set(['ErrImagePull', 'ImagePullBackOff']);
// The texts below are what the executor writes (its upstream gate and the pod plugin); unit tests hold both sides
// to them, since Flyte's CRDs keep no field but the condition to carry the cause in.
const UNSCHEDULABLE = /^Unschedulable: /;
const POD_SLOT = /^waiting for a Pod slot: /;
const QUOTA = /^the namespace's ResourceQuota is used up: /;
const WAITING_FOR = /^waiting for ((?:[^ ,]+)(?:, [^ ,]+)*)$/;

function reason(kind: WaitingKind, summary: string, detail: string, waitingFor?: string[]): WaitingReason {
  return { kind, summary, detail, ...(waitingFor !== undefined ? { waitingFor } : {}) };
}

/**
 * Why the action waits, from its status alone (what a watch delivers; no Pod is read): undefined when it runs,
 * finished, or no executor has said why it waits.
 */
export function waitingReason(action: Pick<TaskAction, 'status' | 'metadata'>): WaitingReason | undefined {
  const phase = displayPhase(action);
  const progressing = findCondition(action.status?.conditions, CONDITION_PROGRESSING);
  if (progressing === undefined || progressing.status !== 'True') return undefined;
  const message = progressing.message;
  if (phase === 'Retrying') {
    const code = executionLedger(action.status).errorState?.code;
    if (code !== undefined && IMAGE_PULL_CODES.has(code)) return reason('image-pull', 'retrying: image pull', message);
    return reason('retrying', code ? `retrying after ${code}` : 'retrying', message);
  }
  if (phase === 'Initializing') {
    return IMAGE_PULL.test(message) ? reason('image-pull', 'waiting: image pull', message) : undefined;
  }
  if (phase !== 'Queued' || progressing.reason !== ConditionReason.Queued) return undefined;
  if (UNSCHEDULABLE.test(message)) return reason('unschedulable', 'waiting: unschedulable', message);
  if (POD_SLOT.test(message)) return reason('capped', 'waiting: Pod slot', message);
  if (QUOTA.test(message)) return reason('quota', 'waiting: ResourceQuota', message);
  const after = WAITING_FOR.exec(message);
  if (after !== null) {
    const names = (after[1] as string).split(', ');
    return reason('after', `waiting for ${names.join(', ')}`, message, names);
  }
  return undefined;
}
