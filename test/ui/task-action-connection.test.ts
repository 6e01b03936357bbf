import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun } from '../cluster/executor-fixtures.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useClusterWorkbench } from '../harness/ui/cluster-workbench.js';
import { TaskActionViewPage } from './task-actions/task-action-view.js';
import { TcpProxy } from '../harness/ui/tcp-proxy.js';

const ui = uiEnvironment();
const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

describe.skipIf(!ui.available || clusterUnavailable() !== '')('TaskAction view and auto-started executor when the cluster stops answering, in code-server', () => {
  const ns = useClusterNamespace('ui-conn');
  let proxy: TcpProxy | undefined;
  // The window reaches the API server only through a proxy the test switches off and on.
  const session = useClusterWorkbench(ui, 'taskaction-connection', ['train-pod.yaml'], async () => {
    const kubeconfig = await readFile(ns.kubeconfig, 'utf8');
    const server = /server: https:\/\/127\.0\.0\.1:(\d+)/.exec(kubeconfig);
    if (server?.[1] === undefined) throw new Error(`no local server in ${ns.kubeconfig}`);
    proxy = await TcpProxy.reserve({ host: '127.0.0.1', port: Number(server[1]) });
    const proxied = path.join(path.dirname(ns.kubeconfig), `kubeconfig-proxy-${proxy.port}`);
    await writeFile(proxied, kubeconfig.replace(server[0], `server: https://127.0.0.1:${proxy.port}`), { mode: 0o600 });
    // The executor starts with the extension, before the cluster answers: it must wait for it, not fail.
    return { 'kueue.kubeconfig': proxied, 'kueue.namespace': ns.namespace, 'kueue.executor.autoStart': true };
  });
  const view = () => new TaskActionViewPage(session().workbench, ui.available ? ui.screenshotDir : '');

  afterAll(async () => {
    await proxy?.down();
  });

  it('says the cluster does not answer, then shows its TaskActions by itself once it does', async () => {
    const page = view();
    await page.open();
    await expect.poll(() => page.welcomeText(), { timeout: 30_000 }).toMatch(/^The cluster does not answer\. The view reconnects by itself as soon as it does\./);
    await page.workbench.screenshot('taskaction-unreachable');
    // The executor waits for the cluster too, and says why instead of spinning "starting" for ever.
    await page.waitForExecutorStatus('disconnected', (text) => text === 'Kueue: disconnected');

    await enqueueRun(ns.client, ns.namespace, 'after-outage', [{ name: 'a0', template }]);
    await proxy?.up();
    await page.waitForRows('the run, without any click', (rows) => (rows.some((r) => r.label === 'after-outage') ? true : undefined), 30_000);
    expect(await page.welcomeText()).toBe('');
    await expect.poll(() => page.message(), { timeout: 10_000 }).toBe(`kueue-local / ${ns.namespace}`);
    // The executor started by itself has caught up too, and runs what was enqueued during the outage.
    await page.waitForRows('after-outage Succeeded', (rows) => (rows.find((r) => r.label === 'after-outage')?.icon === 'pass' ? true : undefined), 60_000);
    await page.waitForExecutorStatus('idle', (text) => text === 'Kueue: idle');
  });

  it('keeps the last known rows with a message while the connection is lost, and follows changes again after', async () => {
    const page = view();
    await proxy?.down();
    await expect.poll(() => page.message(), { timeout: 30_000 }).toMatch(/^Connection lost \(Unable to connect to the server https:\/\/127\.0\.0\.1:\d+: .*\)\. Showing the last known state; reconnecting by itself\.$/);
    expect((await page.rows()).map((r) => r.label)).toEqual(['after-outage']);
    await page.waitForExecutorStatus('disconnected', (text) => text === 'Kueue: disconnected');
    await page.workbench.screenshot('taskaction-connection-lost');

    await enqueueRun(ns.client, ns.namespace, 'during-outage', [{ name: 'a0', template }]);
    await proxy?.up();
    await page.waitForRows('the run enqueued during the outage', (rows) => (rows.some((r) => r.label === 'during-outage') ? true : undefined), 30_000);
    await expect.poll(() => page.message(), { timeout: 10_000 }).toBe(`kueue-local / ${ns.namespace}`);
    await page.waitForExecutorStatus('idle again', (text) => text === 'Kueue: idle');
  });
});
