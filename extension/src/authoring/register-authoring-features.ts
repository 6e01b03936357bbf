import * as vscode from 'vscode';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { YAML_SELECTOR } from './authored-document.js';
import { EnqueueCodeLensProvider } from './enqueue-code-lens.js';
import { registerEnqueueLensCommands } from './enqueue-lens-commands.js';
import { FieldCompletionProvider } from './field-completion-provider.js';
import { FieldHoverProvider } from './field-hover-provider.js';
import { ManifestDiagnostics } from './manifest-diagnostics.js';
import { ManifestQuickFixProvider } from './manifest-quick-fixes.js';
import { YamlExtensionLink } from './yaml-extension-link.js';

/**
 * Writing TaskAction, Pod and Job files for enqueue: problems with quick fixes, field completion, hovers, and the
 * Enqueue / Dry run lenses; completion and hovers of TaskAction files come from the YAML extension instead when it is
 * installed (see YamlExtensionLink). Registration only: the checks load with the first YAML file of such a kind.
 */
export function registerAuthoringFeatures(context: vscode.ExtensionContext, session: ClusterSession): void {
  const diagnostics = new ManifestDiagnostics();
  const yamlExtension = new YamlExtensionLink();
  context.subscriptions.push(
    diagnostics,
    yamlExtension,
    vscode.languages.registerCodeActionsProvider(YAML_SELECTOR, new ManifestQuickFixProvider(diagnostics), ManifestQuickFixProvider.metadata),
    vscode.languages.registerCompletionItemProvider(YAML_SELECTOR, new FieldCompletionProvider(yamlExtension)),
    vscode.languages.registerHoverProvider(YAML_SELECTOR, new FieldHoverProvider(yamlExtension)),
    vscode.languages.registerCodeLensProvider(YAML_SELECTOR, new EnqueueCodeLensProvider()),
    registerEnqueueLensCommands(session),
  );
}
