import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelColumns } from '../../../kubectl-plugin/printers/label-columns.js';
import { renderWatchedObject } from '../../../kubectl-plugin/printers/listing-output.js';
import { parseOutputFormat } from '../../../kubectl-plugin/printers/output-format.js';
import { parseSortBy, sortObjects } from '../../../kubectl-plugin/printers/sort-by.js';
import { renderTabWriterTable } from '../../../kubectl-plugin/printers/tab-writer-table.js';
import { renderCustomColumns, renderJsonPath } from '../../../kubectl-plugin/printers/template-output.js';
import { objectPrinting } from '../../../kubectl-plugin/printers/listing-output.js';

const BUILTINS = ['wide', 'yaml', 'json', 'name'] as const;
const object = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'flyte.org/v1', kind: 'TaskAction', metadata: { name, ...extra } });

function userErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('-o parsing', () => {
  it('lists the valid formats for an unknown one', () => {
    expect(userErrorOf(() => parseOutputFormat('tabel', BUILTINS))).toBe(
      '--output must be one of wide|yaml|json|name|jsonpath=...|jsonpath-file=...|custom-columns=...|custom-columns-file=..., got "tabel"',
    );
  });

  it('refuses Go templates and says to use jsonpath', () => {
    expect(userErrorOf(() => parseOutputFormat('go-template={{.kind}}', BUILTINS))).toMatch(/-o go-template is not supported.*use -o jsonpath=TEMPLATE/);
  });

  it('names the flag, the position and what was expected for a bad template', () => {
    expect(userErrorOf(() => parseOutputFormat('jsonpath={.items[*].x', BUILTINS))).toBe(
      '-o jsonpath: invalid template at position 13: unclosed action: expected "}"\n  {.items[*].x\n              ^',
    );
  });

  it('says what a custom column needs', () => {
    expect(userErrorOf(() => parseOutputFormat('custom-columns=NAME', BUILTINS))).toMatch(/column 1 is "NAME": expected HEADER:PATH/);
    expect(userErrorOf(() => parseOutputFormat('custom-columns=', BUILTINS))).toMatch(/-o custom-columns needs a template/);
    expect(userErrorOf(() => parseOutputFormat('jsonpath-file=/nonexistent/t.txt', BUILTINS))).toBe('-o jsonpath-file: cannot read /nonexistent/t.txt: no such file');
  });

  it('reads templates and columns from files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-print-'));
    writeFileSync(path.join(dir, 't.txt'), '{.metadata.name}');
    writeFileSync(path.join(dir, 'c.txt'), 'NAME   KIND\n.metadata.name  kind\n');
    writeFileSync(path.join(dir, 'bad.txt'), 'NAME KIND\n.metadata.name\n');
    const jsonpath = parseOutputFormat(`jsonpath-file=${path.join(dir, 't.txt')}`, BUILTINS);
    expect(jsonpath?.kind === 'jsonpath' && renderJsonPath([object('x')], jsonpath.flag, jsonpath.template, { asList: false })).toBe('x');
    const columns = parseOutputFormat(`custom-columns-file=${path.join(dir, 'c.txt')}`, BUILTINS);
    expect(columns?.kind === 'custom-columns' && renderCustomColumns([object('x')], columns.flag, columns.columns)).toBe('NAME   KIND\nx      TaskAction\n');
    expect(userErrorOf(() => parseOutputFormat(`custom-columns-file=${path.join(dir, 'bad.txt')}`, BUILTINS))).toMatch(/2 headers but 1 paths/);
  });

  it('reports a template that cannot apply, naming the flag', () => {
    const format = parseOutputFormat('jsonpath={.items[5]}', BUILTINS);
    if (format?.kind !== 'jsonpath') throw new Error('not jsonpath');
    expect(userErrorOf(() => renderJsonPath([object('x')], format.flag, format.template, { asList: true }))).toBe(
      '-o jsonpath: cannot apply {.items[5]}: array index out of bounds: index 5, length 1',
    );
  });
});

describe('custom columns', () => {
  it('lays out as kubectl: headers as given, <none>, several values joined by commas, columns at least six wide', () => {
    const format = parseOutputFormat('custom-columns=n:.metadata.name,L:.metadata.labels,F:.metadata.finalizers[*],X:.nope', BUILTINS);
    if (format?.kind !== 'custom-columns') throw new Error('not custom columns');
    const text = renderCustomColumns([object('a', { labels: { b: '2', a: '1' }, finalizers: ['f1', 'f2'] }), object('bb')], format.flag, format.columns);
    expect(text).toBe('n     L              F        X\na     map[a:1 b:2]   f1,f2    <none>\nbb    <none>         <none>   <none>\n');
  });

  it('pads every column but the last', () => {
    expect(renderTabWriterTable([['A', 'B', ''], ['CCCCCCCCC', '', 'x']])).toBe('A           B     \nCCCCCCCCC         x\n');
  });
});

describe('--sort-by', () => {
  const path = (p: string) => parseSortBy(p) ?? (() => { throw new Error('no path'); })();

  it('sorts numbers numerically, timestamps by time, strings naturally, missing values first', () => {
    const items = [{ n: 10, s: 'a10' }, { n: 9, s: 'a9' }, { s: 'b' }, { n: 100, s: 'a100' }];
    expect(sortObjects(items, path('.n')).map((i) => i.n)).toEqual([undefined, 9, 10, 100]);
    expect(sortObjects(items, path('s')).map((i) => i.s)).toEqual(['a9', 'a10', 'a100', 'b']);
    const times = [{ t: '2026-01-02T00:00:00Z' }, { t: '2026-01-01T23:00:00-02:00' }];
    expect(sortObjects(times, path('{.t}')).map((i) => i.t)).toEqual(['2026-01-02T00:00:00Z', '2026-01-01T23:00:00-02:00']);
  });

  it('refuses a path no object has', () => {
    expect(userErrorOf(() => sortObjects([{ a: 1 }], path('.b')))).toMatch(/no object has a value at \{\.b\}/);
    expect(userErrorOf(() => parseSortBy('.a[x'))).toMatch(/--sort-by: invalid path/);
  });
});

describe('label columns and watched objects', () => {
  it('heads -L columns with the last segment of the key, upper-cased, and lists all labels sorted', () => {
    const columns = labelColumns<{ labels?: Record<string, string> }>(['flyte.org/run', 'team'], true, (o) => o.labels);
    expect(columns.map((c) => c.header)).toEqual(['RUN', 'TEAM', 'LABELS']);
    expect(columns.map((c) => c.cell({ labels: { z: '1', 'flyte.org/run': 'r' } }))).toEqual(['r', '', 'flyte.org/run=r,z=1']);
    expect(columns.map((c) => c.cell({}))).toEqual(['', '', '<none>']);
  });

  it('separates watched YAML objects with ---', () => {
    const yaml = objectPrinting(parseOutputFormat('yaml', BUILTINS));
    if (!yaml) throw new Error('no format');
    expect(renderWatchedObject(object('a'), yaml, true)).not.toContain('---');
    expect(renderWatchedObject(object('b'), yaml, false)).toMatch(/^---\napiVersion: flyte.org\/v1\n/);
  });
});
