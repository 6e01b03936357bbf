import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Code, ConnectError, type Client, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { create, toBinary } from '@bufbuild/protobuf';
import { TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { TaskSpecSchema } from '@flyteorg/flyteidl2/flyteidl2/task/task_definition_pb.js';
import { ActionsService } from '@flyteorg/flyteidl2/flyteidl2/actions/actions_service_pb.js';
import { EnqueueActionRequestSchema, QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { fieldNumberPath } from '../../shared/queue/service/client-template-bytes.js';
import { type QueueServiceServer, startQueueServiceServer } from '../../shared/queue/service/queue-service-server.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { LABEL_ACTION, LABEL_IS_ROOT, LABEL_RUN } from '../../shared/task-action/labels.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { decodeTaskTemplate } from '../../shared/task-action/task-template-codec.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { rawBytesField, reorderedTemplateBytes } from '../helpers/reordered-template.js';
import { RUN_ID, enqueueRequest } from '../unit/queue-service/queue-requests.js';
import { http1Request } from '../unit/queue-service/raw-http.js';
import { clientAs } from '../harness/cluster/access-control.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { freePort } from '../harness/cluster/control-plane/free-port.js';

type Queue = Client<typeof QueueService>;

async function codeOf(call: Promise<unknown>): Promise<{ code: Code | 'ok'; message: string }> {
  try {
    await call;
    return { code: 'ok', message: '' };
  } catch (err) {
    const error = ConnectError.from(err);
    return { code: error.code, message: error.rawMessage };
  }
}

describe.skipIf(clusterUnavailable())('QueueService server against the control plane', () => {
  const ns = useClusterNamespace('serve');
  let server: QueueServiceServer;
  const lines: string[] = [];
  // One client per protocol family, all generated from flyteidl2's QueueService, all on the same address.
  let connectJson: Queue;
  let grpc: Queue;
  let grpcWeb: Queue;

  beforeAll(async () => {
    server = await startQueueServiceServer({ client: ns.client, namespace: ns.namespace, port: 0, log: (l) => lines.push(l) });
    connectJson = createClient(QueueService, createConnectTransport({ baseUrl: server.url, httpVersion: '1.1' }));
    grpc = createClient(QueueService, createGrpcTransport({ baseUrl: server.url }));
    grpcWeb = createClient(QueueService, createGrpcWebTransport({ baseUrl: server.url, httpVersion: '1.1', useBinaryFormat: true }));
  });
  afterAll(async () => {
    await server.close({ force: true });
  });

  const runActions = async (run: string) =>
    (await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: `${LABEL_RUN}=${run}` })).items.filter(
      (item) => !item.metadata.deletionTimestamp,
    );
  const actionNames = async (run: string) => (await runActions(run)).map((a) => a.metadata.labels?.[LABEL_ACTION]).sort();
  const untilActions = (run: string, expected: string[]) =>
    pollUntil(async () => JSON.stringify(await actionNames(run)) === JSON.stringify([...expected].sort()), {
      timeoutMs: 60_000,
      what: () => `run ${run} to hold exactly ${expected.join(', ')}`,
    });

  it('enqueues a three-level tree over Connect, gRPC and gRPC-Web, as Flyte writes it', async () => {
    await connectJson.enqueueAction(enqueueRequest('tree', 'a0'));
    await grpc.enqueueAction(enqueueRequest('tree', 'prep', 'a0'));
    await grpc.enqueueAction(enqueueRequest('tree', 'train', 'a0', { image: 'python:3.12' }));
    await grpcWeb.enqueueAction(enqueueRequest('tree', 'prep-a', 'prep'));
    await grpcWeb.enqueueAction(enqueueRequest('tree', 'prep-b', 'prep'));
    await connectJson.enqueueAction(enqueueRequest('tree', 'train-a', 'train'));

    const actions = await runActions('tree');
    const byAction = new Map(actions.map((a) => [a.metadata.labels?.[LABEL_ACTION], a]));
    expect([...byAction.keys()].sort()).toEqual(['a0', 'prep', 'prep-a', 'prep-b', 'train', 'train-a']);
    const parentOf = { prep: 'a0', train: 'a0', 'prep-a': 'prep', 'prep-b': 'prep', 'train-a': 'train' } as const;
    for (const [child, parent] of Object.entries(parentOf)) {
      const object = byAction.get(child);
      expect(object?.metadata.ownerReferences).toEqual([
        { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: byAction.get(parent)?.metadata.name, uid: byAction.get(parent)?.metadata.uid, blockOwnerDeletion: true },
      ]);
      expect(object?.metadata.labels?.[LABEL_IS_ROOT]).toBe('false');
      expect(object?.spec.parentActionName).toBe(parent);
    }
    const root = byAction.get('a0');
    expect(root?.metadata.name).toBe(`${RUN_ID.org}-${RUN_ID.project}-${RUN_ID.domain}-tree-a0`);
    expect(root?.metadata.labels?.[LABEL_IS_ROOT]).toBe('true');
    expect(root?.metadata.ownerReferences).toBeUndefined();
    // Flyte's current CRD prunes spec.org; the org label (above) keeps it.
    if (testCrd() === 'flyte-head') expect(root?.spec).not.toHaveProperty('org');
    expect(root?.spec).toMatchObject({
      ...(testCrd() === 'flyte-head' ? {} : { org: 'acme' }),
      project: 'ml',
      domain: 'dev',
      runName: 'tree',
      actionName: 'a0',
      taskType: 'container',
      shortName: 'step a0',
      inputUri: 's3://bucket/acme/ml/dev/tree/a0/inputs.pb',
      runOutputBase: 's3://bucket/acme/ml/dev/tree/',
    });
    const template = decodeTaskTemplate(Buffer.from(byAction.get('train')?.spec.taskTemplate ?? '', 'base64'));
    expect(template.target.case === 'container' && template.target.value.image).toBe('python:3.12');
    const enqueued = () => lines.filter((l) => /\/EnqueueAction (connect|grpc|grpc-web) ok \d+ms$/.test(l)).length;
    // A line is written once the answer is out, which may be just after the client has it.
    await pollUntil(() => Promise.resolve(enqueued() === 6), { timeoutMs: 5_000, what: () => `6 log lines (${enqueued()})` });
  });

  it('is idempotent: the same action again succeeds; a different spec is already_exists naming the field', async () => {
    expect(await codeOf(grpc.enqueueAction(enqueueRequest('tree', 'prep', 'a0')))).toEqual({ code: 'ok', message: '' });
    expect(await codeOf(connectJson.enqueueAction(enqueueRequest('tree', 'a0')))).toEqual({ code: 'ok', message: '' });
    const changed = await codeOf(grpc.enqueueAction(enqueueRequest('tree', 'prep', 'a0', { image: 'alpine:3.20' })));
    expect(changed.code).toBe(Code.AlreadyExists);
    expect(changed.message).toContain(`TaskAction ${ns.namespace}/acme-ml-dev-tree-prep already exists with a different spec (task.spec.task_template)`);
    expect(await actionNames('tree')).toHaveLength(6);
  });

  it('answers not_found for a parent that does not exist, and creates nothing', async () => {
    const orphan = await codeOf(grpcWeb.enqueueAction(enqueueRequest('tree', 'stray', 'ghost')));
    expect(orphan.code).toBe(Code.NotFound);
    expect(orphan.message).toMatch(/^parent action "ghost" of run "tree" not found in namespace/);
    expect(await actionNames('tree')).not.toContain('stray');
  });

  it('answers invalid_argument for bad requests, naming the field, and creates nothing', async () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['no action_id', () => connectJson.enqueueAction({ ...enqueueRequest('bad', 'a0'), actionId: undefined }), /^action_id is required/],
      ['empty parent', () => grpc.enqueueAction(enqueueRequest('bad', 'a1', '')), /^parent_action_name is empty/],
      ['run name over 30', () => grpcWeb.enqueueAction(enqueueRequest('r'.repeat(31), 'a0')), /^action_id\.run\.name "r{31}" is 31 characters long; at most 30/],
      ['no task', () => grpc.enqueueAction({ ...enqueueRequest('bad', 'a0'), spec: { case: undefined } }), /^task is required/],
      ['abort without run_id', () => connectJson.abortQueuedRun({}), /^run_id is required/],
      ['abort without action name', () => grpc.abortQueuedAction({ actionId: { run: { ...RUN_ID, name: 'bad' } } }), /^action_id\.name must not be empty/],
    ];
    for (const [what, call, message] of cases) {
      const result = await codeOf(call());
      expect(result.code, what).toBe(Code.InvalidArgument);
      expect(result.message, what).toMatch(message);
    }
    expect(await actionNames('bad')).toEqual([]);
    expect(await actionNames('r'.repeat(30))).toEqual([]);
  });

  it('aborts one action: only its subtree disappears, through the garbage collector; again is fine', async () => {
    await grpc.abortQueuedAction({ actionId: { run: { ...RUN_ID, name: 'tree' }, name: 'prep' } });
    await untilActions('tree', ['a0', 'train', 'train-a']);
    expect(await codeOf(connectJson.abortQueuedAction({ actionId: { run: { ...RUN_ID, name: 'tree' }, name: 'prep' } }))).toEqual({ code: 'ok', message: '' });
    expect(await codeOf(grpcWeb.abortQueuedAction({ actionId: { run: { ...RUN_ID, name: 'tree' }, name: 'never-was' } }))).toEqual({ code: 'ok', message: '' });
  });

  it('aborts the run: everything disappears; aborting it again, or a run that never was, is fine', async () => {
    await connectJson.abortQueuedRun({ runId: { ...RUN_ID, name: 'tree' } });
    await untilActions('tree', []);
    expect(await codeOf(grpc.abortQueuedRun({ runId: { ...RUN_ID, name: 'tree' } }))).toEqual({ code: 'ok', message: '' });
    expect(await codeOf(grpcWeb.abortQueuedRun({ runId: { ...RUN_ID, name: 'never-was' } }))).toEqual({ code: 'ok', message: '' });
  });

  it('maps Kubernetes refusals to their codes: Forbidden, and NotFound for a missing namespace', async () => {
    const nobody = clientAs(ns.kubeconfig, ns.namespace, 'kueue-serve-test-nobody');
    const denied = await startQueueServiceServer({ client: nobody, namespace: ns.namespace, port: 0 });
    const elsewhere = await startQueueServiceServer({ client: ns.client, namespace: `${ns.namespace}-missing`, port: 0 });
    try {
      const forbidden = await codeOf(createClient(QueueService, createGrpcTransport({ baseUrl: denied.url })).enqueueAction(enqueueRequest('denied', 'a0')));
      expect(forbidden.code).toBe(Code.PermissionDenied);
      expect(forbidden.message).toMatch(/^Error from server \(Forbidden\): .*"kueue-serve-test-nobody" cannot (create|list) resource "taskactions"/);
      const abortForbidden = await codeOf(createClient(QueueService, createGrpcTransport({ baseUrl: denied.url })).abortQueuedRun({ runId: { ...RUN_ID, name: 'x' } }));
      expect(abortForbidden.code).toBe(Code.PermissionDenied);
      const ready = await http1Request(denied.url, { path: '/readyz' });
      expect(ready.status).toBe(503);
      expect(ready.body).toMatch(/^not ready: Error from server \(Forbidden\): .*cannot list resource "taskactions"/);

      const missing = await codeOf(createClient(QueueService, createConnectTransport({ baseUrl: elsewhere.url, httpVersion: '1.1' })).enqueueAction(enqueueRequest('lost', 'a0')));
      expect(missing.code).toBe(Code.NotFound);
      expect(missing.message).toBe(`Error from server (NotFound): namespaces "${ns.namespace}-missing" not found`);
    } finally {
      await denied.close({ force: true });
      await elsewhere.close({ force: true });
      nobody.close();
    }
  });

  it('stores the template bytes exactly as a binary client sent them, and the canonical encoding for JSON', async () => {
    const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c'], args: ['echo exact'] });
    const reordered = reorderedTemplateBytes(template);
    const canonical = toBinary(TaskTemplateSchema, template);
    expect(Buffer.from(reordered).equals(Buffer.from(canonical))).toBe(false);
    const request = (action: string) => {
      const message = create(EnqueueActionRequestSchema, enqueueRequest('exact', action, action === 'a0' ? undefined : 'a0'));
      if (message.spec.case !== 'task' || message.spec.value.spec === undefined) throw new Error('a task request');
      const spec = message.spec.value.spec;
      spec.taskTemplate = undefined;
      // The template travels as the client wrote it; the server decodes it as task_template all the same.
      spec.$unknown = [rawBytesField(fieldNumberPath(TaskSpecSchema, ['taskTemplate'])[0] ?? 0, reordered)];
      return message;
    };
    const connectBinary = createClient(QueueService, createConnectTransport({ baseUrl: server.url, httpVersion: '1.1', useBinaryFormat: true }));
    await connectBinary.enqueueAction(request('a0'));
    await grpc.enqueueAction(request('by-grpc'));
    await connectJson.enqueueAction(enqueueRequest('exact', 'by-json', 'a0', { args: ['echo exact'] }));
    const stored = new Map((await runActions('exact')).map((a) => [a.metadata.labels?.[LABEL_ACTION], Buffer.from(a.spec.taskTemplate ?? '', 'base64')]));
    expect(stored.get('a0')?.equals(Buffer.from(reordered))).toBe(true);
    expect(stored.get('by-grpc')?.equals(Buffer.from(reordered))).toBe(true);
    const json = enqueueRequest('exact', 'by-json', 'a0', { args: ['echo exact'] });
    const jsonTemplate = json.spec?.case === 'task' ? json.spec.value.spec?.taskTemplate : undefined;
    expect(stored.get('by-json')?.equals(Buffer.from(toBinary(TaskTemplateSchema, create(TaskTemplateSchema, jsonTemplate))))).toBe(true);
    // The same template in other bytes is the same action: a repeat succeeds.
    await connectJson.enqueueAction({ ...enqueueRequest('exact', 'a0'), spec: { case: 'task', value: { spec: { shortName: 'step a0', taskTemplate: template } } } });
  });

  it('warns once per server, naming the field and the CRD, when the installed CRD prunes envVars or interruptible', async () => {
    const runSpec = { envs: { values: [{ key: 'STAGE', value: 'dev' }] }, interruptible: true };
    const warningsOf = (log: string[]) => log.filter((l) => l.startsWith('warning: '));
    const expected = (name: string) =>
      testCrd() === 'flyte-s3'
        ? ['envVars', 'interruptible'].map(
            (field) =>
              `warning: spec.${field} is dropped: the installed CRD taskactions.flyte.org does not have it (Flyte's S3 schema), so TaskAction ${name} runs without it; install kueue's CRD (kubectl kueue install --force) to keep it`,
          )
        : [];

    // QueueService: a root, a child and a repeat, all with the fields; each warning comes once.
    const queueLog: string[] = [];
    const queueServer = await startQueueServiceServer({ client: ns.client, namespace: ns.namespace, port: 0, log: (l) => queueLog.push(l) });
    // ActionsService, on a server of its own so that the first server's warnings do not hide its own.
    const actionsLog: string[] = [];
    const actionsServer = await startQueueServiceServer({ client: ns.client, namespace: ns.namespace, port: 0, log: (l) => actionsLog.push(l) });
    try {
      const queue = createClient(QueueService, createGrpcTransport({ baseUrl: queueServer.url }));
      await queue.enqueueAction({ ...enqueueRequest('pruned', 'a0'), runSpec });
      await queue.enqueueAction({ ...enqueueRequest('pruned', 'a1', 'a0'), runSpec });
      await queue.enqueueAction({ ...enqueueRequest('pruned', 'a0'), runSpec });
      expect(warningsOf(queueLog)).toEqual(expected(`acme-ml-dev-pruned-a0`));

      const actions = createClient(ActionsService, createConnectTransport({ baseUrl: actionsServer.url, httpVersion: '1.1', useBinaryFormat: true }));
      const request = enqueueRequest('pruned2', 'pruned2');
      await actions.enqueue({ action: { actionId: request.actionId, inputUri: request.inputUri, runOutputBase: request.runOutputBase, spec: request.spec }, runSpec });
      await actions.enqueue({ action: { actionId: request.actionId, inputUri: request.inputUri, runOutputBase: request.runOutputBase, spec: request.spec }, runSpec });
      expect(warningsOf(actionsLog)).toEqual(expected('pruned2-a0'));
    } finally {
      await queueServer.close({ force: true });
      await actionsServer.close({ force: true });
    }
  });

  it('is ready against the control plane; not ready (503, with the reason) when the API server is unreachable', async () => {
    expect(await http1Request(server.url, { path: '/healthz' })).toMatchObject({ status: 200, body: 'OK' });
    expect(await http1Request(server.url, { path: '/readyz' })).toMatchObject({ status: 200, body: 'OK' });

    const deadPort = await freePort();
    const home = mkdtempSync(path.join(os.tmpdir(), 'kueue-serve-'));
    const unreachable = new HttpKubeClient(loadConnection({ server: `http://127.0.0.1:${deadPort}`, insecureSkipTlsVerify: true, namespace: 'flyte' }, { HOME: home }));
    const cut = await startQueueServiceServer({ client: unreachable, namespace: 'flyte', port: 0 });
    try {
      expect(await http1Request(cut.url, { path: '/healthz' })).toMatchObject({ status: 200, body: 'OK' });
      const ready = await http1Request(cut.url, { path: '/readyz' });
      expect(ready.status).toBe(503);
      expect(ready.body).toBe(`not ready: Unable to connect to the server http://127.0.0.1:${deadPort}: connect ECONNREFUSED 127.0.0.1:${deadPort}`);
      const call = await codeOf(createClient(QueueService, createGrpcTransport({ baseUrl: cut.url })).enqueueAction(enqueueRequest('cut', 'a0')));
      expect(call.code).toBe(Code.Unavailable);
      expect(call.message).toContain(`Unable to connect to the server http://127.0.0.1:${deadPort}`);
    } finally {
      await cut.close({ force: true });
      unreachable.close();
    }
  });
});
