import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseLayer, ENV_BINARY, NODE_BINARY } from '../../../image/base-layer.js';
import { BaseLayerError, parseLddOutput } from '../../../image/shared-libraries.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'kueue-base-layer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const LDD = `\tlinux-vdso.so.1 (0x00007ffd3b5f2000)
\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f2a1c000000)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2a1bc1e000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f2a1c4b8000)
`;

describe('parseLddOutput', () => {
  it('lists each library and the loader by the path the binary uses, without the vDSO', () => {
    expect(parseLddOutput('/usr/bin/node', LDD)).toEqual(['/lib/x86_64-linux-gnu/libstdc++.so.6', '/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']);
  });

  it('needs nothing for a static binary', () => {
    expect(parseLddOutput('/bin/busybox', '\tnot a dynamic executable\n')).toEqual([]);
    expect(parseLddOutput('/bin/x', '\tstatically linked\n')).toEqual([]);
  });

  it('names a library this machine lacks and says what to do', () => {
    expect(() => parseLddOutput('/usr/bin/node', `${LDD}\tlibuv.so.1 => not found\n`)).toThrow(
      new BaseLayerError('/usr/bin/node needs libuv.so.1, which this machine does not have: install the package that provides it'),
    );
  });

  it('refuses an answer it cannot read rather than leaving a library out', () => {
    expect(() => parseLddOutput('/usr/bin/node', '\tsomething else entirely\n')).toThrow('cannot read ldd\'s answer for /usr/bin/node: something else entirely');
  });
});

describe('baseLayer', () => {
  it('names a source file that is missing', async () => {
    await expect(baseLayer({ node: process.execPath, env: '/usr/bin/env', caBundle: path.join(scratch, 'no-bundle.crt') })).rejects.toThrow(
      new BaseLayerError(`cannot read ${path.join(scratch, 'no-bundle.crt')} for the base layer: ENOENT`),
    );
  });

  it('refuses an env that would not be where the kernel looks for the shebang\'s interpreter', async () => {
    const elsewhere = path.join(scratch, 'bin');
    mkdirSync(elsewhere, { recursive: true });
    copyFileSync('/usr/bin/env', path.join(elsewhere, 'env'));
    const bundle = path.join(scratch, 'bundle.crt');
    writeFileSync(bundle, 'certificates');
    await expect(baseLayer({ node: process.execPath, env: path.join(elsewhere, 'env'), caBundle: bundle })).rejects.toThrow(
      `${path.join(elsewhere, 'env')} does not resolve to a file at /${ENV_BINARY} in the layer`,
    );
  });

  // Reads this machine's Node.js binary (about 100 MB): seconds on a loaded machine.
  it('mirrors the libraries with the symlinks on their way, and puts node and env where the bundles look', { timeout: 120_000 }, async () => {
    const bundle = path.join(scratch, 'bundle2.crt');
    writeFileSync(bundle, 'certificates');
    const layer = await baseLayer({ node: process.execPath, env: '/usr/bin/env', caBundle: bundle });
    const byPath = new Map(layer.entries.map((entry) => [entry.path, entry]));
    expect(byPath.get(NODE_BINARY)).toMatchObject({ type: 'file', mode: 0o755 });
    expect(byPath.get(ENV_BINARY)).toMatchObject({ type: 'file', mode: 0o755 });
    expect(layer.libraries.length).toBeGreaterThan(0);
    // Every library path resolves inside the layer: each symlink's target is there too.
    const resolve = (p: string, hops = 0): string | undefined => {
      const parts = p.split('/').filter((x) => x !== '');
      for (let i = 1; i <= parts.length; i += 1) {
        const entry = byPath.get(parts.slice(0, i).join('/'));
        if (entry === undefined) return undefined;
        if (entry.type === 'symlink') {
          const base = path.posix.dirname(`/${parts.slice(0, i).join('/')}`);
          return hops > 40 ? undefined : resolve(path.posix.join(path.posix.resolve(base, entry.target), ...parts.slice(i)), hops + 1);
        }
      }
      return p;
    };
    for (const library of layer.libraries) {
      const found = resolve(library);
      expect(found, library).toBeDefined();
      expect(byPath.get((found ?? '').slice(1))?.type, library).toBe('file');
    }
    const paths = layer.entries.map((entry) => entry.path);
    expect(paths).toEqual([...paths].sort());
    for (const entry of layer.entries) {
      const parent = path.posix.dirname(entry.path);
      if (parent !== '.') expect(byPath.get(parent)?.type, entry.path).toBe('directory');
    }
  });
});
