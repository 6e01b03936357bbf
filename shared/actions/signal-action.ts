import { equals } from '@bufbuild/protobuf';
import { type Literal, LiteralSchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { formatKubeTime, isTerminal, literalFromBase64, literalToBase64, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { literalValueType } from './condition-literals.js';
import { findConditionAction } from './condition-lookup.js';
import { SignalRefusal } from './signal-refusal.js';

export interface SignalRequest {
  runName: string;
  actionName: string;
  value: Literal;
  /** Who signalled: the user, else the application. */
  signalledBy: string;
  now?: Date;
}

export type SignalOutcome = 'signalled' | 'unchanged';

function sameValue(stored: string, value: Literal): boolean {
  try {
    return equals(LiteralSchema, literalFromBase64(stored), value);
  } catch {
    return false;
  }
}

/**
 * Resolves a condition action: sets `status.signalValue`, `signalledBy` and `signalledAt` (through `/status`, with
 * the resource version read, so a concurrent signal cannot be overwritten); the executor then marks it
 * Succeeded. Repeating the same value is `unchanged`; another value, a finished action or one that is not a
 * condition is refused (`SignalRefusal`), as is a value of the wrong type.
 */
export async function signalAction(client: KubeClient, namespace: string, request: SignalRequest): Promise<SignalOutcome> {
  const given = literalValueType(request.value);
  if (given === undefined) {
    throw new SignalRefusal('invalid', 'the signal value must be a primitive literal (bool, int, float or string)', `TaskAction ${namespace}/${request.runName}-${request.actionName}`);
  }
  for (let attempt = 0; ; attempt++) {
    const { action, valueType } = await findConditionAction(client, namespace, request.runName, request.actionName);
    const object = `TaskAction ${namespace}/${action.metadata.name ?? ''}`;
    const stored = action.status?.signalValue;
    if (stored) {
      if (sameValue(stored, request.value)) return 'unchanged';
      throw new SignalRefusal('precondition', `action "${request.actionName}" of run "${request.runName}" was already signalled with another value`, object);
    }
    if (isTerminal(action)) {
      throw new SignalRefusal('precondition', `action "${request.actionName}" of run "${request.runName}" has already finished`, object);
    }
    if (given !== valueType) {
      throw new SignalRefusal('invalid', `the condition waits for a ${valueType} value, not a ${given}`, object, `give a ${valueType}`);
    }
    try {
      await client.patch<TaskAction>(
        TASKACTIONS,
        namespace,
        action.metadata.name ?? '',
        {
          metadata: { resourceVersion: action.metadata.resourceVersion },
          status: { signalValue: literalToBase64(request.value), signalledBy: request.signalledBy, signalledAt: formatKubeTime(request.now ?? new Date()) },
        },
        'merge',
        { subresource: 'status' },
      );
      return 'signalled';
    } catch (err) {
      // Someone wrote the status meanwhile (the executor, another signal): read again and decide again.
      if (isKubeApiError(err) && err.code === 409 && attempt < 5) continue;
      throw err;
    }
  }
}
