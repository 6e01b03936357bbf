import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { NAMESPACES } from '../../shared/kube/resource-type.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, listRun } from '../cluster/executor-fixtures.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useClusterWorkbench } from '../harness/ui/cluster-workbench.js';
import { TaskActionViewPage } from './task-actions/task-action-view.js';

const ui = uiEnvironment();
const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });
const CONTEXT_RUN = 'ui-switch-context';

describe.skipIf(!ui.available || clusterUnavailable() !== '')('switching namespace and context in code-server', () => {
  const ns = useClusterNamespace('ui-switch');
  const second = () => `${ns.namespace}-b`;
  const session = useClusterWorkbench(ui, 'taskaction-switch', ['train-pod.yaml'], () => ({ 'kueue.kubeconfig': ns.kubeconfig, 'kueue.namespace': ns.namespace }));
  const view = () => new TaskActionViewPage(session().workbench, ui.available ? ui.screenshotDir : '');

  beforeAll(async () => {
    await ns.client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: second() } });
    await enqueueRun(ns.client, ns.namespace, 'in-first', [{ name: 'a0', template }]);
    await enqueueRun(ns.client, second(), 'in-second', [{ name: 'a0', template }]);
  });
  afterAll(async () => {
    await ns.client.delete(NAMESPACES, undefined, second()).catch((err: unknown) => {
      if (!(isKubeApiError(err) && err.code === 404)) throw err;
    });
    for (const action of await listRun(ns.client, 'default', CONTEXT_RUN)) {
      await ns.client.delete(TASKACTIONS, 'default', action.metadata.name ?? '');
    }
  });

  /** Picks a quick pick entry by typing its label into the filter, as a person does. */
  const pick = async (label: string) => {
    const { page } = session().workbench;
    const input = page.locator('.quick-input-widget input');
    await input.fill(label);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  };

  it('lists the namespaces of the cluster and shows the TaskActions of the one picked', async () => {
    const page = view();
    await page.open();
    await page.waitForRows('the first namespace\'s run', (rows) => (rows.some((r) => r.label === 'in-first') ? true : undefined));
    await session().workbench.runCommand('Kueue: Switch Namespace...');
    const rows = session().workbench.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.allInnerTexts();
    expect(labels.some((l) => l.includes(ns.namespace) && l.includes('in use'))).toBe(true);
    await session().workbench.screenshot('taskaction-switch-namespace');
    await pick(second());
    await page.waitForRows('the second namespace\'s run', (rows) => (rows.length === 1 && rows[0]?.label === 'in-second' ? true : undefined));
    await expect.poll(() => page.message(), { timeout: 10_000 }).toBe(`kueue-local / ${second()}`);
  });

  it('lists the kubeconfig\'s contexts; going back to the current context uses its namespace', async () => {
    const page = view();
    // The context's own namespace (the harness kubeconfig says `default`) gets a run, so there are rows to show:
    // an empty view shows its welcome content instead of the message that says where the rows come from.
    await enqueueRun(ns.client, 'default', CONTEXT_RUN, [{ name: 'a0', template }]);
    await session().workbench.runCommand('Kueue: Switch Context...');
    const rows = session().workbench.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    // Each row is its icon, its label and, run together in the text, its description.
    expect((await rows.allInnerTexts()).map((t) => t.trim())).toEqual(["Use the kubeconfig's current contextkueue-local", 'kueue-localin use']);
    await pick('kueue-local');
    // A context switch starts from the context's own namespace.
    await page.waitForRows('the run in the default namespace', (rows) => (rows.some((r) => r.label === CONTEXT_RUN) ? true : undefined));
    await expect.poll(() => page.message(), { timeout: 15_000 }).toBe('kueue-local / default');
  });
  it('names a kubeconfig file that does not exist as missing', async () => {
    const page = view();
    const settingsFile = path.join(session().folder, '.vscode', 'settings.json');
    const settings = JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>;
    await writeFile(settingsFile, JSON.stringify({ ...settings, 'kueue.kubeconfig': path.join(session().folder, 'no-such-kubeconfig') }, null, 2));
    await expect.poll(() => page.welcomeText(), { timeout: 30_000 }).toMatch(/^The kubeconfig file is missing: `?kueue\.kubeconfig`? \(or `?KUBECONFIG`?\) names a file that does not exist\./);
    await page.workbench.screenshot('taskaction-kubeconfig-missing');
  });
});
