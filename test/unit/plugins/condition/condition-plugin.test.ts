import { create } from '@bufbuild/protobuf';
import { TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { SimpleType } from '@flyteorg/flyteidl2/flyteidl2/core/types_pb.js';
import { ConditionActionSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';
import { describe, expect, it } from 'vitest';
import { buildConditionTaskAction, parseConditionValue } from '../../../../shared/actions/index.js';
import { phaseRecord } from '../../../../shared/executor/phase-conditions.js';
import { CONDITION_TIMED_OUT, ConditionPlugin, conditionDeadline, conditionPluginEntries } from '../../../../shared/plugins/condition/index.js';
import { ErrorKind } from '../../../../shared/plugins/execution-error.js';
import { Phase } from '../../../../shared/plugins/phase.js';
import { PluginRegistry } from '../../../../shared/plugins/plugin-registry.js';
import { literalToBase64 } from '../../../../shared/task-action/condition-action-codec.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { NO_CLIENT, roundFor } from '../../executor/task-action-fixture.js';
import { fakeSetupContext } from '../setup-context-fake.js';

const CREATED = '2026-03-01T10:00:00Z';

function conditionAction(timeoutSeconds?: number): TaskAction {
  const action = buildConditionTaskAction(
    {
      org: 'acme',
      project: 'proj',
      domain: 'dev',
      runName: 'r1',
      actionName: 'approve',
      parentActionName: 'a0',
      inputUri: 's3://b/in',
      runOutputBase: 's3://b/out',
      condition: create(ConditionActionSchema, {
        name: 'approve',
        prompt: 'ship it?',
        type: { type: { case: 'simple', value: SimpleType.BOOLEAN } },
        ...(timeoutSeconds !== undefined ? { timeout: { seconds: BigInt(timeoutSeconds), nanos: 0 } } : {}),
      }),
    },
    'flyte',
  );
  action.metadata.uid = 'uid-1';
  action.metadata.creationTimestamp = CREATED;
  return action;
}

async function handleAt(action: TaskAction, now: string) {
  const plugin = new ConditionPlugin({ now: () => new Date(now) });
  const round = roundFor(action, create(TaskTemplateSchema), NO_CLIENT);
  const transition = await plugin.handle(round.ctx);
  return { info: transition.info, round };
}

describe('ConditionPlugin', () => {
  it('pauses an unsignalled condition and asks for a round at its deadline', async () => {
    const { info, round } = await handleAt(conditionAction(60), '2026-03-01T10:00:30Z');
    expect(info.phase).toBe(Phase.Running);
    expect(info.info?.conditionReason).toBe('Paused');
    expect(info.reason).toBe('waiting for a signal: ship it?');
    expect(round.refreshAt()).toEqual(new Date('2026-03-01T10:01:00Z'));
    expect(phaseRecord(info)?.conditions).toEqual([{ type: 'Progressing', status: 'True', reason: 'Paused', message: 'waiting for a signal: ship it?' }]);
  });

  it('waits without a deadline when the condition has no timeout (zero counts as none)', async () => {
    for (const timeout of [undefined, 0]) {
      const { info, round } = await handleAt(conditionAction(timeout), '2030-01-01T00:00:00Z');
      expect(info.info?.conditionReason).toBe('Paused');
      expect(round.refreshAt()).toBeUndefined();
    }
  });

  it('succeeds with reason Signaled once a signal is stored, even past the deadline', async () => {
    const action = conditionAction(60);
    action.status = { signalValue: literalToBase64(parseConditionValue('true', 'bool')), signalledBy: 'alice' };
    const { info } = await handleAt(action, '2026-03-01T11:00:00Z');
    expect(info.phase).toBe(Phase.Success);
    const record = phaseRecord(info);
    expect(record?.historyPhase).toBe('Signaled');
    expect(record?.conditions).toEqual([
      { type: 'Progressing', status: 'False', reason: 'Signaled', message: 'signalled by alice' },
      { type: 'Succeeded', status: 'True', reason: 'Signaled', message: 'signalled by alice' },
    ]);
  });

  it('times out at creation + timeout: Failed with reason TimedOut and a USER ConditionTimedOut error', async () => {
    const { info } = await handleAt(conditionAction(60), '2026-03-01T10:01:00Z');
    expect(info.phase).toBe(Phase.PermanentFailure);
    expect(info.err).toEqual({ kind: ErrorKind.USER, code: CONDITION_TIMED_OUT, message: 'condition "approve" was not signalled within 60s' });
    const record = phaseRecord(info);
    expect(record?.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Progressing', 'False', 'TimedOut'],
      ['Failed', 'True', 'TimedOut'],
    ]);
    expect(record?.errorState).toEqual({ code: 'ConditionTimedOut', kind: 'USER', message: 'condition "approve" was not signalled within 60s' });
  });

  it('fails a condition whose spec is missing or not a ConditionAction with reason InvalidSpec', async () => {
    const empty = conditionAction();
    delete empty.spec.conditionSpec;
    const garbage = conditionAction();
    garbage.spec.conditionSpec = Buffer.from([0xff, 0xff, 0xff]).toString('base64');
    for (const [action, message] of [
      [empty, 'spec.conditionSpec is empty'],
      [garbage, 'spec.conditionSpec cannot be used'],
    ] as const) {
      const { info } = await handleAt(action, CREATED);
      expect(info.phase).toBe(Phase.PermanentFailure);
      expect(info.err?.message).toContain(message);
      expect(phaseRecord(info)?.conditions.map((c) => `${c.type}=${c.status} ${c.reason}`)).toEqual(['Progressing=False InvalidSpec', 'Failed=True InvalidSpec']);
    }
  });

  it('has no deadline without a creation time or with a negative timeout', () => {
    const spec = create(ConditionActionSchema, { timeout: { seconds: -5n, nanos: 0 } });
    expect(conditionDeadline(spec, CREATED)).toBeUndefined();
    expect(conditionDeadline(create(ConditionActionSchema, { timeout: { seconds: 1n, nanos: 500_000_000 } }), undefined)).toBeUndefined();
    expect(conditionDeadline(create(ConditionActionSchema, { timeout: { seconds: 1n, nanos: 500_000_000 } }), CREATED)).toEqual(new Date('2026-03-01T10:00:01.500Z'));
  });

  it('is registered for the condition action type, not for any task type', async () => {
    const registry = await PluginRegistry.load(fakeSetupContext(), conditionPluginEntries());
    expect(registry.resolveActionType('condition').getId()).toBe('condition');
    expect(registry.taskTypes()).toEqual([]);
  });
});
