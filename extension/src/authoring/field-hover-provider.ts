import * as vscode from 'vscode';
import { loadAuthoringCore } from './authoring-core.js';
import { mayBeAuthored } from './authored-document.js';
import { type YamlExtensionLink } from './yaml-extension-link.js';

/** What a TaskAction field means, on its key. */
export class FieldHoverProvider implements vscode.HoverProvider {
  constructor(private readonly yamlExtension: Pick<YamlExtensionLink, 'servesTaskActions'>) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!mayBeAuthored(document) || this.yamlExtension.servesTaskActions(document)) return undefined;
    const core = await loadAuthoringCore();
    const hover = core.fieldHover(document.getText(), document.offsetAt(position));
    if (hover === undefined) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }
}
