import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkYamlDocument, defaultYamlInputLimits, inexactNumber, MAX_NESTING_DEPTH } from '../../../shared/yaml-input/index.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kueue-yaml-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n';
const SELF_ALIAS = `${POD_HEAD}  - name: a\n    image: busybox\n    command: &s [x, *s]\n  - name: b\n    image: busybox\n    command: [b]\n`;
/** A 5,000-deep block list followed by a less-indented key: the parser itself would run out of stack. */
const DEEP_BLOCK = `${POD_HEAD}  - name: a\n    image: busybox\n    command: [a]\n  x:\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i + 4)}-\n`).join('')}  y: 1\n`;
const DEEP_FLOW = `${POD_HEAD}  - name: a\n    image: busybox\n    command: [a]\n    args: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;

function problems(text: string): string[] {
  return checkYamlDocument(parseDocument(text, { version: '1.1' }), defaultYamlInputLimits(text.length)).map((p) => p.message);
}

describe('the YAML input guard', () => {
  it('refuses an alias inside the node it refers to, at the alias', () => {
    const doc = parseDocument(SELF_ALIAS);
    const [problem] = checkYamlDocument(doc, defaultYamlInputLimits(SELF_ALIAS.length));
    expect(problem?.message).toBe('the alias *s refers to a node that contains it, so its value never ends');
    expect(SELF_ALIAS.slice(problem?.offset)).toMatch(/^\*s\]/);
  });

  it('accepts aliases of nodes that are closed, and merges', () => {
    expect(problems('a: &a {x: 1}\nb: *a\nc: {<<: *a, y: 2}\n')).toEqual([]);
  });

  it('refuses nesting past the depth limit', () => {
    const depth = MAX_NESTING_DEPTH + 2;
    expect(problems(`a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)).toEqual([`the document nests collections deeper than ${MAX_NESTING_DEPTH} levels`]);
    expect(problems(`a: ${'['.repeat(100)}${']'.repeat(100)}\n`)).toEqual([]);
  });

  it('budgets the expanded size, not only the number of aliases', () => {
    const big = 'x'.repeat(10_000);
    const text = `a: &a [${Array.from({ length: 20 }, () => big).join(', ')}]\n${Array.from({ length: 30 }, (_, i) => `b${i}: *a`).join('\n')}\n`;
    const [problem] = checkYamlDocument(parseDocument(text), { maxDepth: 100, maxExpandedBytes: 1_000_000 });
    expect(problem?.message).toMatch(/^the document's aliases expand it beyond 1000000 bytes/);
    expect(checkYamlDocument(parseDocument(text), { maxDepth: 100, maxExpandedBytes: 10_000_000 })).toEqual([]);
  });

  it('refuses tags whose values a manifest cannot keep', () => {
    expect(problems('command: !!binary [sh, -c]\n')).toEqual(['the tag !!binary cannot be kept in a Kubernetes manifest (its value would be lost or changed)']);
    expect(problems('a: !custom x\n')[0]).toMatch(/^the tag !custom cannot be kept/);
    expect(problems('a: !!str 1\nb: !!seq [x]\nc: !!int 3\n')).toEqual([]);
  });

  it('refuses numbers a 64-bit float does not keep exactly', () => {
    expect(inexactNumber('12345678901234567890', Number('12345678901234567890'))).toMatch(/^the integer 12345678901234567890 is larger than 2\^53/);
    expect(inexactNumber('1e400', Infinity)).toMatch(/^the number 1e400 is beyond what a 64-bit float holds/);
    expect(inexactNumber('0.10000000000000000000000001', 0.1)).toMatch(/more precision than a 64-bit float keeps/);
    for (const [source, value] of [['9007199254740991', 9007199254740991], ['1e3', 1000], ['0777', 511], ['0x1F', 31], ['.inf', Infinity], ['1.50', 1.5], ['-0.0', -0]] as const) {
      expect(inexactNumber(source, value), source).toBeUndefined();
    }
  });
});

describe('convert, revert and enqueue refuse such input with its location, before any work', () => {
  it('a self-referencing alias in a command', async () => {
    const at = file('self-alias.yaml', SELF_ALIAS);
    for (const command of [['convert'], ['revert'], ['enqueue', '--dry-run=client', '-o', 'yaml']]) {
      const result = await runCliInProcess([...command, '-f', at]);
      expect(result.code, command.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${at}:10:21 (document 1): the alias *s refers to a node that contains it`);
      expect(result.stderr).not.toMatch(/Maximum call stack|at .*\.ts:/);
    }
  });

  it('a 5,000-deep list followed by a less-indented key, and 5,000 nested brackets', async () => {
    for (const [name, text] of [['deep-block.yaml', DEEP_BLOCK], ['deep-flow.yaml', DEEP_FLOW]] as const) {
      const at = file(name, text);
      for (const command of [['convert'], ['enqueue', '--dry-run=client']]) {
        const result = await runCliInProcess([...command, '-f', at]);
        expect(result.code, `${command.join(' ')} ${name}`).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(new RegExp(`^error: ${at}:\\d+:\\d+.*: the document nests collections deeper than ${MAX_NESTING_DEPTH} levels\\n`));
      }
    }
  });

  it('a !!binary command, and JSON numbers beyond a 64-bit float', async () => {
    const binary = file('binary.yaml', SELF_ALIAS.replace('&s [x, *s]', '!!binary [sh, -c, "echo a"]'));
    const result = await runCliInProcess(['convert', '-f', binary]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${binary}:10:23 (document 1): the tag !!binary cannot be kept`);
    const json = file('numbers.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }).replace('"spec":{', '"spec":{"n":12345678901234567890,"f":1e400,'));
    const numbers = await runCliInProcess(['convert', '-f', json]);
    expect(numbers.code).toBe(1);
    expect(numbers.stdout).toBe('');
    expect(numbers.stderr).toContain(`${json}:1:69 (document 1): the integer 12345678901234567890 is larger than 2^53`);
    expect(numbers.stderr).toContain(`${json}:1:94 (document 1): the number 1e400 is beyond what a 64-bit float holds`);
  });
});
