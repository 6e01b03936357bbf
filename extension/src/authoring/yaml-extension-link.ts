import * as vscode from 'vscode';
import { loadAuthoringCore } from './authoring-core.js';
import { holdsTaskAction, registerTaskActionSchema, type YamlExtensionApi } from './yaml-schema-contributor.js';

const YAML_EXTENSION_ID = 'redhat.vscode-yaml';

function isYamlExtensionApi(api: unknown): api is YamlExtensionApi {
  return typeof api === 'object' && api !== null && typeof (api as Partial<YamlExtensionApi>).registerContributor === 'function';
}

function openText(resource: string): string | undefined {
  const uri = vscode.Uri.parse(resource).toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri)?.getText();
}

/**
 * The TaskAction schema registered with the Red Hat YAML extension when it is installed (now or later). Once it
 * is, that extension completes, hovers and type-checks TaskAction files from the schema, and our own completion
 * and hovers step back for those files; our diagnostics stay (their quick fixes are ours), and the schema leaves
 * out what they report. Without the YAML extension our own features do all of it.
 */
export class YamlExtensionLink implements vscode.Disposable {
  private registered = false;
  private registering = false;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.extensions.onDidChange(() => this.tryRegister());
    this.tryRegister();
  }

  /** Whether the YAML extension serves this document's TaskActions from our schema. */
  servesTaskActions(document: vscode.TextDocument): boolean {
    return this.registered && holdsTaskAction(document.getText());
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private tryRegister(): void {
    if (this.registered || this.registering) return;
    const extension = vscode.extensions.getExtension(YAML_EXTENSION_ID);
    if (extension === undefined) return;
    this.registering = true;
    Promise.resolve(extension.activate())
      .then((api: unknown) => {
        // An older or changed API: our own completion and hovers go on serving TaskAction files.
        if (isYamlExtensionApi(api)) this.registered = registerTaskActionSchema(api, openText, async () => (await loadAuthoringCore()).taskActionSchemaText());
      })
      // It failed to activate: the same.
      .catch(() => undefined)
      .finally(() => {
        this.registering = false;
      });
  }
}
