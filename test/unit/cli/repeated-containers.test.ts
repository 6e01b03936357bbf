import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProblemCollector } from '../../../shared/convert/problems.js';
import { checkStepCount, MAX_FULL_MOUNT_STEPS } from '../../../shared/convert/step-limit.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kueue-repeated-containers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

const HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n';
/** The input: one container and 999 aliases of it (7 KB), which once printed about 100 MB. */
const ALIASES = `${HEAD}  - &c\n    name: a\n    image: busybox\n    command: [sh, -c, 'echo hello']\n${'  - *c\n'.repeat(999)}`;
const DISTINCT = (n: number) => HEAD + Array.from({ length: n }, (_, i) => `  - name: s${i}\n    image: busybox\n    command: [sh, -c, 'echo ${i}']\n`).join('');

describe('a Pod of many repeated containers', () => {
  it('convert refuses 999 aliases of one container at the first copy, with a bounded message, before any work', async () => {
    const at = file('aliases.yaml', ALIASES);
    const result = await runCliInProcess(['convert', '-f', at]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${at}:12:5 (document 1, Pod/p, field spec.containers[1].name): container name "a" is used 1000 times (first by containers[0])`);
    expect(result.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(result.stderr.length).toBeLessThan(2000);
  });

  it('convert refuses more steps than full mounts can hold, pointing to --compact, which converts them', async () => {
    const at = file('distinct.yaml', DISTINCT(MAX_FULL_MOUNT_STEPS + 1));
    const result = await runCliInProcess(['convert', '-f', at]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${at}:7:3 (document 1, Pod/p, field spec.containers): the Pod has 301 steps, more than the 300 convert handles with full mounts`);
    expect(result.stderr).toContain('hint: convert with --compact');
    const compact = await runCliInProcess(['convert', '-f', at, '--compact']);
    expect(compact.code).toBe(0);
    expect(compact.stderr).toBe(`Pod/p converted (${at})\n`);
  });

  it('enqueue refuses more than 100 alias copies at the first one past the limit', async () => {
    const at = file('aliases-enqueue.yaml', ALIASES);
    const result = await runCliInProcess(['enqueue', '--dry-run=client', '--run', 'r', '-f', at, '-o', 'name']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: ${at}:112:5 (document 1): the document's aliases copy anchored nodes more than 100 times\n  hint: write the repeated parts out, or split the document\n`);
  });

  it('accepts exactly the limit of steps with full mounts, any number with compact ones, and refuses one more', () => {
    const problems = new ProblemCollector('Pod/p');
    checkStepCount(MAX_FULL_MOUNT_STEPS, false, ['spec', 'containers'], problems);
    checkStepCount(MAX_FULL_MOUNT_STEPS * 10, true, ['spec', 'containers'], problems);
    expect(problems.count).toBe(0);
    checkStepCount(MAX_FULL_MOUNT_STEPS + 1, false, ['spec', 'containers'], problems);
    expect(problems.count).toBe(1);
  });
});
