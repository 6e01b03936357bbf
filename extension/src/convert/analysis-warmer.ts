import * as vscode from 'vscode';
import { type ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { mayContainWorkload } from './workload-prefilter.js';

/**
 * Analyses each visible workload file as soon as it is shown or edited, before anyone asks. VS Code cancels a
 * Refactor request that is still open when a deferred automatic code action request of an earlier cursor move
 * lands (about 750 ms after that move), and then says "No refactorings available"; a request that finds the
 * analysis done answers at once and is not caught out. The analysis is wanted anyway: VS Code asks for code
 * actions after every cursor move.
 */
export class AnalysisWarmer implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly analyses: ManifestAnalysisCache) {
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) this.warm(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (vscode.window.visibleTextEditors.some((editor) => editor.document === event.document)) this.warm(event.document);
      }),
    ];
    for (const editor of vscode.window.visibleTextEditors) this.warm(editor.document);
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private warm(document: vscode.TextDocument): void {
    if (document.languageId !== 'yaml' || !mayContainWorkload(document.getText())) return;
    void this.analyses.analyze(document);
  }
}
