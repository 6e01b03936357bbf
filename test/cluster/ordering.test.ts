import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type TransitionEvent } from '../../shared/executor/transition-event.js';
import { type Pod } from '../../shared/kube/pod.js';
import { actionsFromManifest } from '../../shared/queue/actions-from-manifest.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { listTaskActions } from '../../shared/queue/list-task-actions.js';
import { runStatus } from '../../shared/runs/run-status.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { LABEL_ACTION } from '../../shared/task-action/labels.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import {
  RUN_IDENTITY,
  type RunningExecutor,
  byAction,
  conditionSet,
  enqueueRun,
  isFailed,
  isSucceeded,
  runPods,
  startExecutor,
  waitForRun,
} from './executor-fixtures.js';

const container = () => containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] });
const finished = (a: TaskAction) => isSucceeded(a) || isFailed(a);
const FAILS = { 'kueue.test/outcome': 'Failed', 'kueue.test/duration': '100ms' };
const FOREVER = { 'kueue.test/outcome': 'Running' };

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kueue-order-')), name);
  writeFileSync(file, text);
  return file;
}

function podsByAction(pods: Pod[]): Map<string, Pod> {
  return new Map(pods.map((pod) => [pod.metadata.labels?.[LABEL_ACTION] ?? '', pod]));
}

/** Where in the executor's own sequence of writes an action first got past waiting (ran, or ended). */
function firstStart(transitions: TransitionEvent[], runName: string, actionName: string): number {
  return transitions.findIndex((t) => t.runName === runName && t.actionName === actionName && t.phase !== 'Queued');
}

function completedAt(transitions: TransitionEvent[], runName: string, actionName: string): number {
  return transitions.findIndex((t) => t.runName === runName && t.actionName === actionName && t.phase === 'Completed');
}

/** Seconds precision, as the API server stores `creationTimestamp`. */
const seconds = (time: string | undefined) => Math.floor(Date.parse(time ?? '') / 1000);

function upstreamFailed(message: string) {
  return [
    { type: 'Progressing', status: 'False', reason: 'UpstreamFailed', message },
    { type: 'Failed', status: 'True', reason: 'UpstreamFailed', message },
  ];
}

describe.skipIf(clusterUnavailable())('ordering between actions with the real executor', () => {
  const ns = useClusterNamespace('order');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  let running: RunningExecutor | undefined;

  afterEach(async () => {
    await running?.executor.stop();
    running = undefined;
  });

  it('runs examples/run.yaml as fetch -> train -> evaluate -> publish', async () => {
    const text = readFileSync('examples/run.yaml', 'utf8');
    const documents = parseAllDocuments(text).map((doc, index) => ({ value: doc.toJS() as unknown, location: { file: 'examples/run.yaml', document: index } }));
    const actions = actionsFromManifest(documents, { ...RUN_IDENTITY, runName: 'chain' });
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueActions(ns.client, actions, { namespace: ns.namespace });
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'chain', (all) => all.length === 5 && all.every(isSucceeded)));
    // The annotation survived the CRD (Flyte's prune unknown spec fields, never annotations).
    expect(done.get('publish')?.metadata.annotations?.['kueue.dev/after']).toBe('evaluate');
    const pods = podsByAction(await runPods(ns.client, ns.namespace, 'chain'));
    const chain = ['fetch', 'train', 'evaluate', 'publish'];
    for (let i = 1; i < chain.length; i++) {
      const upstream = chain[i - 1] ?? '';
      const dependent = chain[i] ?? '';
      const upstreamDone = completedAt(running.transitions, 'chain', upstream);
      expect(upstreamDone, `${upstream} completed`).toBeGreaterThanOrEqual(0);
      // The executor wrote the upstream's success before the dependent got past Queued...
      expect(firstStart(running.transitions, 'chain', dependent), `${dependent} after ${upstream}`).toBeGreaterThan(upstreamDone);
      // ...and the dependent's Pod was created no earlier than the upstream finished.
      const finishedAt = done.get(upstream)?.status?.phaseHistory?.find((h) => h.phase === 'Completed')?.occurredAt;
      expect(seconds(pods.get(dependent)?.metadata.creationTimestamp), `${dependent}'s Pod`).toBeGreaterThanOrEqual(seconds(finishedAt));
    }
    expect(runStatus([...done.values()]).phase).toBe('Succeeded');
  });

  it('ends the dependents of a failed action UpstreamFailed, transitively, without a Pod', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'broken', [
      { name: 'a0', template: container() },
      { name: 'fetch', parent: 'a0', template: container(), annotations: FAILS },
      { name: 'train', parent: 'a0', template: container(), annotations: { 'kueue.dev/after': 'fetch' } },
      { name: 'evaluate', parent: 'a0', template: container(), annotations: { 'kueue.dev/after': 'train' } },
      // A plain child waits while ordering holds its parent back, and does not run when the parent never does.
      { name: 'report', parent: 'train', template: container() },
    ]);
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'broken', (all) => all.length === 5 && all.every(finished)));
    expect(conditionSet(done.get('fetch')).find((c) => c.type === 'Failed')?.reason).toBe('PermanentFailure');
    expect(conditionSet(done.get('train'))).toEqual(upstreamFailed('upstream action "fetch" failed (PermanentFailure); this action was not run'));
    expect(conditionSet(done.get('evaluate'))).toEqual(upstreamFailed('upstream action "train" was not run (UpstreamFailed); this action was not run'));
    expect(conditionSet(done.get('report'))).toEqual(upstreamFailed('parent action "train" was not run (UpstreamFailed); this action was not run'));
    expect(done.get('train')?.status?.phaseHistory?.at(-1)?.phase).toBe('UpstreamFailed');
    expect(done.get('train')?.status?.pluginPhase).toBeUndefined();
    const pods = [...podsByAction(await runPods(ns.client, ns.namespace, 'broken')).keys()].sort();
    expect(pods).toEqual(['a0', 'fetch']);
    const status = runStatus([...done.values()]);
    expect(status).toMatchObject({ phase: 'Failed', skipped: 3, succeeded: 1 });
  });

  it('shows an action waiting as Queued "waiting for ..." and creates nothing for it', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'wait', [
      { name: 'a0', template: container() },
      { name: 'fetch', parent: 'a0', template: container(), annotations: FOREVER },
      { name: 'prepare', parent: 'a0', template: container(), annotations: FOREVER },
      { name: 'train', parent: 'a0', template: container(), annotations: { 'kueue.dev/after': ' fetch, prepare ,' } },
    ]);
    const waiting = (all: TaskAction[]) => {
      const train = byAction(all).get('train');
      return train?.status?.conditions?.some((c) => c.type === 'Progressing' && c.message === 'waiting for fetch, prepare') === true;
    };
    const all = byAction(await waitForRun(ns.client, ns.namespace, 'wait', waiting));
    expect(conditionSet(all.get('train'))).toEqual([{ type: 'Progressing', status: 'True', reason: 'Queued', message: 'waiting for fetch, prepare' }]);
    // Its upstreams run (their Pods exist); it has none.
    await waitForRun(ns.client, ns.namespace, 'wait', (list) => list.every((a) => a.spec.actionName === 'train' || a.status?.pluginPhase !== undefined));
    expect([...podsByAction(await runPods(ns.client, ns.namespace, 'wait')).keys()]).not.toContain('train');
    expect(all.get('train')?.metadata.finalizers ?? []).toEqual([]);
  });

  it('ends a child enqueued under a parent that already failed, without running it', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'late', [{ name: 'a0', template: container(), annotations: FAILS }]);
    await waitForRun(ns.client, ns.namespace, 'late', (all) => all.every(isFailed));
    await enqueueRun(ns.client, ns.namespace, 'late', [{ name: 'child', parent: 'a0', template: container() }]);
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'late', (all) => all.length === 2 && all.every(finished)));
    expect(conditionSet(done.get('child'))).toEqual(upstreamFailed('parent action "a0" failed (PermanentFailure); this action was not run'));
    expect([...podsByAction(await runPods(ns.client, ns.namespace, 'late')).keys()]).toEqual(['a0']);
  });

  it('keeps Flyte\'s semantics for a plain child: it runs while its parent runs', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'plain', [
      { name: 'a0', template: container(), annotations: FOREVER },
      { name: 'child', parent: 'a0', template: container() },
    ]);
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'plain', (all) => byAction(all).get('child') !== undefined && isSucceeded(byAction(all).get('child') as TaskAction)));
    expect(finished(done.get('a0') as TaskAction)).toBe(false);
  });

  it('with --children-wait-for-parent, a child starts only after its parent succeeded', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    const file = tempFile(
      'family.yaml',
      ['a0', 'child', 'grandchild']
        .map((name, i) => {
          const parent = i === 0 ? '' : `  parentActionName: ${i === 1 ? 'a0' : 'child'}\n`;
          return `apiVersion: flyte.org/v1\nkind: TaskAction\nmetadata:\n  annotations: {kueue.test/duration: 1s}\nspec:\n  runName: family\n  actionName: ${name}\n${parent}  taskTemplate: {container: {image: busybox, command: ["true"]}}\n`;
        })
        .join('---\n'),
    );
    const enqueued = await runCli(['enqueue', '-f', file, '--children-wait-for-parent', '--project', RUN_IDENTITY.project, '--domain', RUN_IDENTITY.domain, '--org', RUN_IDENTITY.org, ...flags()]);
    expect(enqueued.code, enqueued.stderr).toBe(0);
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'family', (all) => all.length === 3 && all.every(isSucceeded)));
    expect(done.get('a0')?.metadata.annotations?.['kueue.dev/children-wait-for-parent']).toBe('true');
    expect(firstStart(running.transitions, 'family', 'child')).toBeGreaterThan(completedAt(running.transitions, 'family', 'a0'));
    expect(firstStart(running.transitions, 'family', 'grandchild')).toBeGreaterThan(completedAt(running.transitions, 'family', 'child'));

    await enqueueRun(ns.client, ns.namespace, 'held', [
      { name: 'a0', template: container(), annotations: { ...FOREVER, 'kueue.dev/children-wait-for-parent': 'true' } },
      { name: 'child', parent: 'a0', template: container() },
    ]);
    const held = byAction(await waitForRun(ns.client, ns.namespace, 'held', (all) => byAction(all).get('child')?.status?.conditions?.[0]?.message === 'waiting for a0'));
    expect(conditionSet(held.get('child'))).toEqual([{ type: 'Progressing', status: 'True', reason: 'Queued', message: 'waiting for a0' }]);
  });

  it('enqueue --after waits for an action enqueued before', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    const run = ['--run', 'later', '--org', RUN_IDENTITY.org, '--project', RUN_IDENTITY.project, '--domain', RUN_IDENTITY.domain, ...flags()];
    expect((await runCli(['enqueue', ...run, '--image', 'busybox', '--annotation', 'kueue.test/duration=1s', '--', 'true'])).code).toBe(0);
    const second = await runCli(['enqueue', ...run, '--action', 'next', '--parent', 'a0', '--after', 'a0', '--image', 'busybox', '--', 'true']);
    expect(second.code, second.stderr).toBe(0);
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'later', (all) => all.length === 2 && all.every(isSucceeded)));
    expect(done.get('next')?.metadata.annotations?.['kueue.dev/after']).toBe('a0');
    expect(firstStart(running.transitions, 'later', 'next')).toBeGreaterThan(completedAt(running.transitions, 'later', 'a0'));
  });

  it('refuses cycles and unknown names before anything is created', async () => {
    const doc = (name: string, after: string) =>
      `apiVersion: flyte.org/v1\nkind: TaskAction\nmetadata:\n  annotations: {kueue.dev/after: "${after}"}\nspec:\n  runName: cyclic\n  actionName: ${name}\n  parentActionName: a0\n  taskTemplate: {container: {image: busybox}}\n`;
    const root = 'apiVersion: flyte.org/v1\nkind: TaskAction\nspec:\n  runName: cyclic\n  actionName: a0\n  taskTemplate: {container: {image: busybox}}\n';
    const cyclic = tempFile('cyclic.yaml', [root, doc('train', 'evaluate'), doc('evaluate', 'train')].join('---\n'));
    const cycle = await runCli(['enqueue', '-f', cyclic, ...flags()]);
    expect(cycle.code).toBe(1);
    expect(cycle.stderr).toContain('actions of run "cyclic" wait for each other in a cycle: train -> evaluate -> train');
    // The file and the line of the document that closes the circle, and the object and field.
    expect(cycle.stderr).toContain(`${cyclic}:8 (document 2, TaskAction/cyclic/train, field metadata.annotations[kueue.dev/after])`);
    expect(cycle.stderr).toContain('TaskAction/cyclic/train');
    expect(cycle.stderr).toContain('metadata.annotations[kueue.dev/after]');

    const unknown = tempFile('unknown.yaml', [root, doc('train', 'fecth')].join('---\n'));
    const typo = await runCli(['enqueue', '-f', unknown, ...flags()]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('action "train" of run "cyclic" waits for "fecth", which is no action of the run');

    const flag = await runCli(['enqueue', '--run', 'cyclic', '--image', 'busybox', '--after', 'nothing', ...flags()]);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('waits for "nothing", which is no action of the run');
    const several = await runCli(['enqueue', '-f', cyclic, '--after', 'a0', ...flags()]);
    expect(several.stderr).toContain('--after applies to one action, and the input has 3');
    const noRoot = await runCli(['enqueue', '--run', 'cyclic', '--action', 'b', '--parent', 'a0', '--image', 'busybox', '--children-wait-for-parent', ...flags()]);
    expect(noRoot.stderr).toContain("--children-wait-for-parent is set on a run's root action, and the input has none");
    const clientDryRun = await runCli(['enqueue', '-f', cyclic, '--dry-run=client', ...flags()]);
    expect(clientDryRun.stderr).toContain('train -> evaluate -> train');

    expect((await listTaskActions(ns.client, ns.namespace)).filter((a) => a.spec.runName === 'cyclic')).toEqual([]);
  });
});
