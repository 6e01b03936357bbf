import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertManifest, revertManifest } from '../../shared/convert/manifest-transform.js';
import { FIXTURES_DIR } from '../harness/ui/workspace.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { useWorkbench } from '../harness/ui/use-workbench.js';

const ui = uiEnvironment();

const FILES = ['files/pods.yaml', 'files/cron.yml', 'files/settings.yaml', 'files/broken.yaml'];

describe.skipIf(!ui.available)('explorer "Convert File(s)" in code-server', () => {
  const session = useWorkbench(ui, 'convert-files', FILES);

  it('converts the selected files, skips other kinds, reports the failing file with its line, and saves', async () => {
    const { workbench, folder } = session();
    const originals = new Map(await Promise.all(FILES.map(async (f) => [f, await readFile(path.join(FIXTURES_DIR, f), 'utf8')] as const)));

    await workbench.explorerItem('files').click();
    await workbench.explorerItem('pods.yaml').click();
    for (const name of ['cron.yml', 'settings.yaml', 'broken.yaml']) await workbench.explorerItem(name).click({ modifiers: ['Control'] });
    await workbench.explorerContextMenu('broken.yaml', 'Convert File(s) to Sequential Containers', 'convert-files-context-menu');

    const message = await workbench.notification(/Kueue: Converted/);
    expect(message).toContain('Converted 2 files: files/pods.yaml (Pod/pod-a, Pod/pod-b), files/cron.yml (CronJob/nightly).');
    expect(message).toContain('Skipped 1 file: files/settings.yaml (no Pod, Job or CronJob).');
    expect(message).toMatch(/1 file not converted: files\/broken\.yaml:13:9 container "no-command" has no command\./);
    await workbench.screenshot('convert-files-notification');

    for (const file of ['files/pods.yaml', 'files/cron.yml']) {
      expect(await readFile(path.join(folder, file), 'utf8')).toBe(convertManifest(originals.get(file) ?? '').chunks.join(''));
    }
    for (const file of ['files/settings.yaml', 'files/broken.yaml']) {
      expect(await readFile(path.join(folder, file), 'utf8')).toBe(originals.get(file));
    }
  });

  it('reverts every converted file under a folder from the folder\'s context menu', async () => {
    const { workbench, folder } = session();
    const originals = new Map(await Promise.all(FILES.map(async (f) => [f, await readFile(path.join(FIXTURES_DIR, f), 'utf8')] as const)));
    // Clicking the folder selects it alone (and collapses it): the menu acts on the folder, not the files above.
    await workbench.explorerItem('files').click();
    await workbench.explorerContextMenu('files', 'Revert File(s) to Parallel Containers', 'revert-folder-context-menu');

    const message = await workbench.notification(/Kueue: Reverted/);
    expect(message).toContain('Reverted 2 files:');
    expect(message).toContain('files/pods.yaml (Pod/pod-a, Pod/pod-b)');
    expect(message).toContain('files/cron.yml (CronJob/nightly)');
    expect(message).toContain('files/broken.yaml (not converted: Job/broken)');
    // Revert restores the objects, not every quote of the original text: compare with the core's own round trip.
    for (const file of ['files/pods.yaml', 'files/cron.yml']) {
      const roundTrip = revertManifest(convertManifest(originals.get(file) ?? '').chunks.join('')).chunks.join('');
      expect(await readFile(path.join(folder, file), 'utf8')).toBe(roundTrip);
    }
    expect(await readFile(path.join(folder, 'files/broken.yaml'), 'utf8')).toBe(originals.get('files/broken.yaml'));
  });
});
