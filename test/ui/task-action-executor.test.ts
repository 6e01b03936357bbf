import { describe, expect, it } from 'vitest';
import { type Lease } from '../../shared/executor/lease-record.js';
import { LEASES } from '../../shared/kube/resource-type.js';
import { DEFAULT_DOMAIN, DEFAULT_ORG, DEFAULT_PROJECT } from '../../shared/queue/run-scope.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { LABEL_RUN } from '../../shared/task-action/labels.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { decodeTaskTemplate } from '../../shared/task-action/task-template-codec.js';
import { viewTaskTemplate } from '../../shared/task-action/task-template-view.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { type RunningExecutor, enqueueRun, isSucceeded, startExecutor, waitForRun } from '../cluster/executor-fixtures.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useClusterWorkbench } from '../harness/ui/cluster-workbench.js';
import { type Row, TaskActionViewPage } from './task-actions/task-action-view.js';

const ui = uiEnvironment();
const byLabel = (rows: Row[], label: string) => rows.find((r) => r.label === label);

describe.skipIf(!ui.available || clusterUnavailable() !== '')('in-process executor and enqueue from the editor in code-server', () => {
  const ns = useClusterNamespace('ui-exec');
  const session = useClusterWorkbench(ui, 'taskaction-executor', ['train-pod.yaml', 'run-file.yaml'], () => ({
    'kueue.kubeconfig': ns.kubeconfig,
    'kueue.namespace': ns.namespace,
    'kueue.executor.concurrency': 2,
  }));
  const view = () => new TaskActionViewPage(session().workbench, ui.available ? ui.screenshotDir : '');
  let other: RunningExecutor | undefined;

  const leaseHolder = async () => (await ns.client.get<Lease>(LEASES, ns.namespace, 'kueue-executor').catch(() => undefined))?.spec?.holderIdentity ?? '';
  const runActions = async (run: string) => (await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: `${LABEL_RUN}=${run}` })).items;

  it('enqueues the Pod in the editor as a run, named in input boxes, sequential if chosen, and reveals it in the tree', async () => {
    const { workbench } = session();
    const page = view();
    await workbench.openFile('train-pod.yaml');
    await workbench.goTo(12, 5);
    await workbench.runCommand('Kueue: Enqueue Current Manifest as a Run');
    const input = workbench.page.locator('.quick-input-widget input');
    await input.waitFor();
    expect(await input.inputValue()).toMatch(/^train-\d{6}$/);
    await input.fill('Bad Name');
    await workbench.page.locator('.quick-input-message', { hasText: /spec\.runName "Bad Name" is not valid/ }).waitFor();
    await input.fill('from-editor');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Kueue: Enqueue into kueue-local' }).waitFor();
    await expect.poll(() => input.inputValue()).toBe('a0');
    await workbench.screenshot('taskaction-enqueue-action-name');
    await workbench.page.keyboard.press('Enter');
    // Then how its containers run: as written, or one after the other (as enqueue -f --sequential).
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Sequential containers' }).click();

    const revealed = await page.waitForRows('the new run, selected', (rows) => {
      const row = byLabel(rows, 'from-editor');
      return row?.selected === true ? row : undefined;
    });
    // A run row: the run's status and progress.
    expect(revealed.description).toBe('Pending · 0/1');
    const [action] = await runActions('from-editor');
    // The Pod's annotations come along to the Pod it runs as, and its containers run one after the other.
    const task = viewTaskTemplate(decodeTaskTemplate(Buffer.from(action?.spec.taskTemplate ?? '', 'base64')));
    expect(task.sequential).toBe(true);
    expect(task.target).toMatchObject({ kind: 'pod', annotations: { team: 'ml' } });
    expect(action?.spec).toMatchObject({ org: DEFAULT_ORG, project: DEFAULT_PROJECT, domain: DEFAULT_DOMAIN, runName: 'from-editor', actionName: 'a0', taskType: 'sidecar' });
    expect(action?.metadata.name).toBe(`${DEFAULT_ORG}-${DEFAULT_PROJECT}-${DEFAULT_DOMAIN}-from-editor-a0`);
    await workbench.screenshot('taskaction-enqueued-from-editor');
  });

  it('enqueues a file of TaskAction documents as its run, without asking for names', async () => {
    const { workbench } = session();
    const page = view();
    await workbench.runCommand('View: Show Explorer');
    await workbench.openFile('run-file.yaml');
    await workbench.goTo(8, 5);
    await workbench.runCommand('Kueue: Enqueue Current Manifest as a Run');
    await page.waitForRows('the run of the file, selected', (rows) => (byLabel(rows, 'from-file')?.selected === true ? true : undefined));
    const actions = await runActions('from-file');
    expect(actions.map((a) => a.spec.actionName).sort()).toEqual(['a0', 'fetch']);
    expect(actions.find((a) => a.spec.actionName === 'a0')?.metadata.annotations?.['team']).toBe('ml');
  });

  it('stands by while another executor holds the Lease, and the run it executes ends in a notification', async () => {
    const page = view();
    const { workbench } = session();
    other = await startExecutor(ns.client, ns.namespace, { identity: 'executor-in-cluster' });
    await expect.poll(leaseHolder, { timeout: 15_000 }).toBe('executor-in-cluster');
    await workbench.runCommand('Kueue: Start Executor');
    await page.waitForExecutorStatus('standby', (text) => text === 'Kueue: standby');
    await workbench.screenshot('taskaction-executor-standby');
    // The other executor runs the run enqueued from the editor; this window tells its author how it ended.
    const message = await workbench.notification(/Run from-editor succeeded/, 60_000);
    expect(message).toMatch(/^Kueue: Run from-editor succeeded: 1 action in \d+s\.$/);
    await page.waitForRows('from-editor Succeeded', (rows) => (byLabel(rows, 'from-editor')?.icon === 'pass' ? true : undefined));
    expect(await leaseHolder()).toBe('executor-in-cluster');
    expect(await page.executorStatus()).toBe('Kueue: standby');
  });

  it('takes over when the other executor stops, runs a run to completion and shows it in the status bar', async () => {
    const page = view();
    const { workbench } = session();
    await other?.executor.stop();
    other = undefined;
    await expect.poll(leaseHolder, { timeout: 20_000 }).toMatch(/^vscode-/);
    await page.waitForExecutorStatus('idle', (text) => text === 'Kueue: idle');

    await enqueueRun(ns.client, ns.namespace, 'in-window', [
      { name: 'a0', template: containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] }), annotations: { 'kueue.test/duration': '6s' } },
      { name: 'child', parent: 'a0', template: containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] }), annotations: { 'kueue.test/duration': '6s' } },
    ]);
    await page.waitForExecutorStatus('two running', (text) => text === 'Kueue: 2 running, 0 queued');
    await page.waitForRows('in-window running', (rows) => (byLabel(rows, 'in-window')?.icon === 'sync' ? true : undefined));
    await workbench.screenshot('taskaction-executor-running');
    const done = await waitForRun(ns.client, ns.namespace, 'in-window', (actions) => actions.length === 2 && actions.every(isSucceeded), 60_000);
    expect(done).toHaveLength(2);
    await page.waitForExecutorStatus('idle again', (text) => text === 'Kueue: idle');
    await page.waitForRows('in-window Succeeded', (rows) => (byLabel(rows, 'in-window')?.icon === 'pass' ? true : undefined));
    await workbench.screenshot('taskaction-executor-idle');
    expect(await leaseHolder()).toMatch(/^vscode-/);
  });

  it('logs every transition in the Kueue Executor output channel, opened from the status bar item', async () => {
    const { workbench } = session();
    await workbench.page.locator('.statusbar-item[id$="kueue.executor"]').click();
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Executor Log' }).waitFor();
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Stop Executor' }).waitFor();
    await workbench.page.keyboard.type('Show Executor Log');
    await workbench.page.keyboard.press('Enter');
    const lines = workbench.page.locator('.output-view .view-lines');
    // The lines of `kubectl kueue executor` (long ones wrap in the panel, hence any white space between fields).
    const transition = new RegExp(`Z ${ns.namespace}/in-window/child Executing -> Completed attempt 1 TaskAction completed successfully`);
    await expect.poll(async () => (await lines.innerText()).replace(/\s+/g, ' '), { timeout: 15_000 }).toMatch(transition);
    await workbench.screenshot('taskaction-executor-log');
  });

  it('stops from the command palette, releasing the Lease and hiding the status bar item', async () => {
    const page = view();
    await session().workbench.runCommand('Kueue: Stop Executor');
    await page.waitForExecutorStatus('hidden', (text) => text === '');
    await expect.poll(leaseHolder, { timeout: 10_000 }).toBe('');
  });
});
