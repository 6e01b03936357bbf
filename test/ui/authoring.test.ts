import { describe, expect, it } from 'vitest';
import { LABEL_RUN, type TaskAction, TASKACTIONS } from '../../shared/task-action/index.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { useClusterWorkbench } from '../harness/ui/cluster-workbench.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { type Workbench } from '../harness/ui/workbench.js';

const ui = uiEnvironment();

/** The kueue diagnostics of one file of the window, as the probe reports them. */
function diagnosticsOf(workbench: Workbench, folder: string, file: string) {
  return async () => (await workbench.state()).diagnostics.filter((d) => d.source === 'kueue' && d.file === `${folder}/${file}`);
}

/** Clicks a CodeLens of the active editor by its title, once the lenses are drawn (they sit at the top: scroll there). */
async function clickLens(workbench: Workbench, title: string): Promise<void> {
  await workbench.goTo(1, 1);
  const lens = workbench.page.locator('.codelens-decoration a', { hasText: title }).first();
  await lens.waitFor({ timeout: 30_000 });
  await lens.click();
}

describe.skipIf(!ui.available || clusterUnavailable() !== '')('authoring TaskActions in code-server', () => {
  const ns = useClusterNamespace('ui-authoring');
  /** The TaskActions of a run in the test's namespace, by the run label alone (whatever org, project and domain). */
  const runActions = async (run: string) => (await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: `${LABEL_RUN}=${run}` })).items;
  const session = useClusterWorkbench(ui, 'authoring', ['authoring-run.yaml', 'train-pod.yaml'], () => ({ 'kueue.kubeconfig': ns.kubeconfig, 'kueue.namespace': ns.namespace }));

  it('shows a misspelt field and a wrong parent in Problems, and a server dry run refuses the file', async () => {
    const { workbench, folder } = session();
    await workbench.openFile('authoring-run.yaml');
    const problems = diagnosticsOf(workbench, folder, 'authoring-run.yaml');
    await expect.poll(problems, { timeout: 30_000 }).toHaveLength(2);
    expect((await problems()).map((d) => [d.line, d.character, d.severity, d.code, d.message])).toEqual([
      [16, 20, 'Warning', 'unknown-parent', 'spec.parentActionName names "fetc", which is no action of run "authored" in this file: did you mean "fetch"?'],
      [18, 4, 'Error', 'unknown-field', 'unknown field "spec.taskTemplate.retires": did you mean "spec.taskTemplate.retries"?'],
    ]);
    await workbench.page.locator('.monaco-editor .squiggly-error').first().waitFor();

    await clickLens(workbench, 'Dry run (server)');
    const refusal = await workbench.notification(/dry run \(server\) of authoring-run\.yaml refused/, 60_000);
    expect(refusal).toContain('unknown field "spec.taskTemplate.retires"');
    await expect.poll(async () => (await problems()).filter((d) => d.code === 'dry-run').map((d) => d.line), { timeout: 15_000 }).toEqual([18]);
    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await workbench.page.locator('.markers-panel .monaco-list-row', { hasText: 'did you mean "spec.taskTemplate.retries"' }).first().waitFor();
    await workbench.screenshot('authoring-problems');
    expect(await runActions('authored')).toEqual([]);
  });

  it('fixes both with quick fixes, and the server dry run then admits the run without storing it', async () => {
    const { workbench, folder } = session();
    for (const [line, column, fix] of [[19, 6, 'Rename to retries'], [17, 22, 'Change to fetch']] as const) {
      await workbench.goTo(line, column);
      await workbench.page.keyboard.press('Control+Period');
      const menu = workbench.page.locator('.action-widget');
      await menu.locator('.monaco-list-row.action', { hasText: fix }).first().waitFor();
      if (fix === 'Rename to retries') await workbench.screenshot('authoring-quick-fix');
      await workbench.chooseCodeAction(menu, fix);
    }
    const text = await workbench.waitForEditorText('both fixes', (t) => t.includes('    retries: 1') && t.includes('  parentActionName: fetch\n'));
    expect(text).not.toContain('retires');
    // The edits clear the refusal of the last dry run and the checks find nothing left.
    await expect.poll(diagnosticsOf(workbench, folder, 'authoring-run.yaml'), { timeout: 30_000 }).toEqual([]);

    await clickLens(workbench, 'Dry run (server)');
    const passed = await workbench.notification(/dry run \(server\) of authoring-run\.yaml passed/, 60_000);
    expect(passed).toContain(`in kueue-local / ${ns.namespace}: 2 of 2 TaskAction(s) would be created`);
    expect(passed).toContain('local-default-development-authored-fetch, local-default-development-authored-train');
    expect(await runActions('authored')).toEqual([]);
  });

  it('explains a field on hover', async () => {
    const { workbench } = session();
    await workbench.goTo(6, 4);
    await workbench.page.keyboard.press('Control+K');
    await workbench.page.keyboard.press('Control+I');
    const hover = workbench.page.locator('.monaco-hover', { hasText: 'spec.actionName' }).first();
    await hover.waitFor({ timeout: 30_000 });
    expect(await hover.innerText()).toContain('At most 30 characters');
    await workbench.screenshot('authoring-hover');
    await workbench.page.keyboard.press('Escape');
  });

  it('completes the field names of the level the cursor is at', async () => {
    const { workbench } = session();
    await workbench.goTo(9, 1);
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type('arg');
    await workbench.page.keyboard.press('Control+Space');
    const row = workbench.page.locator('.suggest-widget .monaco-list-row', { hasText: 'args' }).first();
    await row.waitFor({ timeout: 30_000 });
    const offered = await workbench.page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    expect(offered.join(' ')).not.toContain('image');
    await workbench.screenshot('authoring-completion');
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForEditorText('the completed field', (t) => t.includes('      image: busybox:1.36\n      args: \n      command:'));
  });

  it('enqueues a Pod from its Enqueue run lens through the enqueue command', async () => {
    const { workbench } = session();
    await workbench.openFile('train-pod.yaml');
    await clickLens(workbench, 'Enqueue run');
    const input = workbench.page.locator('.quick-input-widget input');
    await input.waitFor();
    await expect.poll(() => input.inputValue()).toMatch(/^train-\d{6}$/);
    await input.fill('from-lens');
    await workbench.page.keyboard.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('a0');
    await workbench.page.keyboard.press('Enter');
    // Then how its containers run (the same questions as the command palette's Enqueue).
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Containers as written' }).click();
    await expect.poll(async () => (await runActions('from-lens')).map((a) => a.spec.actionName), { timeout: 60_000 }).toEqual(['a0']);
    await workbench.screenshot('authoring-enqueue-lens');
  });
});
