import { equals } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { ActionsService, type WatchForUpdatesResponse } from '@flyteorg/flyteidl2/flyteidl2/actions/actions_service_pb.js';
import { ActionPhase } from '@flyteorg/flyteidl2/flyteidl2/common/phase_pb.js';
import { LiteralSchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { SimpleType } from '@flyteorg/flyteidl2/flyteidl2/core/types_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputShard, parseConditionValue } from '../../shared/actions/index.js';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, NAMESPACES } from '../../shared/kube/resource-type.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { serverSideApply } from '../../shared/kube/server-side-apply.js';
import { type QueueServiceServer, startQueueServiceServer } from '../../shared/queue/service/queue-service-server.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { literalFromBase64 } from '../../shared/task-action/condition-action-codec.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { manifestObject } from '../helpers/manifest-files.js';
import { clientAs, waitUntilAllowed } from '../harness/cluster/access-control.js';
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

  it("copies the RunSpec's labels onto the root, never over the queue's own, and children inherit them", async () => {
    await actions.enqueue({ ...taskAction('r3', 'r3'), runSpec: { labels: { values: { team: 'ml', 'example.com/cost': 'c1', 'flyte.org/run': 'hijack' } } } });
    await actions.enqueue(taskAction('r3', 'c1', 'r3'));
    const root = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'r3-a0');
    expect(root.metadata.labels).toEqual({
      team: 'ml',
      'example.com/cost': 'c1',
      'flyte.org/project': 'ml',
      'flyte.org/domain': 'dev',
      'flyte.org/run': 'r3',
      'flyte.org/action': 'r3',
      'flyte.org/action-type': 'task',
      'flyte.org/is-root': 'true',
    });
    const child = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'r3-c1');
    expect(child.metadata.labels).toMatchObject({ team: 'ml', 'example.com/cost': 'c1', 'flyte.org/action': 'c1', 'flyte.org/is-root': 'false' });
    // The run is still found by its labels.
    const run = await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/run=r3' });
    expect(run.items.map((a) => a.metadata.name).sort()).toEqual(['r3-a0', 'r3-c1']);

    const bad = actions.enqueue({ ...taskAction('r4', 'r4'), runSpec: { labels: { values: { 'bad key': 'x' } } } });
    await expect(bad).rejects.toMatchObject({ code: Code.InvalidArgument, rawMessage: expect.stringMatching(/^run_spec\.labels key "bad key" is not a valid label key; use /) as unknown });
  });

  describe("the server's namespace", () => {
    const cleanup: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const step of cleanup.reverse()) await step().catch(() => undefined);
    });

    async function serveAs(client: HttpKubeClient, namespace: string) {
      const started = await startQueueServiceServer({ client, namespace, port: 0 });
      // Run in reverse: the server stops before its client closes.
      cleanup.push(() => Promise.resolve(client.close()), () => started.close({ force: true }));
      return createClient(ActionsService, createConnectTransport({ baseUrl: started.url, httpVersion: '1.1', useBinaryFormat: true }));
    }

    async function bindClusterWide(name: string, role: string, user: string) {
      await ns.client.create(CLUSTER_ROLE_BINDINGS, undefined, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
      });
      cleanup.push(() => ns.client.delete(CLUSTER_ROLE_BINDINGS, undefined, name));
    }

    it('is created on Enqueue when missing, by a server bound to kueue-serve cluster-wide', async () => {
      const missing = `${ns.namespace}-new`;
      cleanup.push(() => ns.client.delete(NAMESPACES, undefined, missing));
      await serverSideApply(ns.client, CLUSTER_ROLES, manifestObject('rbac-serve.yaml', 'ClusterRole', 'kueue-serve'));
      const user = `serve-${ns.namespace}`;
      await bindClusterWide(`${ns.namespace}-serve`, 'kueue-serve', user);
      await waitUntilAllowed(ns.client, user, [], { group: '', resource: 'namespaces', verb: 'create' });
      const client = await serveAs(clientAs(ns.kubeconfig, missing, user), missing);
      await expect(ns.client.get(NAMESPACES, undefined, missing)).rejects.toMatchObject({ code: 404 });

      await client.enqueue(taskAction('fresh', 'fresh'));
      expect((await ns.client.get(NAMESPACES, undefined, missing)).metadata.name).toBe(missing);
      expect((await ns.client.get<TaskAction>(TASKACTIONS, missing, 'fresh-a0')).spec.runName).toBe('fresh');

      // Deleted while the server runs: the next Enqueue brings it back (once it is gone for good).
      await ns.client.delete(NAMESPACES, undefined, missing);
      await pollUntilGone(ns.client, missing);
      await client.enqueue(taskAction('again', 'again'));
      expect((await ns.client.get<TaskAction>(TASKACTIONS, missing, 'again-a0')).spec.runName).toBe('again');
    });

    it('is refused with permission_denied, naming what to bind, to a server that may not create it', async () => {
      const missing = `${ns.namespace}-nope`;
      const role = `${ns.namespace}-ns-reader`;
      await ns.client.create(CLUSTER_ROLES, undefined, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: role },
        rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }],
      });
      cleanup.push(() => ns.client.delete(CLUSTER_ROLES, undefined, role));
      const user = `reader-${ns.namespace}`;
      await bindClusterWide(role, role, user);
      await waitUntilAllowed(ns.client, user, [], { group: '', resource: 'namespaces', verb: 'get' });
      const client = await serveAs(clientAs(ns.kubeconfig, missing, user), missing);

      const refused = await client.enqueue(taskAction('denied', 'denied')).then(
        () => undefined,
        (err: unknown) => ConnectError.from(err),
      );
      expect(refused?.code).toBe(Code.PermissionDenied);
      expect(refused?.rawMessage).toContain(`namespace "${missing}" does not exist and this server may not create it`);
      expect(refused?.rawMessage).toContain('bind the kueue-serve ClusterRole to the server with a ClusterRoleBinding');
      await expect(ns.client.get(NAMESPACES, undefined, missing)).rejects.toMatchObject({ code: 404 });
    });
  });
});

/** A namespace deletion finishes asynchronously (the namespace controller empties it first). */
async function pollUntilGone(client: HttpKubeClient, namespace: string): Promise<void> {
  await pollUntil(
    async () => {
      try {
        await client.get(NAMESPACES, undefined, namespace);
        return false;
      } catch (err) {
        if (isKubeApiError(err) && err.code === 404) return true;
        throw err;
      }
    },
    { timeoutMs: 60_000, what: () => `namespace ${namespace} to be deleted` },
  );
}
