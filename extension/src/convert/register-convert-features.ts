import * as vscode from 'vscode';
import { AnalysisWarmer } from './analysis-warmer.js';
import { ConvertCodeActionProvider } from './convert-code-actions.js';
import { ConvertContextKeys } from './convert-context-keys.js';
import { registerConvertEditorCommands } from './convert-editor-commands.js';
import { ConvertFileDiagnostics } from './convert-file-diagnostics.js';
import { registerConvertFilesCommand } from './convert-files-command.js';
import { ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { MissingCommandQuickFix } from './missing-command-quick-fix.js';
import { RestartPolicyDiagnostics } from './restart-policy-diagnostics.js';
import { RestartPolicyQuickFix } from './restart-policy-quick-fix.js';

const YAML: vscode.DocumentSelector = [{ language: 'yaml' }];

/**
 * Code actions, editor and explorer commands, and diagnostics (with their quick fix) for sequential containers.
 * Nothing is parsed yet.
 */
export function registerConvertFeatures(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  const analyses = new ManifestAnalysisCache();
  const fileDiagnostics = new ConvertFileDiagnostics();
  context.subscriptions.push(
    fileDiagnostics,
    new AnalysisWarmer(analyses),
    vscode.languages.registerCodeActionsProvider(YAML, new ConvertCodeActionProvider(analyses), ConvertCodeActionProvider.metadata),
    registerConvertEditorCommands(analyses),
    registerConvertFilesCommand(output, fileDiagnostics),
    new RestartPolicyDiagnostics(analyses),
    new ConvertContextKeys(analyses),
    vscode.languages.registerCodeActionsProvider(YAML, new RestartPolicyQuickFix(analyses), RestartPolicyQuickFix.metadata),
    vscode.languages.registerCodeActionsProvider(YAML, new MissingCommandQuickFix(analyses), MissingCommandQuickFix.metadata),
  );
}
