import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ociImageArchive, tagOf, type ImageOptions } from '../../../image/oci-image.js';
import { tarArchive, type TarEntry } from '../../../image/tar-archive.js';

const OPTIONS: ImageOptions = {
  reference: 'registry.local:5000/team/kubectl-kueue:1.2.3',
  architecture: 'amd64',
  entrypoint: ['kubectl-kueue'],
  user: '65532:65532',
  env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
  mtimeSeconds: 0,
};

const LAYER: TarEntry[] = [
  { type: 'directory', path: 'opt', mode: 0o755 },
  { type: 'file', path: 'opt/run', mode: 0o755, data: Buffer.from('#!/bin/sh\necho hi\n') },
  { type: 'symlink', path: 'opt/run-link', target: '/opt/run' },
  { type: 'file', path: `opt/${'d'.repeat(120)}/${'n'.repeat(90)}.js`, mode: 0o644, data: Buffer.from('x'.repeat(700)) },
];

const folders: string[] = [];
function scratch(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'kueue-image-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Extracts `archive` with the system's tar, the way an engine would read it. */
function extract(archive: Buffer): string {
  const folder = scratch();
  writeFileSync(path.join(folder, '.archive.tar'), archive);
  execFileSync('tar', ['-xf', '.archive.tar'], { cwd: folder });
  rmSync(path.join(folder, '.archive.tar'));
  return folder;
}

function listing(archive: Buffer): string[] {
  const folder = scratch();
  writeFileSync(path.join(folder, 'a.tar'), archive);
  return execFileSync('tar', ['--numeric-owner', '--utc', '-tvf', 'a.tar'], { cwd: folder, encoding: 'utf8' }).trim().split('\n');
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function readJson(folder: string, name: string): unknown {
  return JSON.parse(readFileSync(path.join(folder, name), 'utf8'));
}

describe('tarArchive', () => {
  it('writes entries in the given order, root-owned, at the given time, with modes, links and long paths', () => {
    const lines = listing(tarArchive(LAYER, 86_400));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^drwxr-xr-x 0\/0 +0 1970-01-02 00:00 opt\/$/);
    expect(lines[1]).toMatch(/^-rwxr-xr-x 0\/0 +18 1970-01-02 00:00 opt\/run$/);
    expect(lines[2]).toMatch(/^lrwxrwxrwx 0\/0 +0 1970-01-02 00:00 opt\/run-link -> \/opt\/run$/);
    expect(lines[3]).toMatch(new RegExp(`^-rw-r--r-- 0/0 +700 1970-01-02 00:00 opt/d{120}/n{90}\\.js$`));
  });

  it('gives a directory the numeric owner it names (a home for the image\'s user), and keeps the sticky bit', () => {
    const lines = listing(tarArchive([{ type: 'directory', path: 'home/nonroot', mode: 0o700, uid: 65532, gid: 65532 }, { type: 'directory', path: 'tmp', mode: 0o1777 }], 0));
    expect(lines[0]).toMatch(/^drwx------ 65532\/65532 +0 1970-01-01 00:00 home\/nonroot\/$/);
    expect(lines[1]).toMatch(/^drwxrwxrwt 0\/0 +0 1970-01-01 00:00 tmp\/$/);
  });

  it('keeps file contents byte for byte', () => {
    const folder = extract(tarArchive(LAYER, 0));
    expect(readFileSync(path.join(folder, 'opt/run'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(readFileSync(path.join(folder, `opt/${'d'.repeat(120)}/${'n'.repeat(90)}.js`), 'utf8')).toBe('x'.repeat(700));
  });

  it('refuses a path ustar cannot hold, naming it', () => {
    const long = `${'a'.repeat(160)}/${'b'.repeat(101)}`;
    expect(() => tarArchive([{ type: 'file', path: long, mode: 0o644, data: Buffer.alloc(0) }], 0)).toThrow(
      `tar: the path ${long} is too long for a ustar archive`,
    );
  });
});

describe('ociImageArchive', () => {
  it('gives identical bytes for the same layers and options', () => {
    const first = ociImageArchive([LAYER], OPTIONS).archive;
    const second = ociImageArchive([LAYER.map((entry) => ({ ...entry }))], OPTIONS).archive;
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(ociImageArchive([LAYER], { ...OPTIONS, mtimeSeconds: 1 }).archive)).not.toBe(sha256(first));
  });

  it('writes an OCI layout whose descriptors match the blobs they name, plus Docker manifest.json', () => {
    const image = ociImageArchive([LAYER], OPTIONS);
    const folder = extract(image.archive);
    expect(readJson(folder, 'oci-layout')).toEqual({ imageLayoutVersion: '1.0.0' });

    const blobs = path.join(folder, 'blobs/sha256');
    for (const name of readdirSync(blobs)) expect(sha256(readFileSync(path.join(blobs, name)))).toBe(`sha256:${name}`);
    const blob = (digest: string): Buffer => readFileSync(path.join(blobs, digest.replace('sha256:', '')));

    const index = readJson(folder, 'index.json') as { manifests: { digest: string; size: number; annotations: Record<string, string> }[] };
    expect(index.manifests).toHaveLength(1);
    const [entry] = index.manifests;
    expect(entry?.digest).toBe(image.manifestDigest);
    expect(entry?.size).toBe(blob(image.manifestDigest).length);
    expect(entry?.annotations).toEqual({ 'io.containerd.image.name': OPTIONS.reference, 'org.opencontainers.image.ref.name': '1.2.3' });

    const manifest = JSON.parse(blob(image.manifestDigest).toString('utf8')) as {
      config: { digest: string; size: number };
      layers: { mediaType: string; digest: string; size: number }[];
    };
    expect(manifest.config).toMatchObject({ digest: image.configDigest, size: blob(image.configDigest).length });
    expect(manifest.layers).toEqual([
      { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: image.layerDigests[0], size: blob(image.layerDigests[0] ?? '').length },
    ]);
    expect(listing(blob(image.layerDigests[0] ?? ''))).toHaveLength(LAYER.length);

    const config = JSON.parse(blob(image.configDigest).toString('utf8')) as unknown;
    expect(config).toEqual({
      created: '1970-01-01T00:00:00Z',
      architecture: 'amd64',
      os: 'linux',
      config: { User: '65532:65532', Env: OPTIONS.env, Entrypoint: ['kubectl-kueue'], WorkingDir: '/' },
      rootfs: { type: 'layers', diff_ids: image.layerDigests },
    });

    const docker = readJson(folder, 'manifest.json');
    expect(docker).toEqual([
      {
        Config: `blobs/sha256/${image.configDigest.replace('sha256:', '')}`,
        RepoTags: [OPTIONS.reference],
        Layers: [`blobs/sha256/${(image.layerDigests[0] ?? '').replace('sha256:', '')}`],
      },
    ]);
  });
});

describe('tagOf', () => {
  it('reads the tag after the last path part, not a registry port', () => {
    expect(tagOf('ghcr.io/kueue/kubectl-kueue:0.1.0')).toBe('0.1.0');
    expect(tagOf('registry.local:5000/kubectl-kueue')).toBe('latest');
  });
});
