import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { type Workbench } from '../../harness/ui/workbench.js';

/** The little of the DOM the row reader uses (this project compiles without the DOM library). */
interface DomRow {
  querySelector(selector: string): DomRow | null;
  getAttribute(name: string): string | null;
  classList: { contains(name: string): boolean } & Iterable<string>;
  textContent: string | null;
}

export interface Row {
  label: string;
  description: string;
  /** The codicon of the row's icon (`pass`, `sync`, ...), without the `codicon-` prefix. */
  icon: string;
  /** 1 for runs, 2 for their actions, ... */
  level: number;
  expanded: boolean | undefined;
  selected: boolean;
}

/**
 * The Kueue TaskAction view of a window, as a person sees and uses it: the activity bar entry, the rows (label,
 * description, icon, nesting), a row's context menu and inline actions, and the status bar item of the executor.
 */
export class TaskActionViewPage {
  constructor(
    readonly workbench: Workbench,
    private readonly screenshotDir: string,
  ) {}

  get page(): Page {
    return this.workbench.page;
  }

  /** The view's pane (its tree and its welcome content). */
  pane(): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: /TaskActions/i }) }).first();
  }

  /** Clicks the Kueue entry of the activity bar, unless the view is already showing. */
  async open(): Promise<void> {
    if (await this.pane().locator('.pane-body').isVisible().catch(() => false)) return;
    await this.page.locator('.activitybar a[aria-label^="Kueue"]').first().click();
    await this.pane().locator('.pane-body').waitFor();
  }

  /** The message line above the rows: where the view looks (context / namespace), or what went wrong. */
  async message(): Promise<string> {
    const message = this.pane().locator('.message');
    return (await message.isVisible()) ? (await message.innerText({ timeout: 2_000 }).catch(() => '')).trim() : '';
  }

  rowLocator(label: string): Locator {
    return this.pane().locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  }

  async rows(): Promise<Row[]> {
    return this.pane()
      .locator('.monaco-list-row')
      .evaluateAll((elements) =>
        (elements as unknown as DomRow[]).map((row) => {
          const icon = row.querySelector('.custom-view-tree-node-item-icon');
          const codicon = icon === null ? undefined : [...icon.classList].find((c) => c.startsWith('codicon-') && c !== 'codicon-modifier-spin');
          const expanded = row.getAttribute('aria-expanded');
          return {
            label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
            description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
            icon: codicon === undefined ? '' : codicon.slice('codicon-'.length),
            level: Number(row.getAttribute('aria-level') ?? '0'),
            expanded: expanded === null ? undefined : expanded === 'true',
            selected: row.classList.contains('selected'),
          };
        }),
      );
  }

  /** `label: description [icon]` per row, indented by level: what a failure message shows. */
  async outline(): Promise<string> {
    return (await this.rows()).map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}: ${r.description} [${r.icon}]`).join('\n');
  }

  /** Polls the rows until `accept` returns a value other than undefined; fails with the rows it last saw. */
  async waitForRows<T>(what: string, accept: (rows: Row[]) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.rows();
      const value = accept(rows);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the view shows:\n${await this.outline()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /**
   * Expands a row and waits until it shows as expanded. A run row has no twistie until its first child arrives
   * from the watch, and a click on a row without one changes nothing: so click only once it is collapsible, and
   * again if a repaint swallowed the click.
   */
  async expand(label: string, timeoutMs = 30_000): Promise<void> {
    const row = this.rowLocator(label).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await row.getAttribute('aria-expanded', { timeout: Math.max(1, deadline - Date.now()) });
      if (state === 'true') return;
      if (state === 'false') await row.locator('.monaco-tl-twistie').click();
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms expanding ${label}; the view shows:\n${await this.outline()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /**
   * Right-clicks a row and picks an entry of its context menu with the keyboard (arrows until it is focused, then
   * Enter), as the menu's pointer handling does not take synthetic clicks reliably.
   */
  async contextMenu(label: string, entry: string, screenshot?: string): Promise<void> {
    await this.rightClick(label);
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.locator('.action-item', { hasText: entry }).first().waitFor();
    if (screenshot !== undefined) await this.workbench.screenshot(screenshot);
    await this.workbench.chooseMenuEntry(entry);
  }

  /** The entries of a row's context menu, then closes it. */
  async contextMenuEntries(label: string): Promise<string[]> {
    await this.rightClick(label);
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor();
    const entries = (await menu.locator('.action-item .action-label').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '');
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    return entries;
  }

  /**
   * Right-clicks a row once no hover is open: the pointer left on a row (after a menu) opens that row's hover, which
   * stays while its run is active and can cover the row below.
   */
  private async rightClick(label: string): Promise<void> {
    await this.page.mouse.move(700, 400);
    const hover = this.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /in run/ });
    if (await hover.first().isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
    await hover.first().waitFor({ state: 'hidden', timeout: 10_000 });
    await this.rowLocator(label).first().click({ button: 'right' });
  }

  /**
   * Rests the pointer on a row until its hover (the Markdown tooltip) shows; returns the hover's text. With
   * `screenshot`, saves the window with the hover open (the workbench's own screenshot would move the pointer).
   */
  async hover(label: string, screenshot?: string): Promise<string> {
    await this.rowLocator(label).first().locator('.label-name').hover();
    const hover = this.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /in run/ }).first();
    await hover.waitFor({ timeout: 10_000 });
    const text = (await hover.innerText()).trim();
    if (screenshot !== undefined) {
      await mkdir(this.screenshotDir, { recursive: true });
      await this.page.screenshot({ path: path.join(this.screenshotDir, `${screenshot}.png`) });
    }
    return text;
  }

  /** Presses a button of the modal dialog VS Code shows for a confirmation. */
  async confirm(button: string, screenshot?: string): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = (await dialog.locator('.dialog-message-text').innerText()).trim();
    if (screenshot !== undefined) await this.workbench.screenshot(screenshot);
    await dialog.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
    await dialog.waitFor({ state: 'hidden' });
    return text;
  }

  /** The welcome content shown in place of rows (empty when rows show). */
  async welcomeText(): Promise<string> {
    const welcome = this.pane().locator('.welcome-view-content');
    // The content can go between the visibility check and the read (rows arrive): then it shows nothing.
    return (await welcome.isVisible()) ? (await welcome.innerText({ timeout: 2_000 }).catch(() => '')).trim() : '';
  }

  /** The executor's status bar item text (codicons dropped), or '' when it is hidden. */
  async executorStatus(): Promise<string> {
    // One read in the page: the item can be hidden between a visibility check and a text read (Stop hides it).
    const text = await this.page.evaluate(`(() => {
      const item = document.querySelector('.statusbar-item[id$="kueue.executor"]');
      return item && item.offsetParent !== null ? item.innerText : '';
    })()`);
    return String(text).trim();
  }

  async waitForExecutorStatus(what: string, accept: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await this.executorStatus();
      if (accept(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the status bar item shows "${text}"`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
