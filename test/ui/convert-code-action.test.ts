import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformDocumentAt } from '../../shared/convert/document-at-offset.js';
import { FIXTURES_DIR } from '../harness/ui/workspace.js';
import { APPLY_REWRITE_KEY, uiEnvironment } from '../harness/ui/ui-environment.js';
import { useWorkbench } from '../harness/ui/use-workbench.js';

const ui = uiEnvironment();

const commentLines = (text: string) => text.split('\n').filter((line) => line.includes('#'));

describe.skipIf(!ui.available)('convert code action in code-server', () => {
  const session = useWorkbench(ui, 'code-action', ['three-documents.yaml', 'no-command.yaml']);

  it('converts the second of three documents from the Refactor menu, leaving every other byte as it was', async () => {
    const { workbench } = session();
    const original = await readFile(path.join(FIXTURES_DIR, 'three-documents.yaml'), 'utf8');
    await workbench.openFile('three-documents.yaml');
    expect(await workbench.editorText()).toBe(original);

    const line = original.slice(0, original.indexOf('name: second')).split('\n').length;
    await workbench.goTo(line, 3);
    const menu = await workbench.openRefactorMenu();
    await expect.poll(() => workbench.codeActionRow(menu, 'Convert to sequential containers').getAttribute('class')).not.toContain('option-disabled');
    await workbench.screenshot('convert-refactor-menu');
    await workbench.chooseCodeAction(menu, 'Convert to sequential containers');

    const converted = await workbench.waitForEditorText('the conversion', (text) => text !== original);
    const edit = transformDocumentAt(original, original.indexOf('name: second'), 'convert');
    expect(converted).toBe(original.slice(0, edit.start) + edit.replacement + original.slice(edit.end));
    // The first and third documents, byte for byte, and every comment of the file.
    expect(converted.startsWith(original.slice(0, original.indexOf('---\n# The second document')))).toBe(true);
    expect(converted.endsWith(original.slice(original.indexOf('---\n# Not a workload')))).toBe(true);
    for (const comment of commentLines(original)) expect(converted).toContain(comment.slice(comment.indexOf('#')));
    expect(converted).toContain('kueueleuleu-prepare');
    await workbench.screenshot('convert-second-document-converted');
  });

  it('takes the whole conversion back with one undo', async () => {
    const { workbench } = session();
    const original = await readFile(path.join(FIXTURES_DIR, 'three-documents.yaml'), 'utf8');
    await workbench.page.keyboard.press('Control+Z');
    expect(await workbench.waitForEditorText('the undo', (text) => text === original)).toBe(original);
    const { activeEditor } = await workbench.state();
    expect(activeEditor?.isDirty).toBe(false);
  });

  it('shows the action disabled, with the reason, for a container without a command', async () => {
    const { workbench } = session();
    await workbench.openFile('no-command.yaml');
    const original = await workbench.editorText();
    await workbench.goTo(3, 1);
    const menu = await workbench.openRefactorMenu();
    const row = workbench.codeActionRow(menu, 'Convert to sequential containers');
    expect(await row.getAttribute('class')).toContain('option-disabled');
    expect(await row.getAttribute('aria-label')).toMatch(/^Convert to sequential containers \(container "step2" has no command\)/);
    await workbench.screenshot('convert-disabled-in-menu');
    // Enter on a disabled action does nothing.
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });

    // Applying it directly (a key bound to the refactor.rewrite code action) shows VS Code's message with the reason.
    await workbench.page.keyboard.press(APPLY_REWRITE_KEY);
    const message = workbench.page.locator('.monaco-editor-overlaymessage');
    await message.waitFor();
    expect(await message.innerText()).toMatch(/^container "step2" has no command: the sequential entrypoint must be told what to run/);
    await workbench.screenshot('convert-disabled-reason');
    expect(await workbench.editorText()).toBe(original);
  });
});
