import { describe, expect, it } from 'vitest';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useWorkbench } from '../harness/ui/use-workbench.js';

const ui = uiEnvironment();

describe.skipIf(!ui.available)('restart-policy warning in code-server', () => {
  const session = useWorkbench(ui, 'restart-policy', ['bare-pod.yaml', 'workflow.yaml']);

  it('warns on the kind line once a bare Pod without restartPolicy is converted from the editor context menu', async () => {
    const { workbench, folder } = session();
    await workbench.openFile('bare-pod.yaml');
    await workbench.goTo(4, 1);
    await workbench.editorContextMenu('Convert to Sequential Containers');
    await workbench.waitForEditorText('the conversion', (text) => text.includes('kueueleuleu-prepare'));

    const [warning] = await workbench.probe.waitFor('the restart-policy warning', (s) => {
      const found = s.diagnostics.filter((d) => d.source === 'kueue' && d.file.startsWith(folder));
      return found.length > 0 ? found : undefined;
    });
    expect(warning).toMatchObject({ severity: 'Warning', code: 'restart-policy', line: 2, character: 0 });
    expect(warning?.message).toBe('Pod/bare: restartPolicy is not set and defaults to Always for a Pod: set restartPolicy: Never (or OnFailure) so finished steps do not run again');
    await workbench.page.locator('.monaco-editor .squiggly-warning').first().waitFor();

    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const problems = workbench.page.locator('.markers-panel .monaco-list-row', { hasText: 'restartPolicy is not set' });
    await problems.first().waitFor();
    await workbench.screenshot('restart-policy-warning');
  });
  it('offers Convert and Revert in the editor context menu only where they apply', async () => {
    const { workbench } = session();
    // The converted Pod offers Revert (and no Convert: it is converted already).
    await workbench.openFile('bare-pod.yaml');
    // Focus the editor (a click in the Explorer leaves the focus there, and Shift+F10 would open its menu).
    await workbench.goTo(4, 1);
    await workbench.editorContextMenu('Revert to Parallel Containers', undefined, 30_000, { click: false });
    expect(await workbench.page.locator('.context-view .action-item', { hasText: 'Convert to Sequential Containers' }).count()).toBe(0);
    await workbench.page.keyboard.press('Escape');
    // A CI workflow holds no workload: neither entry.
    await workbench.openFile('workflow.yaml');
    await workbench.goTo(1, 1);
    await workbench.page.keyboard.press('Shift+F10');
    await workbench.page.locator('.context-view .action-item').first().waitFor();
    const entries = await workbench.page.locator('.context-view .action-item').allInnerTexts();
    expect(entries.filter((e) => /Sequential Containers|Parallel Containers/.test(e))).toEqual([]);
    await workbench.page.keyboard.press('Escape');
  });
});
