import * as vscode from 'vscode';
import { type TransformOptions } from '../../../shared/convert/index.js';

/** The settings of the convert features, as the core's options. */
export function convertOptions(scope?: vscode.ConfigurationScope): TransformOptions {
  const image = vscode.workspace.getConfiguration('kueue.convert', scope).get<string>('entrypointImage', '').trim();
  return image === '' ? {} : { entrypointImage: image };
}

export function restartPolicyWarningsEnabled(scope?: vscode.ConfigurationScope): boolean {
  return vscode.workspace.getConfiguration('kueue.diagnostics', scope).get<boolean>('restartPolicy', true);
}
