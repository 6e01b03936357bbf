import { equals } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { ActionsService, type WatchForUpdatesResponse } from '@flyteorg/flyteidl2/flyteidl2/actions/actions_service_pb.js';
import { ActionPhase } from '@flyteorg/flyteidl2/flyteidl2/common/phase_pb.js';
import { LiteralSchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { SimpleType } from '@flyteorg/flyteidl2/flyteidl2/core/types_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputShard, parseConditionValue } from '../../shared/actions/index.js';
import { type QueueServiceServer, startQueueServiceServer } from '../../shared/queue/service/queue-service-server.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { literalFromBase64 } from '../../shared/task-action/condition-action-codec.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

const RUN = { org: 'acme', project: 'ml', domain: 'dev' } as const;

function taskAction(run: string, action: string, parent?: string) {
  return {
    action: {
      actionId: { run: { ...RUN, name: run }, name: action },
      ...(parent !== undefined ? { parentActionName: parent } : {}),
      inputUri: `s3://bucket/${run}/${action}/inputs.pb`,
      runOutputBase: `s3://bucket/ml/dev/${run}/`,
      spec: { case: 'task' as const, value: { spec: { taskTemplate: containerTaskTemplate({ image: 'busybox:1.36', command: ['true'], args: [] }) } } },
    },
  };
}

function conditionAction(run: string, action: string, parent: string, simple: SimpleType) {
  return {
    action: {
      actionId: { run: { ...RUN, name: run }, name: action },
      parentActionName: parent,
      inputUri: `s3://bucket/${run}/${action}/inputs.pb`,
      runOutputBase: `s3://bucket/ml/dev/${run}/`,
      spec: { case: 'condition' as const, value: { name: action, prompt: 'go on?', type: { type: { case: 'simple' as const, value: simple } } } },
    },
  };
}

async function codeOf(call: Promise<unknown>): Promise<Code | 'ok'> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    return ConnectError.from(err).code;
  }
}

describe.skipIf(clusterUnavailable())('ActionsService against the control plane', () => {
  const ns = useClusterNamespace('actions-service');
  let server: QueueServiceServer;
  let actions: ReturnType<typeof createClient<typeof ActionsService>>;
  let grpcActions: ReturnType<typeof createClient<typeof ActionsService>>;

  beforeAll(async () => {
    server = await startQueueServiceServer({ client: ns.client, namespace: ns.namespace, port: 0 });
    actions = createClient(ActionsService, createConnectTransport({ baseUrl: server.url, httpVersion: '1.1', useBinaryFormat: true }));
    grpcActions = createClient(ActionsService, createGrpcTransport({ baseUrl: server.url }));
  });
  afterAll(async () => {
    await server.close({ force: true });
  });

  it("enqueues with Flyte's current names and labels; watch sends the snapshot, the sentinel, then live child updates", async () => {
    await actions.enqueue(taskAction('r1', 'r1'));
    await grpcActions.enqueue(taskAction('r1', 'c1', 'r1'));
    // Repeating an enqueue is success.
    await actions.enqueue(taskAction('r1', 'c1', 'r1'));
    const root = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'r1-a0');
    const child = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'r1-c1');
    expect(root.metadata.labels?.['flyte.org/org']).toBeUndefined();
    expect(child.metadata.labels).toMatchObject({ 'flyte.org/run': 'r1', 'flyte.org/action': 'c1', 'flyte.org/is-root': 'false' });
    expect(child.metadata.ownerReferences?.[0]).toMatchObject({ name: 'r1-a0', uid: root.metadata.uid, blockOwnerDeletion: true });

    const stop = new AbortController();
    const received: WatchForUpdatesResponse[] = [];
    const stream = actions.watchForUpdates({ filter: { case: 'parentActionId', value: { run: { ...RUN, name: 'r1' }, name: 'r1' } } }, { signal: stop.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const next = async () => {
      const result = await iterator.next();
      if (result.done) throw new Error('the stream ended');
      received.push(result.value);
      return result.value;
    };
    for (;;) {
      const message = await next();
      if (message.message.case === 'controlMessage') break;
    }
    expect(received.at(-1)?.message).toMatchObject({ case: 'controlMessage', value: { sentinel: true } });
    const snapshot = received.filter((m) => m.message.case === 'actionUpdate').map((m) => (m.message.case === 'actionUpdate' ? m.message.value : undefined));
    expect(snapshot.map((u) => u?.actionId?.name).sort()).toEqual(['c1', 'r1']);
    const c1 = snapshot.find((u) => u?.actionId?.name === 'c1');
    expect(c1?.phase).toBe(ActionPhase.UNSPECIFIED);
    expect(c1?.outputUri).toBe(`s3://bucket/${outputShard(ns.namespace, 'r1-c1')}/ml/dev/r1/c1/1`);
    expect(c1?.actionId?.run?.org).toBe('');

    // Live: a new child, then a trace, then the child's abort.
    await actions.enqueue(taskAction('r1', 'c2', 'r1'));
    let update = await next();
    expect(update.message.case === 'actionUpdate' && update.message.value.actionId?.name).toBe('c2');
    await actions.enqueue({ action: { actionId: { run: { ...RUN, name: 'r1' }, name: 't1' }, parentActionName: 'r1', spec: { case: 'trace', value: { name: 't1', outputs: { outputUri: 's3://bucket/trace/t1' } } } } });
    update = await next();
    expect(update.message.case === 'actionUpdate' ? update.message.value : undefined).toMatchObject({ phase: ActionPhase.SUCCEEDED, outputUri: 's3://bucket/trace/t1' });
    await actions.abort({ actionId: { run: { ...RUN, name: 'r1' }, name: 'c2' } });
    do update = await next();
    while (!(update.message.case === 'actionUpdate' && update.message.value.phase === ActionPhase.ABORTED));
    expect(update.message.case === 'actionUpdate' && update.message.value.actionId?.name).toBe('c2');
    // Aborting what is gone is done.
    expect(await codeOf(actions.abort({ actionId: { run: { ...RUN, name: 'r1' }, name: 'c2' } }))).toBe('ok');
    stop.abort();
  });

  it('signals condition actions: type checked, idempotent for the same value, refused otherwise', async () => {
    await actions.enqueue(taskAction('r2', 'r2'));
    expect(await codeOf(actions.enqueue(conditionAction('r2', 'bad', 'r2', SimpleType.STRUCT)))).toBe(Code.InvalidArgument);
    if (testCrd() === 'flyte-s3') {
      // Flyte's S3 CRD predates condition actions: it requires a task type and template and keeps no signal.
      expect(await codeOf(actions.enqueue(conditionAction('r2', 'approve', 'r2', SimpleType.BOOLEAN)))).toBe(Code.InvalidArgument);
      return;
    }
    await actions.enqueue(conditionAction('r2', 'approve', 'r2', SimpleType.BOOLEAN));
    await actions.enqueue(conditionAction('r2', 'approve', 'r2', SimpleType.BOOLEAN));
    const id = { run: { ...RUN, name: 'r2' }, name: 'approve' };
    expect(await codeOf(actions.signal({ actionId: id, value: parseConditionValue('3', 'int') }))).toBe(Code.InvalidArgument);
    expect(await codeOf(actions.signal({ actionId: { ...id, name: 'missing' }, value: parseConditionValue('true', 'bool') }))).toBe(Code.NotFound);
    expect(await codeOf(actions.signal({ actionId: { ...id, name: 'r2' }, value: parseConditionValue('true', 'bool') }))).toBe(Code.FailedPrecondition);
    expect(await codeOf(actions.signal({ actionId: id, value: parseConditionValue('true', 'bool') }))).toBe('ok');
    expect(await codeOf(actions.signal({ actionId: id, value: parseConditionValue('yes', 'bool') }))).toBe('ok');
    expect(await codeOf(actions.signal({ actionId: id, value: parseConditionValue('false', 'bool') }))).toBe(Code.FailedPrecondition);
    const stored = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'r2-approve');
    expect(stored.spec.actionType).toBe('condition');
    expect(stored.metadata.labels?.['flyte.org/action-type']).toBe('condition');
    const value = literalFromBase64(stored.status?.signalValue ?? '');
    expect(equals(LiteralSchema, value, parseConditionValue('true', 'bool'))).toBe(true);
    expect(stored.status?.signalledAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
