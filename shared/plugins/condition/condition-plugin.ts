import { type ConditionAction } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';
import { errorMessage } from '../../errors/index.js';
import { humanDuration } from '../../format/index.js';
import { ACTION_TYPE_CONDITION, ConditionReason, conditionSpecFromBase64 } from '../../task-action/index.js';
import { doTransition, ErrorKind, Phase, PhaseInfo, phaseInfoFailed, phaseInfoRunning, phaseInfoSuccess, type Plugin, type PluginEntry, type PluginProperties, type TaskExecutionContext, type Transition } from '../index.js';
import { conditionDeadline, conditionTimeoutMs } from './condition-deadline.js';

/** `errorState.code` of a condition nobody signalled in time (Flyte's code). */
export const CONDITION_TIMED_OUT = 'ConditionTimedOut';

/** The id of the condition plugin, and the action type it runs. */
export const CONDITION_PLUGIN_ID = 'condition';

export interface ConditionPluginOptions {
  now?: () => Date;
}

/** A permanent USER failure recorded under the condition reason `reason`, e.g. TimedOut. */
function failure(reason: string, code: string, message: string): PhaseInfo {
  return phaseInfoFailed(Phase.PermanentFailure, { kind: ErrorKind.USER, code, message }, { conditionReason: reason });
}

/** `spec.conditionSpec` decoded, or the InvalidSpec failure that says what is wrong with it. */
function decodeSpec(text: string | undefined): ConditionAction | PhaseInfo {
  if (text === undefined || text === '') {
    return failure(ConditionReason.InvalidSpec, ConditionReason.InvalidSpec, 'spec.conditionSpec is empty: a condition action needs a ConditionAction to wait for');
  }
  try {
    return conditionSpecFromBase64(text);
  } catch (err) {
    return failure(ConditionReason.InvalidSpec, ConditionReason.InvalidSpec, `spec.conditionSpec cannot be used: ${errorMessage(err)}`);
  }
}

/**
 * Condition actions (a run waiting for a person or a system to answer), run without a Pod as Flyte's executor
 * runs them: a stored signal (`status.signalValue`, set by Signal) ends the action Succeeded with reason
 * `Signaled`; a spec that is not a ConditionAction fails it with `InvalidSpec`; once its timeout has passed since
 * it was created it fails with `TimedOut` (errorState `ConditionTimedOut`, USER); otherwise it stays Progressing
 * with reason `Paused` and asks for a round at the deadline. The signal itself wakes it: it changes the TaskAction.
 */
export class ConditionPlugin implements Plugin {
  private readonly now: () => Date;

  constructor(options: ConditionPluginOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  getId(): string {
    return CONDITION_PLUGIN_ID;
  }

  getProperties(): PluginProperties {
    return { disableNodeLevelCaching: true };
  }

  handle(ctx: TaskExecutionContext): Promise<Transition> {
    return Promise.resolve(doTransition(this.observe(ctx)));
  }

  private observe(ctx: TaskExecutionContext): PhaseInfo {
    const { spec, status, metadata } = ctx.taskAction;
    if (status?.signalValue) {
      const by = status.signalledBy ? ` by ${status.signalledBy}` : '';
      return phaseInfoSuccess({ conditionReason: ConditionReason.Signaled }).withReason(`signalled${by}`);
    }
    const condition = decodeSpec(spec.conditionSpec);
    if (condition instanceof PhaseInfo) return condition;
    const deadline = conditionDeadline(condition, metadata.creationTimestamp);
    if (deadline !== undefined) {
      if (this.now() >= deadline) {
        const waited = humanDuration(conditionTimeoutMs(condition) ?? 0);
        return failure(ConditionReason.TimedOut, CONDITION_TIMED_OUT, `condition "${spec.actionName}" was not signalled within ${waited}`);
      }
      ctx.refreshAt(deadline);
    }
    const prompt = condition.prompt !== '' ? `: ${condition.prompt}` : '';
    return phaseInfoRunning(0, { conditionReason: ConditionReason.Paused }).withReason(`waiting for a signal${prompt}`);
  }

  /** Nothing runs outside the TaskAction: nothing to stop or release. */
  abort(): Promise<void> {
    return Promise.resolve();
  }

  finalize(): Promise<void> {
    return Promise.resolve();
  }
}

/** The plugin for condition actions, to hand to the executor beside the pod plugins. */
export function conditionPluginEntries(options: ConditionPluginOptions = {}): PluginEntry[] {
  return [
    {
      id: CONDITION_PLUGIN_ID,
      registeredTaskTypes: [],
      registeredActionTypes: [ACTION_TYPE_CONDITION],
      isDefault: false,
      loadPlugin: () => new ConditionPlugin(options),
    },
  ];
}
