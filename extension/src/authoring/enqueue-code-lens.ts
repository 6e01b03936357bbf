import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids.js';
import { loadAuthoringCore } from './authoring-core.js';
import { mayBeAuthored } from './authored-document.js';

/**
 * "Enqueue run" and "Dry run (server)" above each Pod or Job document, and above the first TaskAction document
 * of a file (its TaskActions are enqueued together, as `kubectl kueue enqueue -f` does).
 */
export class EnqueueCodeLensProvider implements vscode.CodeLensProvider {
  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!mayBeAuthored(document)) return [];
    const core = await loadAuthoringCore();
    return core.enqueueTargets(document.getText()).flatMap((target) => {
      const line = document.positionAt(target.offset).line;
      const range = new vscode.Range(line, 0, line, 0);
      return [
        new vscode.CodeLens(range, { title: 'Enqueue run', command: COMMANDS.enqueueDocument, arguments: [document.uri, target] }),
        new vscode.CodeLens(range, { title: 'Dry run (server)', command: COMMANDS.dryRunDocument, arguments: [document.uri, target] }),
      ];
    });
  }
}
