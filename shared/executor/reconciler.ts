import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { errorMessage } from '../errors/index.js';
import { backoffDelayMs, type BackoffMs, type KubeClient, objectKey } from '../kube/index.js';
import { isTerminalPhase, Phase, type PhaseInfo, phaseInfoAborted, phaseToString, type Plugin, type PluginRegistry } from '../plugins/index.js';
import { ConditionReason, executionLedger, isTerminal, type PhaseTransition, roundFirstAttempt, stopRequestedAt, type TaskAction, TASKACTION_API_VERSION, TASKACTION_KIND, TASKACTIONS, type TaskActionStatus, withExecutionLedger } from '../task-action/index.js';
import { attemptBackoffMs, DEFAULT_ATTEMPT_BACKOFF, remainingBackoffMs, retryWaitMessage } from './attempt-backoff.js';
import { type AttemptClock, attemptClock } from './attempt-timeout.js';
import { type EventRecorder } from './event-recorder.js';
import { type ExecutionContextDeps, type ExecutionRound, executionRound } from './execution-context.js';
import { type ExecutorLogger } from './executor-logger.js';
import { addPluginFinalizer, hasPluginFinalizer, removePluginFinalizer } from './finalizers.js';
import { settleTerminalMetadata } from './terminal-metadata.js';
import { type StatusChange, appendedPhase, nextStatus } from './next-status.js';
import { MAX_CONDITION_MESSAGE, type PhaseRecord, phaseRecord, rejectionRecord } from './phase-conditions.js';
import { attemptsUsed, type FailureBudget, type RoundDecision, decideRound, decideSystemError } from './retry-policy.js';
import { type RetryHandling, acknowledgedStatus, dropTerminalLabels, newRoundStatus, retryHandling } from './retry-round.js';
import { routeAction } from './plugin-route.js';
import { statusChanged } from './status-changed.js';
import { stoppedRecord } from './stop-record.js';
import { type TransitionEvent, kubernetesEventFor, transitionEvent } from './transition-event.js';
import { type UpstreamGate, upstreamFailedMessage, waitingMessage } from './upstream-gate.js';
import { upstreamFailedRecord, waitingRecord } from './upstream-records.js';

/** How soon a plugin that asked for a refresh is called again. */
export const REFRESH_DELAY_MS = 1000;

export interface ReconcilerOptions {
  client: KubeClient;
  registry: PluginRegistry;
  contextDeps: ExecutionContextDeps;
  events: EventRecorder;
  logger: ExecutorLogger;
  maxSystemFailures: number;
  /** The wait between a failed attempt and the next (default `DEFAULT_ATTEMPT_BACKOFF`: 10 s doubling up to 5 min). */
  attemptBackoff?: BackoffMs;
  /** Keeps the answer to a write: it is fresher than the watch cache until the cache catches up. */
  remember: (action: TaskAction) => void;
  onTransition: (event: TransitionEvent) => void;
  /** An attempt ended and its plugin released what it held: actions waiting for resources may proceed. */
  onReleased: () => void;
  now: () => Date;
  /** Whether an action that has not started may start (`kueue.dev/after`, parents); absent: every action may. */
  upstreams?: { gate(action: TaskAction): UpstreamGate };
}

export interface ReconcileResult {
  /** Reconcile again after this long even if nothing changes. */
  requeueAfterMs?: number;
  /**
   * What this round wrote needs a round of its own (a new attempt to start), at once. Otherwise the watch event of
   * the round's own write brings none: the round saw what it wrote.
   */
  again?: boolean;
}

/** Backoff after consecutive system errors: 1 s, 2 s, 4 s, ... up to 30 s. */
const SYSTEM_RETRY_BACKOFF: BackoffMs = { initial: 1000, max: 30_000 };

/** The attempt running now, from 1: from `status.attempts`, or `stateJson` where the CRD pruned the former. */
function currentAttempt(action: TaskAction): number {
  return Math.max(1, executionLedger(action.status).attempts ?? 1);
}

/** The record with `note` added to its conditions' messages (not to the history entry, which keeps the error). */
function withWaitingNote(record: PhaseRecord | undefined, note: string | undefined): PhaseRecord | undefined {
  if (record === undefined || note === undefined) return record;
  // The note goes last and is never cut off: the error before it is shortened instead.
  const room = MAX_CONDITION_MESSAGE - note.length - 2;
  const conditions = record.conditions.map((c) => {
    const message = c.message.length > room ? `${c.message.slice(0, Math.max(0, room - 3))}...` : c.message;
    return { ...c, message: message !== '' ? `${message}; ${note}` : note };
  });
  return { ...record, conditions };
}

export function systemRetryDelayMs(systemFailures: number): number {
  return backoffDelayMs(systemFailures, SYSTEM_RETRY_BACKOFF);
}

/**
 * One reconcile of one TaskAction, in the order of Flyte's executor: deletion (abort, finalize, drop the
 * finalizer); terminal (nothing, except dropping a finalizer left behind); invalid spec or no plugin (Failed);
 * finalizer; the plugin's Handle; retries and system-error budget; status written only when it changed. Writes
 * carry the resource version; a conflict propagates so the caller can re-read and run the reconcile again, which
 * is safe because every step is idempotent.
 */
export class Reconciler {
  constructor(private readonly options: ReconcilerOptions) {}

  async reconcile(action: TaskAction): Promise<ReconcileResult> {
    if (action.metadata.deletionTimestamp !== undefined) {
      await this.handleDeletion(action);
      return {};
    }
    const retry = retryHandling(action);
    if (retry !== undefined) {
      // The next round runs the new attempt.
      await this.takeUpRetry(action, retry);
      return { again: true };
    }
    if (isTerminal(action)) {
      // Nothing runs any more, so nothing needs the finalizer: deleting a finished run must not need an executor.
      // Actions finished elsewhere (or before Flyte's terminal labels were written) get those labels too.
      await this.settleTerminal(action);
      return {};
    }
    const stopAt = stopRequestedAt(action);
    if (stopAt !== undefined) {
      await this.stop(action, stopAt);
      return {};
    }

    const route = routeAction(action, this.options.registry);
    if (route.kind === 'reject') {
      await this.reject(action, route.reason, route.message);
      return {};
    }
    const gate = this.options.upstreams?.gate(action);
    if (gate !== undefined && gate.kind !== 'go') {
      await this.holdForUpstreams(action, gate);
      return {};
    }
    const current = await addPluginFinalizer(this.options.client, action);
    if (current !== action) this.options.remember(current);
    return this.execute(current, route.plugin, route.template);
  }

  private async execute(action: TaskAction, plugin: Plugin, template: TaskTemplate): Promise<ReconcileResult> {
    // The attempt waits out the retry backoff recorded when the previous one failed (also across restarts): the
    // work queue brings the action back when the wait is over.
    const waitMs = remainingBackoffMs(action.status, this.options.now());
    if (waitMs !== undefined) return { requeueAfterMs: waitMs };
    const attempt = currentAttempt(action);
    const round = executionRound(action, template, attempt, this.options.contextDeps);
    const budget: FailureBudget = {
      attempt,
      maxAttempts: round.view.maxAttempts,
      firstAttempt: roundFirstAttempt(action.status),
      systemFailures: executionLedger(action.status).systemFailures ?? 0,
      maxSystemFailures: this.options.maxSystemFailures,
      pluginId: plugin.getId(),
    };

    let decision: RoundDecision;
    let clock: AttemptClock | undefined;
    try {
      const transition = await plugin.handle(round.ctx);
      clock = attemptClock(round.view.timeoutSeconds, action.status?.phaseHistory, transition.info, this.options.now());
      decision =
        transition.info.phase === Phase.Undefined
          ? decideSystemError(`plugin "${plugin.getId()}" could not tell the task's phase`, budget, false)
          : decideRound(clock?.kind === 'expired' ? clock.info : transition.info, budget);
    } catch (err) {
      if (this.options.contextDeps.signal.aborted) throw err;
      this.options.logger.warn('plugin handle failed', { taskAction: objectKey(action), plugin: plugin.getId(), error: errorMessage(err) });
      decision = decideSystemError(errorMessage(err), budget, false);
    }

    // The attempt has started: its backoff schedule, if it had one, is over.
    const base = { actionId: `${action.spec.runName}/${action.spec.actionName}`, now: this.options.now(), nextAttemptAt: null };
    switch (decision.kind) {
      case 'system-retry': {
        this.options.events.record(action, 'Warning', 'FailedPluginHandle', `Plugin "${plugin.getId()}" system error ${decision.systemFailures} of ${this.options.maxSystemFailures} allowed: ${decision.message}`);
        if (decision.reset) {
          // The plugin lost its resource: start the attempt over, cleaning up whatever is left of it.
          await this.bestEffort(action, 'abort', () => plugin.abort(round.ctx));
          await this.bestEffort(action, 'finalize', () => plugin.finalize(round.ctx));
          this.options.onReleased();
        }
        await this.write(action, { ...base, systemFailures: decision.systemFailures, ...(decision.reset ? { pluginState: 'clear' as const } : {}) }, attempt);
        return { requeueAfterMs: systemRetryDelayMs(decision.systemFailures) };
      }
      case 'retry': {
        await plugin.abort(round.ctx);
        await plugin.finalize(round.ctx);
        this.options.onReleased();
        const retry = this.retrySchedule(budget, decision.nextAttempt, base.now);
        await this.write(
          action,
          { ...base, ...this.recordOf(decision.info, retry.message), attempts: decision.nextAttempt, systemFailures: 0, pluginState: 'clear', nextAttemptAt: retry.at },
          attempt,
          `attempt ${attempt} of ${budget.maxAttempts} failed, ${retry.message ?? `starting attempt ${decision.nextAttempt}`}`,
        );
        return retry.at !== null ? { requeueAfterMs: retry.delayMs } : { again: true };
      }
      case 'fail':
      case 'record': {
        const info = decision.info;
        const systemFailures = decision.kind === 'fail' ? (decision.systemFailures ?? 0) : 0;
        if (isTerminalPhase(info.phase)) {
          if (info.phase !== Phase.Success && (info.cleanupOnFailure || decision.kind === 'fail')) await plugin.abort(round.ctx);
          await plugin.finalize(round.ctx);
          this.options.onReleased();
        }
        const updated = await this.write(
          action,
          { ...base, ...this.recordOf(info), attempts: attempt, systemFailures, pluginState: round.state.newState() },
          attempt,
          info.phase === Phase.PermanentFailure && budget.maxAttempts > 1 ? `attempt ${attempt} of ${budget.maxAttempts} failed` : undefined,
        );
        if (isTerminalPhase(info.phase)) await this.settleTerminal(updated);
        return this.afterRound(round, clock?.kind === 'running' ? clock.deadline : undefined);
      }
    }
  }

  /** The next round: soon when the plugin asked for a refresh, at the time it named, else when something changes. */
  private afterRound(round: ExecutionRound, deadline: Date | undefined): ReconcileResult {
    const delays: number[] = [];
    if (round.refreshRequested()) delays.push(REFRESH_DELAY_MS);
    for (const at of [round.refreshAt(), deadline]) {
      if (at !== undefined) delays.push(Math.max(0, at.getTime() - this.options.now().getTime()));
    }
    return delays.length > 0 ? { requeueAfterMs: Math.min(...delays) } : {};
  }

  /**
   * When the attempt after a failed one starts: after the backoff for the failures of this round so far (none with
   * a backoff of 0), with what the action says while it waits.
   */
  private retrySchedule(budget: FailureBudget, nextAttempt: number, now: Date): { at: Date | null; delayMs: number; message?: string } {
    const delayMs = attemptBackoffMs(attemptsUsed(budget), this.options.attemptBackoff ?? DEFAULT_ATTEMPT_BACKOFF);
    if (delayMs <= 0) return { at: null, delayMs: 0 };
    const lastAttempt = (budget.firstAttempt ?? 1) + budget.maxAttempts - 1;
    return { at: new Date(now.getTime() + delayMs), delayMs, message: retryWaitMessage(delayMs, nextAttempt, lastAttempt) };
  }

  /** `waiting`: said by the Progressing condition besides the phase's own message (the retry backoff). */
  private recordOf(info: PhaseInfo, waiting?: string): Pick<StatusChange, 'record' | 'pluginPhase'> {
    const record = withWaitingNote(phaseRecord(info), waiting);
    return {
      ...(record !== undefined ? { record } : {}),
      pluginPhase: { name: phaseToString(info.phase), version: info.version },
    };
  }

  /** An action that can never run: Failed with the reason, no finalizer (nothing was started). */
  private async reject(action: TaskAction, reason: typeof ConditionReason.InvalidSpec | typeof ConditionReason.PluginNotFound, message: string): Promise<void> {
    this.options.logger.warn('TaskAction cannot be executed', { taskAction: objectKey(action), reason, message });
    const updated = await this.write(action, { record: rejectionRecord(reason, message), actionId: `${action.spec.runName}/${action.spec.actionName}`, now: this.options.now() }, currentAttempt(action));
    await this.settleTerminal(updated);
  }

  /** Waiting (Queued, naming what it waits for) or ended without running (UpstreamFailed): no plugin, no finalizer. */
  private async holdForUpstreams(action: TaskAction, gate: Exclude<UpstreamGate, { kind: 'go' }>): Promise<void> {
    const record = gate.kind === 'wait' ? waitingRecord(waitingMessage(gate.waitingFor)) : upstreamFailedRecord(upstreamFailedMessage(gate));
    const updated = await this.write(action, { record, actionId: `${action.spec.runName}/${action.spec.actionName}`, now: this.options.now() }, currentAttempt(action));
    if (gate.kind === 'skip') await this.settleTerminal(updated);
  }

  /** Deletion: stop what runs, release what is held, then let Kubernetes delete the object. */
  private async handleDeletion(action: TaskAction): Promise<void> {
    if (!hasPluginFinalizer(action)) return;
    const attempt = currentAttempt(action);
    const route = routeAction(action, this.options.registry);
    if (route.kind === 'reject') {
      // Nothing can have been started for an action no plugin can read; there is nothing to clean up.
      this.options.logger.info('removing the finalizer without cleanup', { taskAction: objectKey(action), reason: route.message });
      await this.dropFinalizer(action);
      return;
    }
    const { plugin, template } = route;
    const round = executionRound(action, template, attempt, this.options.contextDeps);
    let current = action;
    if (!isTerminal(action)) {
      await plugin.abort(round.ctx);
      await plugin.finalize(round.ctx);
      this.options.onReleased();
      current = await this.write(
        action,
        {
          ...this.recordOf(phaseInfoAborted(this.options.now(), 0, 'aborted')),
          actionId: `${action.spec.runName}/${action.spec.actionName}`,
          now: this.options.now(),
        },
        attempt,
      );
    } else {
      await plugin.finalize(round.ctx);
    }
    await this.dropFinalizer(current);
  }

  /**
   * A retry request: a failed action loses its terminal labels, then starts a new round of attempts; any other
   * action only records the request as seen.
   */
  private async takeUpRetry(action: TaskAction, retry: RetryHandling): Promise<void> {
    const now = this.options.now();
    if (retry.kind === 'acknowledge') {
      await this.writeStatus(action, acknowledgedStatus(action, retry.request, now), currentAttempt(action));
      return;
    }
    const relabelled = await dropTerminalLabels(this.options.client, action);
    if (relabelled !== action) this.options.remember(relabelled);
    const next = newRoundStatus(relabelled, retry.request, now);
    this.options.logger.info('retry requested, starting a new round of attempts', { taskAction: objectKey(action), attempt: next.attempts });
    await this.writeStatus(relabelled, next, next.attempts ?? 1);
  }

  /**
   * A stop asked for by annotation: the plugin aborts and cleans up what it started (nothing when it never
   * started), and the action is recorded Aborted and kept, unlike a deletion.
   */
  private async stop(action: TaskAction, requestedAt: string): Promise<void> {
    const attempt = currentAttempt(action);
    const route = routeAction(action, this.options.registry);
    if (route.kind === 'run' && hasPluginFinalizer(action)) {
      const round = executionRound(action, route.template, attempt, this.options.contextDeps);
      await route.plugin.abort(round.ctx);
      await route.plugin.finalize(round.ctx);
      this.options.onReleased();
    }
    const now = this.options.now();
    const updated = await this.write(
      action,
      { ...this.recordOf(phaseInfoAborted(now, 0, 'stopped')), record: stoppedRecord(requestedAt), actionId: `${action.spec.runName}/${action.spec.actionName}`, now },
      attempt,
    );
    await this.settleTerminal(updated);
  }

  /** After the terminal status: Flyte's terminal labels and the finalizer's removal, in one write. */
  private async settleTerminal(action: TaskAction): Promise<void> {
    const updated = await settleTerminalMetadata(this.options.client, action, this.options.now());
    if (updated !== action) this.options.remember(updated);
  }

  private async dropFinalizer(action: TaskAction): Promise<void> {
    const updated = await removePluginFinalizer(this.options.client, action);
    if (updated !== action) this.options.remember(updated);
  }

  private async bestEffort(action: TaskAction, step: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.options.logger.warn(`plugin ${step} failed`, { taskAction: objectKey(action), error: errorMessage(err) });
    }
  }

  /** Writes the status if it changed; reports a new phase to the host and as a Kubernetes Event. */
  private async write(action: TaskAction, change: StatusChange, attempt: number, eventPrefix?: string): Promise<TaskAction> {
    return this.writeStatus(action, nextStatus(action.status, change), attempt, eventPrefix);
  }

  private async writeStatus(action: TaskAction, next: TaskActionStatus, attempt: number, eventPrefix?: string): Promise<TaskAction> {
    // Compared with the ledger restored: a CRD that prunes its status fields must not make every round a write.
    if (!statusChanged(withExecutionLedger(action.status), next)) return action;
    const updated = await this.options.client.replace<TaskAction>(
      TASKACTIONS,
      action.metadata.namespace,
      { ...action, apiVersion: TASKACTION_API_VERSION, kind: TASKACTION_KIND, status: next },
      { subresource: 'status' },
    );
    this.options.remember(updated);
    const appended = appendedPhase(action.status, next);
    if (appended !== undefined) this.announce(updated, appended, action.status?.phaseHistory?.at(-1), attempt, eventPrefix);
    return updated;
  }

  private announce(action: TaskAction, entry: PhaseTransition, previous: PhaseTransition | undefined, attempt: number, eventPrefix: string | undefined): void {
    const event = transitionEvent(action, entry, previous, attempt);
    this.options.logger.debug('phase changed', { taskAction: objectKey(action), phase: entry.phase, attempt, message: entry.message });
    try {
      this.options.onTransition(event);
    } catch (err) {
      this.options.logger.error('transition listener failed', { error: errorMessage(err) });
    }
    const kubeEvent = kubernetesEventFor(entry.phase);
    if (kubeEvent !== undefined) {
      const message = [eventPrefix, entry.message].filter((part) => part !== undefined && part !== '').join(': ');
      this.options.events.record(action, kubeEvent.type, kubeEvent.reason, message !== '' ? message : entry.phase === ConditionReason.Executing ? `attempt ${attempt} started` : entry.phase);
    }
  }
}
