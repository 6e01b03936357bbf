import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { coreModuleGraph, coreModuleOf, findCycle, importsOf, repoRoot, sourceFiles } from './module-graph.js';

const ADAPTERS = ['kubectl-plugin', 'extension/src'];

/** The code of a file without its comments, so that wording in a comment does not count as a dependency. */
function codeWithoutComments(file: string): string {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let code = '';
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) code += `${scanner.getTokenText()} `;
  return code;
}

describe('module boundaries', () => {
  it('the core modules depend on each other without a cycle', () => {
    const graph = coreModuleGraph();
    expect(graph.size).toBeGreaterThan(5);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('adapters import the core only through module entries', () => {
    const deep = ADAPTERS.flatMap(sourceFiles)
      .flatMap(importsOf)
      .filter((edge) => edge.target?.startsWith('shared/') === true && !edge.target.endsWith('/index.ts'))
      .map((edge) => `${edge.from}: ${edge.specifier}`);
    expect(deep).toEqual([]);
  });

  it('inside the core, a module reaches another only through its entry', () => {
    const deep = sourceFiles('shared')
      .flatMap(importsOf)
      .filter((edge) => {
        if (edge.target === undefined) return false;
        const from = coreModuleOf(edge.from);
        const to = coreModuleOf(edge.target);
        return to !== undefined && to !== from && edge.target !== `${to}/index.ts`;
      })
      .map((edge) => `${edge.from}: ${edge.specifier}`);
    expect(deep).toEqual([]);
  });

  it('the executor engine knows no Pods: no file about them, no import of the pod plugin, no Pod in its code', () => {
    const engine = sourceFiles('shared/executor');
    expect(engine.length).toBeGreaterThan(5);
    expect(engine.filter((file) => /pod/i.test(path.basename(file)))).toEqual([]);
    const podImports = engine.flatMap(importsOf).filter((edge) => edge.target?.startsWith('shared/plugins/pod/') === true);
    expect(podImports).toEqual([]);
    const mentions = engine.filter((file) => /pod/i.test(codeWithoutComments(file)));
    expect(mentions).toEqual([]);
  });

  it('the executor engine knows no condition actions: their plugin brings what they mean', () => {
    const engine = sourceFiles('shared/executor');
    const imports = engine.flatMap(importsOf).filter((edge) => edge.target?.startsWith('shared/plugins/condition/') === true);
    expect(imports).toEqual([]);
    const mentions = engine.filter((file) => /ACTION_TYPE_CONDITION|conditionSpec|signalValue|ConditionReason\.(Paused|Signaled|TimedOut)|'(Paused|Signaled|TimedOut)'/.test(codeWithoutComments(file)));
    expect(mentions).toEqual([]);
  });
});
