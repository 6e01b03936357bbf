import type * as vscode from 'vscode';

export const YAML_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }];

/**
 * Whether a YAML document may hold a kind enqueue reads, by a look at its text: everything else (Helm charts,
 * CI files) never loads the YAML layer.
 */
export function mayBeAuthored(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && /^\s*kind:\s*["']?(TaskAction|Pod|Job)["']?\s*(#.*)?$/m.test(document.getText());
}
