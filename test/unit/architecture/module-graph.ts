import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  from: string;
  /** The import's module specifier as written. */
  specifier: string;
  /** Repository-relative path of the imported file, for relative specifiers. */
  target?: string;
  /** Only types are imported: erased at run time, so it cannot form a cycle when modules load. */
  typeOnly: boolean;
}

export function sourceFiles(dir: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) result.push(...sourceFiles(relative));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) result.push(relative);
  }
  return result;
}

/** Every static import and re-export of a file, as the TypeScript parser sees them. */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      typeOnly =
        clause?.isTypeOnly === true ||
        (clause !== undefined &&
          clause.name === undefined &&
          named !== undefined &&
          ts.isNamedImports(named) &&
          named.elements.length > 0 &&
          named.elements.every((e) => e.isTypeOnly));
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined) {
      specifier = statement.moduleSpecifier;
      typeOnly = statement.isTypeOnly;
    }
    if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
    const written = specifier.text;
    const edge: ImportEdge = { from: file, specifier: written, typeOnly };
    if (written.startsWith('.')) edge.target = path.posix.normalize(path.posix.join(path.posix.dirname(file), written)).replace(/\.js$/, '.ts');
    edges.push(edge);
  }
  return edges;
}

/** The core module a file of `shared/` belongs to: the nearest folder above it with an `index.ts`. */
export function coreModuleOf(file: string): string | undefined {
  if (!file.startsWith('shared/')) return undefined;
  for (let dir = path.posix.dirname(file); dir.startsWith('shared/'); dir = path.posix.dirname(dir)) {
    if (existsSync(path.join(repoRoot, dir, 'index.ts'))) return dir;
  }
  return undefined;
}

/** Module-level dependencies of the core that exist at run time (type-only imports left out). */
export function coreModuleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles('shared')) {
    const from = coreModuleOf(file);
    if (from === undefined) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    for (const edge of importsOf(file)) {
      if (edge.typeOnly || edge.target === undefined) continue;
      const to = coreModuleOf(edge.target);
      if (to !== undefined && to !== from) graph.get(from)?.add(to);
    }
  }
  return graph;
}

/** One cycle of the graph as a path `a -> b -> a`, or undefined when there is none. */
export function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}
