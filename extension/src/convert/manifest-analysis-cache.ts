import type * as vscode from 'vscode';
import { loadConvertCore } from './convert-core.js';
import { convertOptions } from './convert-settings.js';
import { type AnalyzedDocument } from './manifest-analysis.js';

/**
 * The analysis of each open YAML document, computed once per document version: code actions are asked for
 * on every cursor move, and the diagnostics want the same facts.
 */
export class ManifestAnalysisCache {
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; analysis: Promise<AnalyzedDocument[]> }>();

  analyze(document: vscode.TextDocument): Promise<AnalyzedDocument[]> {
    const cached = this.cache.get(document);
    if (cached !== undefined && cached.version === document.version) return cached.analysis;
    const text = document.getText();
    const analysis = loadConvertCore().then((core) => core.analyzeManifest(text, convertOptions(document.uri)));
    this.cache.set(document, { version: document.version, analysis });
    return analysis;
  }
}
