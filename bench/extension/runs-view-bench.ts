import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser } from 'playwright-core';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { formatKubeTime } from '../../shared/task-action/condition.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { Workbench } from '../../test/harness/ui/workbench.js';
import { createWorkspace } from '../../test/harness/ui/workspace.js';
import { cpuTimeMs } from './process-cpu.js';
import { extensionHostPids } from './process-memory.js';
import { BENCH_SCOPE, runName, seedTaskActions } from './seed-task-actions.js';

export const VIEW_RUNS = 50;
export const VIEW_PER_RUN = 10;
/** Runs whose `step-1` failed: every fifth, all of them labelled team=ml (even indexes). */
const failedRun = (index: number) => index % 5 === 0;
const team = (index: number) => (index % 2 === 0 ? 'ml' : 'web');
const FILTER_SELECTOR = 'team=ml';
const expectedFiltered = Array.from({ length: VIEW_RUNS }, (_, i) => i).filter((i) => failedRun(i) && team(i) === 'ml').map(runName).sort();

/** One measure of the page (wall) with the extension host's CPU time over the same interval. */
export interface PageTiming {
  ms: number;
  hostCpuMs: number;
}

export interface RunsViewResult {
  /** Click on the activity bar entry -> the first run rows drawn, in fresh windows on the 50-run namespace. */
  openRows: PageTiming[];
  /** The same in fresh windows on an empty namespace: click -> the connected view's welcome text drawn (the floor). */
  openEmpty: PageTiming[];
  /** The same 500 TaskActions listed by a plain client in this process (wall, and this process's CPU). */
  plainList: PageTiming[];
  /** Enter on the label selector of Filter Runs... (Failed, team=ml) -> exactly the matching runs shown. */
  filter: PageTiming[];
  /** Enter on an unchanged filter (no status, no selector) -> the quick input closed (the floor). */
  filterFloor: PageTiming[];
}

async function seedRunsNamespace(client: KubeClient, namespace: string): Promise<void> {
  await seedTaskActions(client, namespace, VIEW_RUNS, VIEW_PER_RUN);
  const time = formatKubeTime(new Date());
  const name = (index: number, action: string) => `${BENCH_SCOPE.org}-${BENCH_SCOPE.project}-${BENCH_SCOPE.domain}-${runName(index)}-${action}`;
  const finished = (outcome: 'Succeeded' | 'Failed') => [
    { type: 'Progressing', status: 'False', reason: 'Completed', message: 'TaskAction has completed', lastTransitionTime: time },
    { type: outcome, status: 'True', reason: outcome === 'Failed' ? 'Failed' : 'Completed', message: outcome === 'Failed' ? 'exit code 1' : 'done', lastTransitionTime: time },
  ];
  const actions = ['a0', ...Array.from({ length: VIEW_PER_RUN - 1 }, (_, i) => `step-${i + 1}`)];
  for (let i = 0; i < VIEW_RUNS; i++) {
    await client.patch(TASKACTIONS, namespace, name(i, 'a0'), { metadata: { labels: { team: team(i) } } }, 'merge');
    // A run is Failed once every action has finished and one failed by itself (the core's run status).
    if (!failedRun(i)) continue;
    for (const action of actions) {
      const conditions = finished(action === 'step-1' ? 'Failed' : 'Succeeded');
      await client.patch(TASKACTIONS, namespace, name(i, action), { status: { conditions } }, 'merge', { subresource: 'status' });
    }
  }
}

async function timed(host: number, action: () => Promise<void>): Promise<PageTiming> {
  const cpu = cpuTimeMs(host);
  const started = performance.now();
  await action();
  return { ms: performance.now() - started, hostCpuMs: cpuTimeMs(host) - cpu };
}

const pane = (workbench: Workbench) => workbench.page.locator('.pane', { has: workbench.page.locator('.pane-header', { hasText: /TaskActions/i }) }).first();

const topLevelRuns = (workbench: Workbench) =>
  pane(workbench)
    .locator('.monaco-list-row[aria-level="1"] .label-name')
    .allInnerTexts()
    .then((labels) => labels.map((l) => l.trim()).sort());

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The TaskAction view on 50 runs of 10 actions in code-server: opening the view until the rows are drawn (against
 * an empty namespace's welcome text and a plain client's list of the same objects), and Filter Runs... until the
 * matching runs are shown (against accepting a filter that changes nothing).
 */
export async function benchRunsView(options: {
  browser: Browser;
  serverUrl: string;
  serverPid: number;
  workspaces: string;
  probePortDir: string;
  screenshotDir: string;
  client: KubeClient;
  namespace: string;
  emptyNamespace: string;
  /** Fresh windows of each kind; each 50-run window also takes one filter sample and one floor sample. */
  windows: number;
  list: () => Promise<number>;
  log: (line: string) => void;
}): Promise<RunsViewResult> {
  await seedRunsNamespace(options.client, options.namespace);
  const plainList: PageTiming[] = [];
  for (let i = 0; i < options.windows * 2; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const count = await options.list();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (count !== VIEW_RUNS * VIEW_PER_RUN) throw new Error(`listed ${count} TaskActions, expected ${VIEW_RUNS * VIEW_PER_RUN}`);
    plainList.push({ ms, hostCpuMs: (used.user + used.system) / 1000 });
  }

  const openWindow = async (namespace: string) => {
    const folder = await createWorkspace(options.workspaces, 'bench-runs-view', ['train-pod.yaml']);
    await mkdir(path.join(folder, '.vscode'));
    await writeFile(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'kueue.namespace': namespace }));
    const before = new Set(extensionHostPids(options.serverPid));
    const workbench = await Workbench.open(options.browser, { url: options.serverUrl, folder, probePortDir: options.probePortDir, screenshotDir: options.screenshotDir });
    let host: number | undefined;
    await waitFor('the window\'s extension host', () => Promise.resolve((host = extensionHostPids(options.serverPid).find((pid) => !before.has(pid))) !== undefined), 60_000);
    return { workbench, host: host as number };
  };
  const clickView = (workbench: Workbench) => workbench.page.locator('.activitybar a[aria-label^="Kueue"]').first().click();

  const filter: PageTiming[] = [];
  const filterFloor: PageTiming[] = [];
  // One filter and one unchanged filter per window: a fresh window each time, as the view is first filtered.
  const measureFilter = async (workbench: Workbench, host: number, screenshot: boolean): Promise<void> => {
    await waitFor('the failed runs listed', async () => (await pane(workbench).locator('.monaco-list-row[aria-level="1"] .codicon-error').count()) > 0);
    const quickInput = workbench.page.locator('.quick-input-widget');
    const chooseFilter = async (status: string | undefined, selector: string): Promise<void> => {
      await workbench.runCommand('Kueue: Filter Runs...');
      const list = quickInput.locator('.quick-input-list');
      // The statuses pick (not the command palette still closing).
      await workbench.page.locator('.quick-input-widget', { hasText: 'Show runs that are' }).waitFor();
      if (status !== undefined) await list.locator('.monaco-list-row', { hasText: new RegExp(`^${status}$`) }).first().click();
      await workbench.page.keyboard.press('Enter');
      await workbench.page.locator('.quick-input-widget', { hasText: 'whose labels match' }).waitFor();
      await workbench.page.keyboard.press('Control+A');
      if (selector === '') await workbench.page.keyboard.press('Backspace');
      else await workbench.page.keyboard.type(selector);
    };
    await chooseFilter('Failed', FILTER_SELECTOR);
    filter.push(await timed(host, async () => {
      await workbench.page.keyboard.press('Enter');
      await waitFor('the failed team=ml runs only', async () => (await topLevelRuns(workbench)).join(',') === expectedFiltered.join(','));
    }));
    if (screenshot) await workbench.screenshot('bench-runs-view-filtered');
    await workbench.runCommand('Kueue: Clear Run Filter');
    await waitFor('every run again', async () => (await topLevelRuns(workbench)).length > expectedFiltered.length);
    await chooseFilter(undefined, '');
    filterFloor.push(await timed(host, async () => {
      await workbench.page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' });
    }));
  };
  const openRows: PageTiming[] = [];
  const openEmpty: PageTiming[] = [];
  for (let i = 0; i < options.windows; i++) {
    // Alternating, so load on the machine falls on both alike.
    const empty = await openWindow(options.emptyNamespace);
    openEmpty.push(await timed(empty.host, async () => {
      await clickView(empty.workbench);
      // Not "Connecting to the cluster...": the text of a connected view with nothing to list.
      await pane(empty.workbench).locator('.welcome-view-content', { hasText: 'No TaskActions in this namespace yet' }).first().waitFor({ timeout: 120_000 });
    }));
    await empty.workbench.close();
    const full = await openWindow(options.namespace);
    openRows.push(await timed(full.host, async () => {
      await clickView(full.workbench);
      await pane(full.workbench).locator('.monaco-list-row[aria-level="1"] .label-name', { hasText: /^run-\d{3}$/ }).first().waitFor({ timeout: 120_000 });
    }));
    await measureFilter(full.workbench, full.host, i === 0);
    await full.workbench.close();
  }
  options.log(`view opened -> rows in ${openRows.map((t) => t.ms.toFixed(0)).join(', ')} ms; empty view in ${openEmpty.map((t) => t.ms.toFixed(0)).join(', ')} ms`);

  options.log(`filter -> rows in ${filter.map((t) => t.ms.toFixed(0)).join(', ')} ms; unchanged filter closed in ${filterFloor.map((t) => t.ms.toFixed(0)).join(', ')} ms`);
  return { openRows, openEmpty, plainList, filter, filterFloor };
}
