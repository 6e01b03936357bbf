import { describe, expect, it } from 'vitest';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { executorPresence } from '../../shared/executor/executor-presence.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { type ActionSketch, type RunningExecutor, enqueueRun, listRun, runPods, startExecutor, waitForRun } from '../cluster/executor-fixtures.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useClusterWorkbench } from '../harness/ui/cluster-workbench.js';
import { type Row, TaskActionViewPage } from './task-actions/task-action-view.js';

const ui = uiEnvironment();

const step = (annotations: Record<string, string>) => ({
  template: containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo step'] }),
  annotations,
});
const runsFor = (seconds: number) => step({ 'kueue.test/duration': `${seconds}s` });
const runsForever = step({ 'kueue.test/outcome': 'Running' });

const byLabel = (rows: Row[], label: string) => rows.find((r) => r.label === label);
const phaseOf = (row: Row | undefined) => row?.description.split(' · ')[0];

describe.skipIf(!ui.available || clusterUnavailable() !== '')('TaskAction tree in code-server on the real control plane', () => {
  const ns = useClusterNamespace('ui-tree');
  const session = useClusterWorkbench(ui, 'taskaction-tree', ['train-pod.yaml'], () => ({ 'kueue.kubeconfig': ns.kubeconfig, 'kueue.namespace': ns.namespace }));
  const view = () => new TaskActionViewPage(session().workbench, ui.available ? ui.screenshotDir : '');
  let running: RunningExecutor | undefined;

  const stopExecutor = async () => {
    await running?.executor.stop();
    running = undefined;
  };

  it('says the namespace is empty, with a way to enqueue', async () => {
    const page = view();
    await page.open();
    await expect.poll(() => page.welcomeText(), { timeout: 30_000 }).toContain('No TaskActions in this namespace yet.');
  });

  it('shows a three-level run as it is enqueued, and follows it to Succeeded as kwok runs its Pods', async () => {
    const page = view();
    const sketch: ActionSketch[] = [
      { name: 'a0', ...runsFor(1) },
      { name: 'fetch', parent: 'a0', ...runsFor(2) },
      { name: 'train', parent: 'a0', ...runsFor(4) },
      { name: 'publish', parent: 'train', ...runsFor(2) },
    ];
    await enqueueRun(ns.client, ns.namespace, 'three', sketch);
    await page.waitForRows('the run', (rows) => byLabel(rows, 'three'));
    await page.expand('three');
    const pending = await page.waitForRows('the whole run, pending', (rows) => (rows.length === 4 ? rows : undefined));
    expect(pending.map((r) => [r.level, r.label, r.description, r.icon])).toEqual([
      // The run row: the run's status and progress from all four actions.
      [1, 'three', 'Pending · 0/4', 'circle-large-outline'],
      [2, 'fetch', 'Pending', 'circle-large-outline'],
      [2, 'train', 'Pending', 'circle-large-outline'],
      [3, 'publish', 'Pending', 'circle-large-outline'],
    ]);
    // Above the rows: the context and namespace they come from.
    expect(await page.message()).toMatch(new RegExp(`^kueue-local / ${ns.namespace}$`));

    running = await startExecutor(ns.client, ns.namespace);
    const busy = await page.waitForRows('train running', (rows) => (byLabel(rows, 'train')?.icon === 'sync' ? rows : undefined));
    expect(phaseOf(byLabel(busy, 'train'))).toBe('Running');
    await page.workbench.screenshot('taskaction-tree-running');
    const done = await page.waitForRows('every action Succeeded', (rows) => (rows.length === 4 && rows.every((r) => r.icon === 'pass') ? rows : undefined), 60_000);
    expect(done.map(phaseOf)).toEqual(['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded']);
    expect(byLabel(done, 'three')?.description).toMatch(/^Succeeded · 4\/4 · /);
    // The same rows (by uid), updated in place: the run stayed expanded through every refresh.
    expect(done.map((r) => [r.level, r.label, r.expanded])).toEqual([
      [1, 'three', true],
      [2, 'fetch', undefined],
      [2, 'train', true],
      [3, 'publish', undefined],
    ]);
    await page.workbench.screenshot('taskaction-tree-succeeded');
    await stopExecutor();
  });

  it('explains an action in its hover: task type, conditions and phase history', async () => {
    const text = await view().hover('train', 'taskaction-tooltip');
    expect(text).toMatch(/train in run three: Succeeded after \d+s/);
    expect(text).toContain('container task');
    expect(text).toContain('busybox:1.36');
    expect(text).toMatch(/Succeeded\s+True\s+Completed\s+TaskAction completed successfully/);
    expect(text).toMatch(/Phase history[\s\S]*Queued[\s\S]*Executing[\s\S]*Completed: TaskAction completed successfully/);
    await view().page.keyboard.press('Escape');
  });

  it('opens an action as read-only YAML and shows its Pod logs from the context menu', async () => {
    const page = view();
    const { workbench } = session();
    expect(await page.contextMenuEntries('fetch')).toEqual(['Show Details', 'Open as YAML', 'Show Pod Logs', 'Follow Logs...', 'Show in Terminal', 'Copy Name']);
    await page.contextMenu('fetch', 'Open as YAML');
    const yaml = await workbench.probe.waitFor('the YAML document', (s) => (s.activeEditor?.name.endsWith('-fetch.yaml') === true ? s.activeEditor : undefined));
    expect(yaml.languageId).toBe('yaml');
    expect(yaml.text).toContain('kind: TaskAction');
    expect(yaml.text).toMatch(/runName: three\n/);
    expect(yaml.text).toMatch(/status: "True"\n\s+type: Succeeded\n/);
    expect(yaml.text).not.toContain('managedFields');
    await workbench.screenshot('taskaction-open-yaml');

    await page.open();
    await page.contextMenu('fetch', 'Show Pod Logs');
    const logs = await workbench.probe.waitFor('the logs document', (s) => (s.activeEditor?.name.endsWith('-fetch.log') === true ? s.activeEditor : undefined));
    // kwok plays the kubelet and serves no logs: the document names the Pod and container and says why.
    expect(logs.text).toMatch(/^==> pod\/[a-z0-9-]+-fetch-a1 container\/[a-z0-9-]+ \(Succeeded\) <==\n# The log cannot be read: /);
  });

  it('aborts an action with its subtree from the tree, then the whole run', async () => {
    const page = view();
    await page.open();
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'long', [
      { name: 'a0', ...runsForever },
      { name: 'prep', parent: 'a0', ...runsForever },
      { name: 'work', parent: 'a0', ...runsForever },
      { name: 'report', parent: 'work', ...runsForever },
    ]);
    await page.waitForRows('the long run', (rows) => byLabel(rows, 'long'));
    await page.expand('long');
    await page.waitForRows('the long run running', (rows) => (['long', 'prep', 'work', 'report'].every((l) => byLabel(rows, l)?.icon === 'sync') ? true : undefined), 60_000);

    expect(await page.contextMenuEntries('work')).toEqual(['Show Details', 'Open as YAML', 'Show Pod Logs', 'Follow Logs...', 'Show in Terminal', 'Copy Name', 'Stop Action', 'Abort Action']);
    expect(await page.contextMenuEntries('long')).toEqual(['Show Details', 'Open as YAML', 'Show Pod Logs', 'Follow Logs...', 'Show in Terminal', 'Copy Name', 'Retry', 'Resubmit as a New Run', 'Stop Run', 'Abort Run']);
    await page.contextMenu('work', 'Abort Action', 'taskaction-abort-menu');
    const question = await page.confirm('Abort', 'taskaction-abort-confirm');
    expect(question).toBe('Abort action work of run long? The action below it is aborted too.');
    await page.waitForRows('work and report gone', (rows) => (!byLabel(rows, 'work') && !byLabel(rows, 'report') ? true : undefined), 60_000);
    const left = await waitForRun(ns.client, ns.namespace, 'long', (actions) => actions.length === 2);
    expect(left.map((a) => a.spec.actionName).sort()).toEqual(['a0', 'prep']);
    expect(phaseOf(byLabel(await page.rows(), 'prep'))).toBe('Running');
    await page.workbench.screenshot('taskaction-tree-after-abort');

    await page.contextMenu('long', 'Abort Run');
    expect(await page.confirm('Abort')).toBe('Abort run long? Its 2 actions stop and are deleted.');
    // While the garbage collector cascades, prep outlives its run's root: it must not show as a second run row.
    const shown: string[][] = [];
    await page.waitForRows('the long run gone', (rows) => {
      shown.push(rows.filter((r) => r.level === 1).map((r) => r.label));
      return !byLabel(rows, 'long') && !byLabel(rows, 'prep') ? true : undefined;
    }, 60_000);
    for (const runs of shown) expect(runs.filter((label) => label === 'long').length).toBeLessThanOrEqual(1);
    await waitForRun(ns.client, ns.namespace, 'long', (actions) => actions.length === 0);
    expect((await page.rows()).map((r) => r.label)).toContain('three');
    expect(await listRun(ns.client, ns.namespace, 'three')).toHaveLength(4);
    await stopExecutor();
  });

  it('aborts a run no executor runs for: its Pods are deleted too, and it says so', async () => {
    const page = view();
    await page.open();
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'alone', [
      { name: 'a0', ...runsForever },
      { name: 'b', parent: 'a0', ...runsForever },
    ]);
    await page.waitForRows('the alone run', (rows) => byLabel(rows, 'alone'));
    await page.expand('alone');
    await page.waitForRows('the alone run running', (rows) => (['alone', 'b'].every((l) => byLabel(rows, l)?.icon === 'sync') ? true : undefined), 60_000);
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'alone')).filter((p) => p.status?.phase === 'Running').length === 2, {
      timeoutMs: 30_000,
      what: () => 'both Pods to run',
    });
    await stopExecutor();
    await pollUntil(async () => (await executorPresence(ns.client, ns.namespace)) === 'absent', { timeoutMs: 30_000, what: () => 'the Lease to be free' });

    await page.contextMenu('alone', 'Abort Run');
    expect(await page.confirm('Abort')).toBe('Abort run alone? Its 2 actions stop and are deleted.');
    expect(await page.workbench.notification(/no executor holds Lease/)).toBe(
      `Kueue: deleted acme-proj-dev-alone-a0; no executor holds Lease kueue-executor in namespace ${ns.namespace}: ` +
        'abort deleted 2 Pods and removed the finalizer flyte.org/plugin-finalizer from 2 TaskActions itself',
    );
    await page.waitForRows('the alone run gone', (rows) => (!byLabel(rows, 'alone') && !byLabel(rows, 'b') ? true : undefined), 60_000);
    await waitForRun(ns.client, ns.namespace, 'alone', (actions) => actions.length === 0);
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'alone')).length === 0, { timeoutMs: 30_000, what: () => 'the Pods to be gone' });
  });

  it('stops a run from the tree: it stays in the view, its unfinished actions Aborted', async () => {
    const page = view();
    await page.open();
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'halt', [
      { name: 'a0', ...runsForever },
      { name: 'done', parent: 'a0', ...runsFor(1) },
      { name: 'spin', parent: 'a0', ...runsForever },
    ]);
    await page.waitForRows('the halt run', (rows) => byLabel(rows, 'halt'));
    await page.expand('halt');
    await page.waitForRows('done finished, spin running', (rows) => (byLabel(rows, 'done')?.icon === 'pass' && byLabel(rows, 'spin')?.icon === 'sync' ? true : undefined), 60_000);
    await page.contextMenu('halt', 'Stop Run');
    const stopped = await page.waitForRows('the run Aborted', (rows) => (phaseOf(byLabel(rows, 'halt')) === 'Aborted' ? rows : undefined), 60_000);
    expect(byLabel(stopped, 'halt')?.description).toMatch(/^Aborted · 1\/3 · 2 aborted · /);
    expect(phaseOf(byLabel(stopped, 'spin'))).toBe('Aborted');
    expect(phaseOf(byLabel(stopped, 'done'))).toBe('Succeeded');
    // Nothing was deleted.
    expect(await listRun(ns.client, ns.namespace, 'halt')).toHaveLength(3);
    await page.workbench.screenshot('taskaction-tree-stopped');
    await stopExecutor();
  });

  it('shows Failed on the row of a run whose root succeeded and a child failed', async () => {
    const page = view();
    await page.open();
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'mixed', [
      { name: 'a0', ...runsFor(1) },
      { name: 'ok', parent: 'a0', ...runsFor(1) },
      { name: 'bad', parent: 'a0', ...step({ 'kueue.test/outcome': 'Failed' }) },
    ]);
    await page.waitForRows('the mixed run', (rows) => byLabel(rows, 'mixed'));
    await page.expand('mixed');
    const ended = await page.waitForRows('the mixed run finished', (rows) =>
      byLabel(rows, 'ok')?.icon === 'pass' && byLabel(rows, 'bad')?.icon === 'error' && byLabel(rows, 'mixed')?.icon === 'error' ? rows : undefined,
    60_000);
    // The run's status from all its actions, with progress and how many failed.
    expect(byLabel(ended, 'mixed')?.description).toMatch(/^Failed · 2\/3 · 1 failed · /);
    expect(phaseOf(byLabel(ended, 'bad'))).toBe('Failed');
    await page.workbench.screenshot('taskaction-tree-run-failed');
    // The root action itself succeeded: its hover says so, the row says what became of the run.
    expect(await view().hover('mixed')).toMatch(/a0 in run mixed: Succeeded/);
    await view().page.keyboard.press('Escape');
    await stopExecutor();
  });
  it('keeps an open hover while the rows of its active run repaint', async () => {
    const page = view();
    await page.open();
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'hovering', [
      { name: 'a0', ...runsForever },
      { name: 'hovered', parent: 'a0', ...runsForever },
      { name: 'sibling', parent: 'a0', ...runsForever },
    ]);
    await page.waitForRows('the hovering run', (rows) => byLabel(rows, 'hovering'));
    await page.expand('hovering');
    await page.waitForRows('both children running', (rows) => (byLabel(rows, 'hovered')?.icon === 'sync' && byLabel(rows, 'sibling')?.icon === 'sync' ? true : undefined), 60_000);
    // Open the hover as a person does: point at the row, and point again if a repaint beat the hover delay.
    const hover = page.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /hovered in run hovering/ }).first();
    await expect
      .poll(async () => {
        await page.page.mouse.move(0, 0);
        await page.rowLocator('hovered').first().locator('.label-name').hover();
        return hover.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      }, { timeout: 60_000 })
      .toBe(true);
    const before = byLabel(await page.rows(), 'sibling')?.description;
    // The durations of running rows repaint every few seconds: wait for one repaint of a sibling row.
    await page.waitForRows('a repaint of the running rows', (rows) => (byLabel(rows, 'sibling')?.description !== before ? true : undefined), 30_000);
    expect(await hover.isVisible()).toBe(true);
    await page.workbench.screenshot('taskaction-hover-kept');
    await page.page.keyboard.press('Escape');
    await stopExecutor();
  });
});
