import * as vscode from 'vscode';
import { type ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { mayContainWorkload } from './workload-prefilter.js';

export const CAN_CONVERT_KEY = 'kueue.canConvert';
export const CAN_REVERT_KEY = 'kueue.canRevert';

/** Typing should not re-parse a large manifest on every keystroke. */
const DEBOUNCE_MS = 300;

/**
 * Context keys for the active editor's document: `kueue.canConvert` while it holds a workload that can be
 * converted, `kueue.canRevert` while it holds one that can be reverted. The editor's context menu offers Convert
 * and Revert only where they apply; files without a workload are never parsed.
 */
export class ConvertContextKeys implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  private shown = { convert: false, revert: false };

  constructor(private readonly analyses: ManifestAnalysisCache) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(DEBOUNCE_MS);
      }),
    ];
    this.schedule(0);
  }

  dispose(): void {
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    let next = { convert: false, revert: false };
    if (document !== undefined && document.languageId === 'yaml' && mayContainWorkload(document.getText())) {
      const workloads = (await this.analyses.analyze(document)).filter((d) => d.workload);
      // The editor moved on meanwhile: its own update is scheduled.
      if (document !== vscode.window.activeTextEditor?.document) return;
      next = { convert: workloads.some((d) => d.convert.possible), revert: workloads.some((d) => d.revert.possible) };
    }
    if (next.convert !== this.shown.convert) void vscode.commands.executeCommand('setContext', CAN_CONVERT_KEY, next.convert);
    if (next.revert !== this.shown.revert) void vscode.commands.executeCommand('setContext', CAN_REVERT_KEY, next.revert);
    this.shown = next;
  }
}
