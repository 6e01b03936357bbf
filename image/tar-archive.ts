/**
 * A reproducible ustar writer: the caller's entries in the caller's order, owned by 0:0 (or a directory's given
 * numeric owner) with no user or group names, one fixed modification time. The same entries always give the same
 * bytes, so a digest of the archive identifies its contents.
 */

export type TarEntry =
  | { type: 'directory'; path: string; mode: number; uid?: number; gid?: number }
  | { type: 'file'; path: string; mode: number; data: Buffer }
  | { type: 'symlink'; path: string; target: string };

const BLOCK = 512;
const NAME_LENGTH = 100;
const PREFIX_LENGTH = 155;

/** A tar archive of `entries` (paths relative, `/`-separated; directories may end in `/`), ending in two zero blocks. */
export function tarArchive(entries: readonly TarEntry[], mtimeSeconds: number): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.type === 'file' ? entry.data : Buffer.alloc(0);
    parts.push(header(entry, data.length, mtimeSeconds), data, Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function header(entry: TarEntry, size: number, mtimeSeconds: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const path = entry.type === 'directory' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
  const { name, prefix } = splitPath(path);
  block.write(name, 0, NAME_LENGTH, 'utf8');
  octal(block, 100, 8, entry.type === 'symlink' ? 0o777 : entry.mode);
  octal(block, 108, 8, entry.type === 'directory' ? (entry.uid ?? 0) : 0);
  octal(block, 116, 8, entry.type === 'directory' ? (entry.gid ?? 0) : 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, mtimeSeconds);
  block.write(entry.type === 'directory' ? '5' : entry.type === 'symlink' ? '2' : '0', 156, 1, 'ascii');
  if (entry.type === 'symlink') {
    if (Buffer.byteLength(entry.target) > NAME_LENGTH) throw new Error(`tar: the target of symlink ${entry.path} is longer than ${NAME_LENGTH} bytes`);
    block.write(entry.target, 157, NAME_LENGTH, 'utf8');
  }
  block.write('ustar\u000000', 257, 8, 'ascii');
  block.write(prefix, 345, PREFIX_LENGTH, 'utf8');
  // The checksum is taken with its own field read as spaces.
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

/** ustar keeps long paths as a prefix (up to 155 bytes) and a name (up to 100), split at a `/`. */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= NAME_LENGTH) return { name: path, prefix: '' };
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    const prefix = path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (Buffer.byteLength(prefix) <= PREFIX_LENGTH && Buffer.byteLength(name) <= NAME_LENGTH && name !== '') return { name, prefix };
  }
  throw new Error(`tar: the path ${path} is too long for a ustar archive (at most a 155-byte folder and a 100-byte name)`);
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
