import * as vscode from 'vscode';
import { loadAuthoringCore } from './authoring-core.js';
import { mayBeAuthored } from './authored-document.js';
import { type YamlExtensionLink } from './yaml-extension-link.js';

/** Field names where a key is typed in TaskAction, Pod and Job documents, with what TaskAction fields mean. */
export class FieldCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly yamlExtension: Pick<YamlExtensionLink, 'servesTaskActions'>) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    if (!mayBeAuthored(document) || this.yamlExtension.servesTaskActions(document)) return undefined;
    const core = await loadAuthoringCore();
    const result = core.fieldCompletions(document.getText(), document.offsetAt(position));
    if (result === undefined) return undefined;
    const range = new vscode.Range(document.positionAt(result.replace.start), document.positionAt(result.replace.end));
    return result.fields.map((field) => {
      const item = new vscode.CompletionItem(field.name, vscode.CompletionItemKind.Field);
      item.range = range;
      item.insertText = `${field.name}: `;
      item.detail = field.nested ? 'mapping or list' : undefined;
      if (field.documentation !== undefined) item.documentation = new vscode.MarkdownString(field.documentation);
      return item;
    });
  }
}
