import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, linkSync, mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf, replaceFilesAtomically } from '../../../kubectl-plugin/commands/manifest-transform/atomic-write.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const pod = (name: string, padding = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}${padding === '' ? '' : `\n  annotations:\n    padding: ${padding}`}
spec:
  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: [echo, a]
  - name: b
    image: busybox
    command: [echo, b]
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-in-place-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const isRoot = process.getuid?.() === 0;

describe('convert --in-place is atomic for the whole command', () => {
  it('a write failure on the third file leaves all three unchanged, with no temporary file', () => {
    // The third file's output is over the file size limit: its write fails with EFBIG, as on a full disk.
    const files = { '1.yaml': pod('one'), '2.yaml': pod('two'), '3.yaml': pod('three', 'x'.repeat(20_000)) };
    const dir = workspace(files);
    const cli = path.resolve('kubectl-plugin/main.ts');
    const child = spawnSync('bash', ['-c', 'ulimit -f 16 && exec "$@"', 'bash', process.execPath, '--import', 'tsx', cli, 'convert', '--in-place', '-f', dir], {
      cwd: path.resolve('.'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(child.stderr).toMatch(/EFBIG|file too large/i);
    expect(child.status).not.toBe(0);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(path.join(dir, name), 'utf8'), name).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(['1.yaml', '2.yaml', '3.yaml']);
  });

  it('refuses to replace a file that changed after it was read, keeping the new content', () => {
    const dir = workspace({ 'pod.yaml': pod('p') });
    const file = path.join(dir, 'pod.yaml');
    const read = digestOf(readFileSync(file));
    appendFileSync(file, '# appended while converting\n');
    expect(() => replaceFilesAtomically([{ path: file, chunks: ['converted\n'], readDigest: read }])).toThrow(`${file} changed while it was being converted: nothing was written`);
    expect(readFileSync(file, 'utf8')).toBe(`${pod('p')}# appended while converting\n`);
    expect(readdirSync(dir)).toEqual(['pod.yaml']);
  });

  it.runIf(isRoot)('keeps the owner, group and mode of a file that belongs to another user', async () => {
    const dir = workspace({ 'pod.yaml': pod('p') });
    const file = path.join(dir, 'pod.yaml');
    chownSync(file, 4321, 4322);
    chmodSync(file, 0o640);
    const result = await runCliInProcess(['convert', '--in-place', '-f', file]);
    expect(result.code).toBe(0);
    const stat = statSync(file);
    expect([stat.uid, stat.gid, stat.mode & 0o7777]).toEqual([4321, 4322, 0o640]);
    expect(readFileSync(file, 'utf8')).toContain('tekton-internal');
  });

  it.runIf(isRoot)('refuses, changing nothing, when the user cannot give the new file the old owner', () => {
    const dir = workspace({ 'pod.yaml': pod('p') });
    chmodSync(dir, 0o777);
    const file = path.join(dir, 'pod.yaml');
    chownSync(file, 4400, 4400);
    chmodSync(file, 0o666);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('kubectl-plugin/main.ts'), 'convert', '--in-place', '-f', file], {
      cwd: path.resolve('.'),
      encoding: 'utf8',
      uid: 4401,
      gid: 4401,
      env: { ...process.env, NO_COLOR: '1', HOME: dir },
    });
    expect(child.stderr).toContain(`error: ${file}: ${file} belongs to user 4400 and group 4400, which this user cannot give a new file`);
    expect(child.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(pod('p'));
    expect(statSync(file).uid).toBe(4400);
    expect(readdirSync(dir)).toEqual(['pod.yaml']);
  });

  it('refuses a file with several hard links before writing any file', async () => {
    const dir = workspace({ 'a.yaml': pod('a'), 'b.yaml': pod('b') });
    linkSync(path.join(dir, 'b.yaml'), path.join(dir, 'b-link.yml'));
    const result = await runCliInProcess(['convert', '--in-place', '-f', path.join(dir, 'a.yaml'), '-f', path.join(dir, 'b.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'b.yaml')} has 2 hard links: replacing it would leave the other names with the old content`);
    expect(readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe(pod('a'));
    expect(readFileSync(path.join(dir, 'b-link.yml'), 'utf8')).toBe(pod('b'));
    expect(statSync(path.join(dir, 'b.yaml')).nlink).toBe(2);
  });

  it('removes temporary files a killed run left behind, and only stale ones of that file', async () => {
    const dir = workspace({ 'pod.yaml': pod('p'), '.pod.yaml.0123456789ab.tmp': 'half', '.pod.yaml.aaaaaaaaaaaa.tmp': 'fresh', '.other.yaml.0123456789ab.tmp': 'x' });
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(path.join(dir, '.pod.yaml.0123456789ab.tmp'), old, old);
    utimesSync(path.join(dir, '.other.yaml.0123456789ab.tmp'), old, old);
    const result = await runCliInProcess(['convert', '--in-place', '-f', path.join(dir, 'pod.yaml')]);
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.other.yaml.0123456789ab.tmp', '.pod.yaml.aaaaaaaaaaaa.tmp', 'pod.yaml']);
  });
});
