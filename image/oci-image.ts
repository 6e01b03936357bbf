import { createHash } from 'node:crypto';
import { tarArchive, type TarEntry } from './tar-archive.js';

/**
 * An OCI image archive (an OCI image layout in one tar, as `skopeo`'s `oci-archive:` and `podman load` read it)
 * that also carries Docker's manifest.json, so `docker load` reads it too. Its layers are uncompressed tars, so
 * a layer's digest is also its diff ID. Nothing in it depends on the time or machine of the build: the same
 * layers and options give the same bytes.
 */
export interface ImageOptions {
  /** The reference `docker load` tags the image with, and whose tag becomes the layout's ref name. */
  reference: string;
  /** OCI architecture (amd64, arm64, ...): the bundles are JavaScript, so this names the base it is meant for. */
  architecture: string;
  entrypoint: string[];
  user: string;
  env: string[];
  /** Modification time of every tar entry, seconds since the epoch (SOURCE_DATE_EPOCH when set). */
  mtimeSeconds: number;
}

export interface BuiltImage {
  archive: Buffer;
  manifestDigest: string;
  configDigest: string;
  layerDigests: string[];
}

const MEDIA_TYPES = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

interface Blob {
  digest: string;
  data: Buffer;
}

export function ociImageArchive(layers: readonly (readonly TarEntry[])[], options: ImageOptions): BuiltImage {
  const layerBlobs = layers.map((entries) => blob(tarArchive(entries, options.mtimeSeconds)));
  const config = blob(
    json({
      // The build's fixed time, not the clock: engines show it as the image's age.
      created: new Date(options.mtimeSeconds * 1000).toISOString().replace('.000Z', 'Z'),
      architecture: options.architecture,
      os: 'linux',
      config: { User: options.user, Env: options.env, Entrypoint: options.entrypoint, WorkingDir: '/' },
      rootfs: { type: 'layers', diff_ids: layerBlobs.map((layer) => layer.digest) },
    }),
  );
  const manifest = blob(
    json({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.manifest,
      config: descriptor(MEDIA_TYPES.config, config),
      layers: layerBlobs.map((layer) => descriptor(MEDIA_TYPES.layer, layer)),
    }),
  );
  const index = json({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.index,
    manifests: [
      {
        ...descriptor(MEDIA_TYPES.manifest, manifest),
        annotations: { 'io.containerd.image.name': options.reference, 'org.opencontainers.image.ref.name': tagOf(options.reference) },
      },
    ],
  });
  const dockerManifest = json([{ Config: blobPath(config), RepoTags: [options.reference], Layers: layerBlobs.map(blobPath) }]);
  const blobs = uniqueSorted([config, manifest, ...layerBlobs]);
  const entries: TarEntry[] = [
    { type: 'directory', path: 'blobs', mode: 0o755 },
    { type: 'directory', path: 'blobs/sha256', mode: 0o755 },
    ...blobs.map((b): TarEntry => ({ type: 'file', path: blobPath(b), mode: 0o644, data: b.data })),
    { type: 'file', path: 'index.json', mode: 0o644, data: index },
    { type: 'file', path: 'manifest.json', mode: 0o644, data: dockerManifest },
    { type: 'file', path: 'oci-layout', mode: 0o644, data: json({ imageLayoutVersion: '1.0.0' }) },
  ];
  return {
    archive: tarArchive(entries, options.mtimeSeconds),
    manifestDigest: manifest.digest,
    configDigest: config.digest,
    layerDigests: layerBlobs.map((layer) => layer.digest),
  };
}

/** The tag of `registry/name:tag` (`latest` without one; a port's colon is not a tag). */
export function tagOf(reference: string): string {
  const lastPart = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  return colon === -1 ? 'latest' : lastPart.slice(colon + 1);
}

function blob(data: Buffer): Blob {
  return { digest: `sha256:${createHash('sha256').update(data).digest('hex')}`, data };
}

function descriptor(mediaType: string, b: Blob): { mediaType: string; digest: string; size: number } {
  return { mediaType, digest: b.digest, size: b.data.length };
}

function blobPath(b: Blob): string {
  return `blobs/sha256/${b.digest.slice('sha256:'.length)}`;
}

function uniqueSorted(blobs: Blob[]): Blob[] {
  const byDigest = new Map(blobs.map((b) => [b.digest, b]));
  return [...byDigest.values()].sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
