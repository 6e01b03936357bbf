import { afterAll, describe, expect, it } from 'vitest';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { type ActionSketch, type RunningExecutor, enqueueRun, isFailed, isSucceeded, listRun, startExecutor, waitForRun } from '../cluster/executor-fixtures.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useClusterWorkbench } from '../harness/ui/cluster-workbench.js';
import { type Row, TaskActionViewPage } from './task-actions/task-action-view.js';

const ui = uiEnvironment();

const step = (annotations: Record<string, string>): Omit<ActionSketch, 'name'> => ({
  template: containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo step'] }),
  annotations,
});

const byLabel = (rows: Row[], label: string) => rows.find((r) => r.label === label);

/** The rows of the attempts table in a details document whose pod name ends in `-<action>-...`. */
const attemptRows = (text: string, action: string) => text.split('\n').filter((line) => new RegExp(`^\\s+\\d+\\s+\\S+-${action}-\\S+\\s`).test(line));

describe.skipIf(!ui.available || clusterUnavailable() !== '')('operating runs from the TaskAction view in code-server', () => {
  const ns = useClusterNamespace('ui-operate');
  const session = useClusterWorkbench(ui, 'taskaction-operate', ['train-pod.yaml'], () => ({
    'kueue.kubeconfig': ns.kubeconfig,
    'kueue.namespace': ns.namespace,
    // The DOM renderer keeps the terminal's text in the page, where the test can read what was typed.
    'terminal.integrated.gpuAcceleration': 'off',
  }));
  const view = () => new TaskActionViewPage(session().workbench, ui.available ? ui.screenshotDir : '');
  let running: RunningExecutor | undefined;

  afterAll(async () => {
    await running?.executor.stop();
  });

  const activeEditor = (what: string, accept: (name: string, text: string) => boolean) =>
    session().workbench.probe.waitFor(what, (s) => (s.activeEditor !== null && accept(s.activeEditor.name, s.activeEditor.text) ? s.activeEditor : undefined), 60_000);

  it('shows the details of a failed action and of its run, as kubectl kueue describe prints them', async () => {
    const page = view();
    await page.open();
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'ops', [
      { name: 'a0', ...step({}) },
      { name: 'ok', parent: 'a0', ...step({}) },
      { name: 'bad', parent: 'a0', ...step({ 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '3', 'kueue.test/reason': 'OOMKilled' }) },
    ]);
    await waitForRun(ns.client, ns.namespace, 'ops', (actions) => actions.length === 3 && actions.every((a) => isSucceeded(a) || isFailed(a)));
    await page.waitForRows('the ops run', (rows) => byLabel(rows, 'ops'));
    await page.expand('ops');
    await page.waitForRows('bad failed', (rows) => (byLabel(rows, 'bad')?.icon === 'error' ? rows : undefined), 60_000);

    expect(await page.contextMenuEntries('bad')).toEqual(['Show Details', 'Open as YAML', 'Show Pod Logs', 'Follow Logs...', 'Show in Terminal', 'Copy Name', 'Retry']);
    await page.contextMenu('bad', 'Show Details');
    const action = await activeEditor('the details of bad', (name) => name.endsWith('-bad.details'));
    expect(action.text).toMatch(/^Name: +\S+-ops-bad\n/);
    expect(action.text).toMatch(/\nRun: +ops\nAction: +bad\nParent: +a0\nPhase: +Failed\n/);
    expect(action.text).toMatch(/\nTask:\n {2}Type: +container\n {2}Retries: +0\n {2}Image: +busybox:1\.36\n {2}Command: +sh -c "echo step"\n/);
    // The attempt's Pod, with the exit code and reason kwok gave its container.
    const [attempt] = attemptRows(action.text, 'bad');
    expect(attempt).toMatch(/^\s+1\s+\S+\s+Failed\s+\S+\s+3\s+OOMKilled\s/);
    expect(action.text).toMatch(/\nPhase History:\n[\s\S]*Queued/);
    expect(action.text).toMatch(/\nLast Error: +\S/);
    await session().workbench.screenshot('taskaction-details-action');

    await page.open();
    await page.contextMenu('ops', 'Show Details');
    const run = await activeEditor('the details of run ops', (name) => name.endsWith('-ops-a0.run-details'));
    expect(run.text).toMatch(/^Run: +ops\nNamespace: +\S+\nProject: +proj\nDomain: +dev\nStatus: +Failed\nProgress: +2\/3 succeeded, 1 failed\n/);
    expect(run.text).toMatch(/\nActions:\n {2}ACTION +PARENT +PHASE +ATTEMPTS/);
    expect(run.text).toMatch(/\n {2}a0 +Succeeded +1 /);
    expect(run.text).toMatch(/\n {2}ok +a0 +Succeeded +1 /);
    expect(run.text).toMatch(/\n {2}bad +a0 +Failed +1 .*exit code 3/);
    expect(run.text).toMatch(/\nRoot action:\n\nName: +\S+-ops-a0\n/);
  });

  it('retries a failed action, and the open details document follows the new attempt by itself', async () => {
    const page = view();
    const { workbench } = session();
    await page.open();
    // A row's hover left open by the last test would take the right-click.
    await page.page.mouse.move(24, 500);
    await page.page.keyboard.press('Escape');
    await page.contextMenu('bad', 'Show Details');
    const before = await activeEditor('the details of bad', (name) => name.endsWith('-bad.details'));
    expect(attemptRows(before.text, 'bad')).toHaveLength(1);

    await page.open();
    await page.contextMenu('bad', 'Retry');
    expect(await workbench.notification(/Retrying bad of run ops/)).toBe('Retrying bad of run ops.');
    // The details document is the active editor still; the watch re-reads it as the second attempt runs and fails.
    const after = await activeEditor('the second attempt in the details', (name, text) => name.endsWith('-bad.details') && attemptRows(text, 'bad').length === 2);
    expect(attemptRows(after.text, 'bad')[1]).toMatch(/^\s+2\s+\S+\s+(Pending|Running|Failed)\s/);
    await waitForRun(ns.client, ns.namespace, 'ops', (actions) => actions.find((a) => a.spec.actionName === 'bad')?.status?.phaseHistory?.filter((h) => h.phase === 'Queued').length === 2);
  });

  it('offers nothing to retry on a run where nothing failed, and resubmits a run under a new name', async () => {
    const page = view();
    const { workbench } = session();
    await enqueueRun(ns.client, ns.namespace, 'fine', [{ name: 'a0', ...step({}) }]);
    await waitForRun(ns.client, ns.namespace, 'fine', (actions) => actions.length === 1 && actions.every(isSucceeded));
    await page.open();
    await page.waitForRows('the fine run, succeeded', (rows) => (byLabel(rows, 'fine')?.icon === 'pass' ? rows : undefined), 60_000);
    await page.contextMenu('fine', 'Retry');
    expect(await workbench.notification(/Nothing to retry/)).toBe('Nothing to retry in run fine: no action failed or was aborted.');

    await page.contextMenu('fine', 'Resubmit as a New Run');
    const message = await workbench.notification(/Resubmitted run fine/);
    const name = /as (fine-[a-z0-9]{5}) \(1 actions\)\.$/.exec(message)?.[1];
    expect(name, message).toBeDefined();
    const copy = await listRun(ns.client, ns.namespace, name ?? '');
    expect(copy.map((a) => a.spec.actionName)).toEqual(['a0']);
    await page.waitForRows('the resubmitted run', (rows) => byLabel(rows, name ?? ''));
  });

  it('opens a terminal running kubectl kueue describe for the row, pointed where the view is', async () => {
    const page = view();
    const { workbench } = session();
    await page.open();
    await page.contextMenu('bad', 'Show in Terminal');
    const expected = `kubectl kueue describe ops bad --project proj --domain dev -n ${ns.namespace} --context kueue-local --kubeconfig ${ns.kubeconfig}`;
    const rows = workbench.page.locator('.terminal-wrapper.active .xterm-rows, .xterm .xterm-rows').first();
    await expect
      .poll(async () => ((await rows.textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' '), { timeout: 30_000 })
      .toContain(expected);
    await workbench.page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: 'kueue describe ops bad' }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await workbench.screenshot('taskaction-show-in-terminal');
  });

  it('shows Open as YAML with the template decoded, and keeps it current while open', async () => {
    const page = view();
    await page.open();
    await page.contextMenu('ok', 'Open as YAML');
    const yaml = await activeEditor('the YAML of ok', (name) => name.endsWith('-ops-ok.yaml'));
    expect(yaml.text).toMatch(/\n {2}taskTemplate:\n {4}type: container\n {4}retries: 0\n {4}container:\n {6}image: busybox:1\.36\n {6}command:\n {6}- sh\n {6}- -c\n {6}- echo step\n/);
    // A change on the server shows in the open document without asking.
    const [ok] = (await listRun(ns.client, ns.namespace, 'ops')).filter((a) => a.spec.actionName === 'ok');
    await ns.client.patch(TASKACTIONS, ns.namespace, ok?.metadata.name ?? '', { metadata: { labels: { 'example.com/reviewed': 'today' } } }, 'merge');
    const updated = await activeEditor('the label in the open YAML', (name, text) => name.endsWith('-ops-ok.yaml') && text.includes('example.com/reviewed: today'));
    expect(updated.text).toContain('kind: TaskAction');
  });
  it('follows the logs of an action in an output channel across its attempts', async () => {
    const page = view();
    const { workbench } = session();
    await page.open();
    const flaky = {
      template: containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo step'], retries: 1 }),
      annotations: { 'kueue.test/outcome': 'Failed', 'kueue.test/duration': '4s', 'kueue.test/logs': 'hello from {pod}\nbye from {pod}', 'kueue.test/log-interval': '500ms' },
    };
    await enqueueRun(ns.client, ns.namespace, 'logs', [{ name: 'a0', ...step({ 'kueue.test/outcome': 'Running' }) }, { name: 'flaky', parent: 'a0', ...flaky }]);
    await page.waitForRows('the logs run', (rows) => byLabel(rows, 'logs'));
    await page.expand('logs');
    await page.waitForRows('flaky started', (rows) => byLabel(rows, 'flaky'), 60_000);
    await expect.poll(async () => (await page.contextMenuEntries('flaky')).includes('Follow Logs...'), { timeout: 60_000 }).toBe(true);
    await page.contextMenu('flaky', 'Follow Logs...');
    // On a loaded machine the second attempt may have begun already: then the first is chosen from the list.
    const attemptPick = workbench.page.locator('.quick-input-widget', { hasText: 'from which attempt?' });
    if (await attemptPick.isVisible({ timeout: 3_000 }).catch(() => false)) {
      await workbench.page.keyboard.type('Attempt 1');
      await workbench.page.keyboard.press('Enter');
    }
    const output = workbench.page.locator('.part.panel .monaco-editor .view-lines').first();
    const text = async () => ((await output.textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(text, { timeout: 90_000 }).toMatch(/flaky ended: no more attempts to follow/);
    const all = await text();
    expect(all).toMatch(/\[attempt 1 \S+\] hello from \S+-flaky-a1/);
    expect(all).toMatch(/\[attempt 1 \S+\] bye from \S+-flaky-a1/);
    expect(all).toMatch(/\[attempt 2 \S+\] hello from \S+-flaky-a2/);
    expect(all).toMatch(/\[attempt 2 \S+\] bye from \S+-flaky-a2/);
    expect(all.indexOf('hello from')).toBeLessThan(all.lastIndexOf('-flaky-a2'));
    await workbench.screenshot('taskaction-follow-logs');
  });
  it('filters runs by status and label, with a count per status in the title', async () => {
    const page = view();
    const { workbench } = session();
    await page.open();
    const header = () => page.pane().locator('.pane-header').first().textContent().then((t) => t ?? '');
    await expect.poll(header, { timeout: 30_000 }).toMatch(/TaskActions · 1 Running · 2 Succeeded · 1 Failed/i);
    await workbench.runCommand('Kueue: Filter Runs...');
    const list = workbench.page.locator('.quick-input-widget .quick-input-list');
    await list.locator('.monaco-list-row', { hasText: /^Failed$/ }).first().click();
    await workbench.page.keyboard.press('Enter');
    await workbench.page.locator('.quick-input-widget', { hasText: 'whose labels match' }).waitFor();
    await workbench.page.keyboard.type('flyte.org/run in (ops,fine)');
    await workbench.page.keyboard.press('Enter');
    const filtered = await page.waitForRows('only the failed ops run', (rows) => (rows.filter((r) => r.level === 1).map((r) => r.label).join(',') === 'ops' ? rows : undefined));
    expect(filtered.filter((r) => r.level === 1).map((r) => r.description.split(' ')[0])).toEqual(['Failed']);
    // The counts are of every run; the title says what the filter keeps.
    expect(await header()).toMatch(/TaskActions · 1 Running · 2 Succeeded · 1 Failed — showing Failed, flyte\.org\/run in \(ops,fine\)/i);
    await workbench.screenshot('taskaction-run-filter');
    await workbench.runCommand('Kueue: Clear Run Filter');
    await page.waitForRows('every run again', (rows) => (rows.filter((r) => r.level === 1).length === 4 ? rows : undefined));
  });
});
