import type * as vscode from 'vscode';
import { loadConvertCore } from './convert-core.js';
import { convertOptions } from './convert-settings.js';
import { type AnalyzedDocument } from './manifest-analysis.js';

interface CachedAnalysis {
  version: number;
  analysis: Promise<AnalyzedDocument[]>;
  /** Set once `analysis` has resolved, so callers that must answer at once need not wait a turn. */
  settled?: AnalyzedDocument[];
}

/**
 * The analysis of each open YAML document, computed once per document version: code actions are asked for
 * on every cursor move, and the diagnostics want the same facts.
 */
export class ManifestAnalysisCache {
  private readonly cache = new WeakMap<vscode.TextDocument, CachedAnalysis>();

  analyze(document: vscode.TextDocument): Promise<AnalyzedDocument[]> {
    const cached = this.cache.get(document);
    if (cached !== undefined && cached.version === document.version) return cached.analysis;
    const text = document.getText();
    const entry: CachedAnalysis = {
      version: document.version,
      analysis: loadConvertCore().then((core) => {
        const analysis = core.analyzeManifest(text, convertOptions(document.uri));
        entry.settled = analysis;
        return analysis;
      }),
    };
    this.cache.set(document, entry);
    return entry.analysis;
  }

  /** The analysis of the document's current version if it is already computed, else undefined. */
  settled(document: vscode.TextDocument): AnalyzedDocument[] | undefined {
    const cached = this.cache.get(document);
    return cached !== undefined && cached.version === document.version ? cached.settled : undefined;
  }
}
