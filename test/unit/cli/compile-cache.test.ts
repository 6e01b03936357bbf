import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../../kubectl-plugin/launcher/compile-cache.js';
import { CLI_BUNDLE, runCli } from '../../helpers/run-cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'kueue-compile-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n    - name: a\n      image: busybox\n      command: ["true"]\n    - name: b\n      image: busybox\n      command: ["true"]\n';

interface Stats {
  hits: number;
  misses: number;
  written: number;
}

/**
 * The built CLI (or the launcher `bundle`) converting one Pod with its compile cache in `dir` (or `off`), and what
 * the cache did.
 */
async function convertWith(cache: string, bundle?: string): Promise<{ stdout: string; stderr: string; stats: Stats | undefined; code: number }> {
  const input = path.join(root, 'pod.yaml');
  writeFileSync(input, pod);
  const result = await runCli(['convert', '-f', input], { env: { KUEUE_COMPILE_CACHE: cache, KUEUE_COMPILE_CACHE_DEBUG: '1' }, ...(bundle !== undefined ? { bundle } : {}) });
  const line = /^compile cache: (.*)$/m.exec(result.stderr)?.[1];
  return { stdout: result.stdout, stderr: result.stderr, code: result.code, stats: line === undefined ? undefined : (JSON.parse(line) as Stats) };
}

describe('the CLI compile cache', () => {
  it('is written by a first run and used by the next, which converts the same', async () => {
    const dir = path.join(root, 'fresh');
    const first = await convertWith(dir);
    expect(first.code).toBe(0);
    // The launcher's bundle and the convert bundle.
    expect(first.stats).toEqual({ hits: 0, misses: 2, written: 2 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache'))).toHaveLength(2);
    const second = await convertWith(dir);
    expect(second.stats).toEqual({ hits: 2, misses: 0, written: 0 });
    // Nothing but the report and the cache's own line: no warning from Node about how the bundles are compiled.
    expect(second.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Pod\/p converted/), expect.stringMatching(/^compile cache: /)]);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toContain('/tekton/bin/entrypoint');
  });

  it('replaces damaged cached code instead of failing', async () => {
    const dir = path.join(root, 'damaged');
    const clean = await convertWith(dir);
    for (const file of readdirSync(dir)) writeFileSync(path.join(dir, file), 'not V8 code');
    const damaged = await convertWith(dir);
    expect(damaged.code).toBe(0);
    expect(damaged.stdout).toBe(clean.stdout);
    expect(damaged.stats).toEqual({ hits: 0, misses: 2, written: 2 });
    expect((await convertWith(dir)).stats).toEqual({ hits: 2, misses: 0, written: 0 });
  });

  it('removes what an older build of a bundle left, and keeps caches made under other flags', async () => {
    const dir = path.join(root, 'upgraded');
    await convertWith(dir);
    const current = readdirSync(dir).find((f) => f.startsWith('kubectl-kueue.js-'));
    // kubectl-kueue.js-<flags>-<size>-<mtime>-<node>-<arch>.cache
    const flags = current?.split('-')[2];
    expect(flags).toMatch(/^[0-9a-f]{8}$/);
    const older = `kubectl-kueue.js-${flags}-1-2-v20.0.0-x64.cache`;
    const otherFlags = 'kubectl-kueue.js-00000000-1-2-v20.0.0-x64.cache';
    writeFileSync(path.join(dir, older), 'old');
    writeFileSync(path.join(dir, otherFlags), 'other');
    // Damage the current files so the next run writes, which is when older ones go.
    for (const file of readdirSync(dir)) if (file !== older && file !== otherFlags) writeFileSync(path.join(dir, file), 'x');
    await convertWith(dir);
    expect(readdirSync(dir)).not.toContain(older);
    expect(readdirSync(dir)).toContain(otherFlags);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache'))).toHaveLength(3);
  });

  it('keeps the caches of two installs apart when they share a directory', async () => {
    const dir = path.join(root, 'two-installs');
    // A second install: the same launcher and bundles in another directory (their own modification times).
    const other = path.join(root, 'other-install');
    cpSync(path.dirname(CLI_BUNDLE), other, { recursive: true });
    const otherBundle = path.join(other, path.basename(CLI_BUNDLE));
    expect((await convertWith(dir)).stats).toEqual({ hits: 0, misses: 2, written: 2 });
    expect((await convertWith(dir, otherBundle)).stats).toEqual({ hits: 0, misses: 2, written: 2 });
    // Taking turns, each finds its own cached code still there.
    expect((await convertWith(dir)).stats).toEqual({ hits: 2, misses: 0, written: 0 });
    expect((await convertWith(dir, otherBundle)).stats).toEqual({ hits: 2, misses: 0, written: 0 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache'))).toHaveLength(4);
  });

  it('never fails a command when the cache cannot be written', async () => {
    const blocked = path.join(root, 'a-file');
    writeFileSync(blocked, '');
    const result = await convertWith(path.join(blocked, 'cache'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('/tekton/bin/entrypoint');
    expect(result.stats).toEqual({ hits: 0, misses: 2, written: 0 });
  });

  it('is off with KUEUE_COMPILE_CACHE=off', async () => {
    const result = await convertWith('off');
    expect(result.code).toBe(0);
    expect(result.stats).toBeUndefined();
  });

  it('lives under XDG_CACHE_HOME or ~/.cache unless told otherwise', () => {
    expect(compileCacheDir({}, '/home/u')).toBe('/home/u/.cache/kueue/compile-cache');
    expect(compileCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/u')).toBe('/xdg/kueue/compile-cache');
    expect(compileCacheDir({ KUEUE_COMPILE_CACHE: '/elsewhere' }, '/home/u')).toBe('/elsewhere');
    expect(compileCacheDir({ KUEUE_COMPILE_CACHE: 'off' }, '/home/u')).toBeUndefined();
    expect(compileCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' }, '/home/u')).toBeUndefined();
    expect(compileCacheDir({}, undefined)).toBeUndefined();
  });
});
