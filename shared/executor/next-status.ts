import { type PluginStateChange } from '../plugins/index.js';
import { type PhaseTransition, parseStateJson, type RetryRound, setCondition, type StateJson, type TaskActionStatus, withExecutionLedger } from '../task-action/index.js';
import { type PhaseRecord } from './phase-conditions.js';

/** What one reconcile learned, to be folded into the status. */
export interface StatusChange {
  /** The phase to record; absent when the round learned nothing about the phase (e.g. a system error). */
  record?: PhaseRecord;
  /** `pluginPhase`/`pluginPhaseVersion`, e.g. `PhaseRunning`; absent when no plugin ran. */
  pluginPhase?: { name: string; version: number };
  attempts?: number;
  systemFailures?: number;
  /** What the plugin wrote this round, or `clear` when the attempt starts over. */
  pluginState?: PluginStateChange | 'clear';
  /** A retry request taken up (and the round of attempts it starts), kept in `stateJson`. */
  retryRound?: RetryRound;
  /**
   * When the current attempt may start (the retry backoff), kept in `stateJson`; `null` once the attempt started
   * or a new round begins; absent: unchanged.
   */
  nextAttemptAt?: Date | null;
  /** `run/action`, as `stateJson` names the action. */
  actionId: string;
  now: Date;
}

/** RFC 3339 in UTC with whole seconds, Go's `time.RFC3339` as Flyte writes `stateJson.timestamp`. */
function rfc3339Seconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The status after a round; the input is not modified. Conditions follow `meta.SetStatusCondition` semantics;
 * `phaseHistory` gains an entry only when the phase name changes; `stateJson` is Flyte's observability summary,
 * stamped with the time the phase was entered (Flyte stamps every round, which rewrites the status each time),
 * plus the execution ledger (attempts, system failures, last error), which every CRD keeps there. The ledger is
 * also written to its own status fields, for the CRDs that have them (Flyte's S3 CRD prunes them).
 */
export function nextStatus(current: TaskActionStatus | undefined, change: StatusChange): TaskActionStatus {
  const status: TaskActionStatus = structuredClone(withExecutionLedger(current) ?? {});
  const previousJson = parseStateJson(status.stateJson);

  if (change.record !== undefined) {
    let conditions = status.conditions;
    for (const update of change.record.conditions) conditions = setCondition(conditions, update, change.now);
    status.conditions = conditions;
    const history = status.phaseHistory ?? [];
    if (history.at(-1)?.phase !== change.record.historyPhase) {
      const entry: PhaseTransition = { phase: change.record.historyPhase, occurredAt: change.now.toISOString() };
      if (change.record.message !== '') entry.message = change.record.message;
      status.phaseHistory = [...history, entry];
    }
    if (change.record.errorState !== undefined) status.errorState = change.record.errorState;
  }

  let summary: StateJson = { phase: previousJson.phase, actionId: previousJson.actionId, timestamp: previousJson.timestamp };
  if (change.pluginPhase !== undefined) {
    status.pluginPhase = change.pluginPhase.name;
    status.pluginPhaseVersion = change.pluginPhase.version;
    const entered = status.phaseHistory?.at(-1)?.occurredAt;
    summary = {
      phase: change.pluginPhase.name,
      actionId: change.actionId,
      timestamp: rfc3339Seconds(entered !== undefined ? new Date(entered) : change.now),
    };
  }

  if (change.attempts !== undefined) status.attempts = change.attempts;
  if (change.systemFailures !== undefined) status.systemFailures = change.systemFailures;
  const round: RetryRound = change.retryRound ?? { retryRequest: previousJson.retryRequest, roundFirstAttempt: previousJson.roundFirstAttempt };
  const nextAttemptAt = change.nextAttemptAt === undefined ? previousJson.nextAttemptAt : (change.nextAttemptAt?.toISOString() ?? undefined);
  const stateJson = stateJsonText({ ...summary, attempts: status.attempts, systemFailures: status.systemFailures, errorState: status.errorState, ...round, nextAttemptAt });
  if (stateJson !== undefined) status.stateJson = stateJson;

  if (change.pluginState === 'clear') {
    delete status.pluginState;
    status.pluginStateVersion = 0;
  } else if (change.pluginState?.written) {
    if (change.pluginState.pluginState === undefined) delete status.pluginState;
    else status.pluginState = change.pluginState.pluginState;
    status.pluginStateVersion = change.pluginState.pluginStateVersion ?? 0;
  }
  return status;
}

/** `stateJson` with its members in a fixed order and absent ones left out; undefined when there is nothing. */
function stateJsonText(state: StateJson): string | undefined {
  const ordered: StateJson = {};
  for (const key of ['phase', 'actionId', 'timestamp', 'attempts', 'systemFailures', 'errorState', 'retryRequest', 'roundFirstAttempt', 'nextAttemptAt'] as const) {
    if (state[key] !== undefined) Object.assign(ordered, { [key]: state[key] });
  }
  return Object.keys(ordered).length > 0 ? JSON.stringify(ordered) : undefined;
}

/** The entry a change appended to `phaseHistory`, if it appended one. */
export function appendedPhase(before: TaskActionStatus | undefined, after: TaskActionStatus): PhaseTransition | undefined {
  const previous = before?.phaseHistory ?? [];
  const next = after.phaseHistory ?? [];
  return next.length > previous.length ? next.at(-1) : undefined;
}
