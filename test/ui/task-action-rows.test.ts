import { afterEach, describe, expect, it } from 'vitest';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../shared/task-action/pod-task.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { type RunningExecutor, enqueueRun, startExecutor } from '../cluster/executor-fixtures.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useClusterWorkbench } from '../harness/ui/cluster-workbench.js';
import { type Row, TaskActionViewPage } from './task-actions/task-action-view.js';

const ui = uiEnvironment();

const container = (annotations: Record<string, string>, image = 'busybox:1.36') => ({
  template: containerTaskTemplate({ image, command: ['sh', '-c', 'echo step'] }),
  annotations,
});
const runsForever = { 'kueue.test/outcome': 'Running' };
const after = (name: string) => ({ 'kueue.dev/after': name });
/** Three steps run one after the other through the entrypoint; kwok keeps the Pod running at its first step. */
const sequentialPod = {
  template: podTaskTemplate({
    podSpec: { containers: ['fetch', 'train', 'publish'].map((name) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', `echo ${name}`] })) },
    sequential: true,
  }),
  annotations: runsForever,
};

const byLabel = (rows: Row[], label: string) => rows.find((r) => r.label === label);

describe.skipIf(!ui.available || clusterUnavailable() !== '')('TaskAction rows: order, waiting reasons and steps in code-server', () => {
  const ns = useClusterNamespace('ui-rows');
  const session = useClusterWorkbench(ui, 'taskaction-rows', ['train-pod.yaml'], () => ({ 'kueue.kubeconfig': ns.kubeconfig, 'kueue.namespace': ns.namespace }));
  const view = () => new TaskActionViewPage(session().workbench, ui.available ? ui.screenshotDir : '');
  let running: RunningExecutor | undefined;
  afterEach(async () => {
    await running?.executor.stop();
    running = undefined;
  });

  it('shows the newest run first, children after what they wait for, why they wait, and the running step', async () => {
    const page = view();
    await page.open();
    // Names that sort the other way round: only creation time can put z-new first.
    const [old] = await enqueueRun(ns.client, ns.namespace, 'a-old', [{ name: 'a0', ...container({ 'kueue.test/duration': '1s' }) }]);
    const oldCreated = Date.parse(old?.metadata.creationTimestamp ?? '');
    await expect.poll(() => Date.now() - oldCreated, { timeout: 10_000 }).toBeGreaterThan(1500);
    await enqueueRun(ns.client, ns.namespace, 'z-new', [
      { name: 'a0', ...container(runsForever) },
      // Created first (or in the same second, where the name breaks the tie): the first child whatever happens.
      { name: 'b-steps', parent: 'a0', ...sequentialPod },
      { name: 'z-fetch', parent: 'a0', ...container({ 'kueue.test/outcome': 'ImagePullBackOff' }, 'registry.invalid/nope:1') },
      { name: 'm-train', parent: 'a0', ...container({ ...runsForever, ...after('z-fetch') }) },
      { name: 'a-publish', parent: 'a0', ...container({ ...runsForever, ...after('m-train') }) },
    ]);
    // A grace period longer than the test: the image pull keeps the action waiting instead of failing it.
    running = await startExecutor(ns.client, ns.namespace, { plugins: podPluginEntries({ imagePullGracePeriodMs: 600_000 }) });

    await page.waitForRows('both runs', (rows) => (byLabel(rows, 'a-old') && byLabel(rows, 'z-new') ? rows : undefined));
    expect((await page.rows()).map((r) => r.label)).toEqual(['z-new', 'a-old']);
    await page.expand('z-new');
    const rows = await page.waitForRows(
      'the run waiting for its image, with the step of the sequential Pod',
      (list) =>
        byLabel(list, 'z-fetch')?.description.endsWith('waiting: image pull') === true && byLabel(list, 'b-steps')?.description.includes('step ') === true && byLabel(list, 'z-new')?.description.includes('waiting: image pull (z-fetch)') === true
          ? list
          : undefined,
      90_000,
    );
    expect(rows.map((r) => [r.level, r.label])).toEqual([
      [1, 'z-new'],
      [2, 'b-steps'],
      [2, 'z-fetch'],
      [2, 'm-train'],
      [2, 'a-publish'],
      [1, 'a-old'],
    ]);
    expect(byLabel(rows, 'z-new')?.description).toMatch(/^Running · 0\/5 · waiting: image pull \(z-fetch\) · \d+s$/);
    expect(byLabel(rows, 'z-fetch')?.description).toMatch(/^Initializing · \d+s · waiting: image pull$/);
    expect(byLabel(rows, 'm-train')?.description).toBe('Queued · waiting for z-fetch');
    expect(byLabel(rows, 'a-publish')?.description).toBe('Queued · waiting for m-train');
    expect(byLabel(rows, 'b-steps')?.description).toMatch(/^Running · \d+s · step 1\/3 running: fetch$/);
    await page.workbench.screenshot('taskaction-rows-waiting');

    const hover = await page.hover('z-fetch', 'taskaction-rows-image-pull-hover');
    expect(hover).toMatch(/waiting: image pull: \[ImagePullBackOff\] container "[a-z0-9-]+": Back-off pulling image "registry.invalid\/nope:1"/);
    await page.page.keyboard.press('Escape');
    await running.executor.stop();
    running = undefined;
  });
});
