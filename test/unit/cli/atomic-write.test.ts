import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../kubectl-plugin/commands/manifest-transform/atomic-write.js';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kueue-atomic-'));
}

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the exact permissions and leaves no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pod.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o666);
    writeFileAtomic(file, ['new ', 'content\n']);
    expect(readFileSync(file, 'utf8')).toBe('new content\n');
    expect(statSync(file).mode & 0o777).toBe(0o666);
    expect(readdirSync(dir)).toEqual(['pod.yaml']);
  });

  it('keeps a symbolic link a link and rewrites its target', () => {
    const dir = tempDir();
    const target = path.join(dir, 'real.yaml');
    const link = path.join(dir, 'link.yaml');
    writeFileSync(target, 'old\n');
    symlinkSync(target, link);
    writeFileAtomic(link, ['new\n']);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
  });

  it('removes its temporary file when the rename fails', () => {
    const dir = tempDir();
    const notAFile = path.join(dir, 'manifests');
    mkdirSync(notAFile);
    expect(() => writeFileAtomic(notAFile, ['new\n'])).toThrow();
    expect(readdirSync(dir)).toEqual(['manifests']);
    expect(statSync(notAFile).isDirectory()).toBe(true);
  });
});
