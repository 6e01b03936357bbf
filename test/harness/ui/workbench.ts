import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ProbeClient } from './probe-client.js';
import { type ProbeState } from './probe-extension/src/probe-state.js';

export interface WorkbenchOptions {
  /** code-server's base URL. */
  url: string;
  /** The folder to open. */
  folder: string;
  /** Where the probe extension writes its port (the `kueueProbe.portDir` setting). */
  probePortDir: string;
  /** Where screenshots go. */
  screenshotDir: string;
}

/**
 * One VS Code window in Chromium with a folder open, and the things a person does in it: open a file from
 * the Explorer, move the cursor, run a command from F1, open the Refactor menu, use context menus. What
 * the window shows is read back through the probe extension (editor text, diagnostics) or the DOM.
 */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly probe: ProbeClient,
    private readonly options: WorkbenchOptions,
    readonly consoleLines: string[],
  ) {}

  static async open(browser: Browser, options: WorkbenchOptions): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    await page.goto(`${options.url}/?folder=${encodeURIComponent(options.folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.getByRole('treeitem').first().waitFor({ timeout: 60_000 });
    const probe = await ProbeClient.connect(options.probePortDir, options.folder);
    return new Workbench(page, context, probe, options, consoleLines);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  state(): Promise<ProbeState> {
    return this.probe.state();
  }

  /** The active editor's text, exactly as the document model holds it. */
  async editorText(): Promise<string> {
    const { activeEditor } = await this.state();
    if (activeEditor === null) throw new Error('no active editor');
    return activeEditor.text;
  }

  /** Waits until the active editor's text satisfies `accept` (edits reach the probe asynchronously). */
  waitForEditorText(what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    return this.probe.waitFor(what, (s) => (s.activeEditor !== null && accept(s.activeEditor.text) ? s.activeEditor.text : undefined), timeoutMs);
  }

  explorerItem(name: string): Locator {
    return this.page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(name)}`) });
  }

  /** Clicks a file in the Explorer and waits until its editor is the active one. */
  async openFile(name: string): Promise<void> {
    await this.explorerItem(name).click();
    await this.probe.waitFor(`${name} to be the active editor`, (s) => (s.activeEditor?.name === name ? true : undefined));
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /** Go to Line (Ctrl+G): puts the cursor at a 1-based line and column of the active editor. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.probe.waitFor(`the cursor at ${line}:${column}`, (s) => {
      const at = s.activeEditor?.selections[0]?.start;
      return at?.line === line - 1 && at.character === column - 1 ? true : undefined;
    });
  }

  /** F1, the command's title, Enter: as a person runs a command. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
    // The palette is done once it closes, or once the command's own quick pick replaces it in the same widget
    // (the input no longer holds the `>` command filter): a fast command opens its pick before the widget hides.
    await this.page.waitForFunction(`(() => {
      const widget = document.querySelector('.quick-input-widget');
      const field = widget && widget.querySelector('input');
      return !widget || widget.offsetParent === null || !field || !field.value.startsWith('>');
    })()`);
  }

  /** Ctrl+Shift+R in the editor: the Refactor menu (the code action widget), once it lists something. */
  async openRefactorMenu(): Promise<Locator> {
    const menu = this.page.locator('.action-widget');
    const row = menu.locator('.monaco-list-row.action').first();
    const none = this.page.locator('.monaco-editor-overlaymessage', { hasText: /No refactorings available/ });
    // VS Code cancels an open Refactor request when a light-bulb request held back by its own delay lands, and
    // shows the cancelled request as "No refactorings available": dismiss the message and ask again, as a user
    // would. The message stays until the cursor moves or Escape closes it (it has no timeout of its own). The first
    // request after opening a file also loads the YAML layer, which on a loaded machine outlasts several requests.
    const giveUpAt = Date.now() + 60_000;
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Shift+R');
      await row.or(none).first().waitFor();
      if (await row.isVisible()) return menu;
      if (Date.now() > giveUpAt) throw new Error(`the Refactor menu said "No refactorings available" ${attempt} times in a row, for 60 s`);
      await this.page.keyboard.press('Escape');
      await none.waitFor({ state: 'hidden' });
    }
  }

  /** The row of an open action widget (code actions) whose label starts with `title`. */
  codeActionRow(menu: Locator, title: string): Locator {
    return menu.locator('.monaco-list-row.action', { hasText: title }).first();
  }

  /**
   * Picks a code action from an open action widget with the keyboard, as a person does (the widget puts a
   * pointer block over the page, so clicks do not reach it): arrows until the row is focused, then Enter.
   */
  async chooseCodeAction(menu: Locator, title: string): Promise<void> {
    const rows = menu.locator('.monaco-list-row.action');
    const count = await rows.count();
    for (let step = 0; step <= count; step++) {
      const focused = await menu.locator('.monaco-list-row.action.focused').getAttribute('aria-label');
      if (focused?.startsWith(title) === true) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no code action "${title}" in the menu: ${(await menu.innerText()).replace(/\n/g, ' | ')}`);
  }

  /** Right-clicks an Explorer item (with whatever is selected) and picks a context menu entry. */
  async explorerContextMenu(name: string, entry: string, screenshot?: string): Promise<void> {
    await this.explorerItem(name).click({ button: 'right' });
    const item = this.page.locator('.context-view .action-item', { hasText: entry });
    await item.waitFor();
    if (screenshot !== undefined) await this.screenshot(screenshot);
    await item.click();
  }

  /** Opens the editor's context menu at the cursor (Shift+F10) and picks an entry. */
  async editorContextMenu(entry: string, screenshot?: string, timeoutMs = 30_000, options: { click?: boolean } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press('Shift+F10');
      await this.page.locator('.context-view .action-item').first().waitFor();
      const item = this.page.locator('.context-view .action-item', { hasText: entry }).first();
      // Convert and Revert are shown (and enabled) once the document's analysis is in, which loads the convert
      // layer on first use: a menu opened before that lacks the entry or shows it disabled. Reopen until it is there.
      const present = (await item.count()) > 0;
      const enabled = present && !((await item.getAttribute('class')) ?? '').split(/\s+/).includes('disabled');
      if (enabled) {
        if (screenshot !== undefined) await this.screenshot(screenshot);
        // Without a click the menu stays open, for a test that reads its other entries.
        if (options.click !== false) await this.chooseMenuEntry(entry);
        return;
      }
      await this.page.keyboard.press('Escape');
      await this.page.locator('.context-view .action-item').first().waitFor({ state: 'hidden' });
      if (Date.now() > deadline) throw new Error(`"${entry}" was not offered (enabled) in the editor's context menu for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /**
   * Chooses an entry of the open context menu with the keyboard, as a click on a menu still laying itself out can
   * land on nothing and leave the menu open; done once the menu has closed.
   */
  async chooseMenuEntry(entry: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const count = await menu.locator('.action-item:not(.disabled) .action-label:not(.separator)').count();
    for (let step = 0; step <= count; step++) {
      await this.page.keyboard.press('ArrowDown');
      const focused = (await menu.locator('.action-item.focused .action-label').first().innerText().catch(() => '')).trim();
      if (focused === entry) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden' });
        return;
      }
    }
    throw new Error(`no entry "${entry}" to choose in the open context menu`);
  }

  /** The notification toast whose text matches, once shown. */
  async notification(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: pattern }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return (await toast.locator('.notification-list-item-message').innerText()).trim();
  }

  /** A PNG of the whole window in the screenshot directory (test-results/ui/ by default); returns its path. */
  async screenshot(name: string): Promise<string> {
    await mkdir(this.options.screenshotDir, { recursive: true });
    // Park the pointer on the empty part of the activity bar so no hover (left by the last click) hides the view.
    await this.page.mouse.move(24, 500);
    await this.animationsDone();
    const file = path.join(this.options.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Waits (at most a second) for finite animations, such as a message fading in, so screenshots show the end state. */
  private async animationsDone(): Promise<void> {
    // A string: it runs in the page, and this project compiles without the DOM library.
    await this.page.evaluate(`Promise.race([
      Promise.all(document.getAnimations()
        .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 1000)),
    ])`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
