import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { UserError } from '../../../shared/errors/index.js';
import { removeStaleTemporaries, temporaryNameFor } from './stale-temporaries.js';

/** A file's new content, and what it held when it was read (so a change since then is noticed). */
export interface FileReplacement {
  /** As the user named it (a symbolic link stays a link: the file it points to is replaced). */
  path: string;
  chunks: ReadonlyArray<string | Uint8Array>;
  /** The SHA-256 of the bytes read; undefined to replace whatever is there. */
  readDigest?: string;
}

interface Prepared {
  target: string;
  temporary: string;
  readDigest: string | undefined;
  original: Buffer;
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Replaces several files all or nothing. First every new content is written to a temporary file beside its
 * target (same directory, so the rename cannot cross file systems), flushed, with the target's mode, owner
 * and group; a failure there (a full disk on the third file) removes every temporary file and changes
 * nothing. Then each target is checked to still hold what was read, and all are renamed over their targets
 * one after the other; should a rename still fail, the files already replaced get their old content back.
 * Files with several hard links are refused (a rename would split them). Temporary files an earlier killed
 * run left behind are removed first.
 */
export function replaceFilesAtomically(files: readonly FileReplacement[]): void {
  const prepared: Prepared[] = [];
  try {
    for (const file of files) prepared.push(prepare(file));
    for (const entry of prepared) checkUnchanged(entry);
  } catch (err) {
    for (const entry of prepared) removeQuietly(entry.temporary);
    throw err;
  }
  const renamed: Prepared[] = [];
  try {
    for (const entry of prepared) {
      renameSync(entry.temporary, entry.target);
      renamed.push(entry);
    }
  } catch (err) {
    for (const entry of prepared) if (!renamed.includes(entry)) removeQuietly(entry.temporary);
    for (const entry of renamed) restore(entry);
    throw err;
  }
}

/** Replaces one file's content atomically (see replaceFilesAtomically). */
export function writeFileAtomic(given: string, chunks: ReadonlyArray<string | Uint8Array>): void {
  replaceFilesAtomically([{ path: given, chunks }]);
}

function prepare(file: FileReplacement): Prepared {
  const target = realpathSync(file.path);
  removeStaleTemporaries(target);
  const stat = statSync(target);
  if (stat.isFile() && stat.nlink > 1) {
    throw new UserError(
      `${file.path} has ${stat.nlink} hard links: replacing it would leave the other names with the old content`,
      { file: file.path },
      'convert a copy and move it over the file yourself, or print the output (without --in-place)',
    );
  }
  const original = stat.isFile() ? readFileSync(target) : Buffer.alloc(0);
  const mode = stat.mode & 0o7777;
  const temporary = temporaryNameFor(target, randomBytes(6).toString('hex'));
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    keepOwner(fd, stat.uid, stat.gid, file.path);
    // After the owner: changing the owner clears set-user-ID and set-group-ID bits.
    fchmodSync(fd, mode);
    for (const chunk of file.chunks) writeFully(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    removeQuietly(temporary);
    throw err;
  }
  closeSync(fd);
  return { target, temporary, readDigest: file.readDigest, original };
}

/**
 * writeSync may write less than asked (near a file size limit or a full disk) without an error: only the
 * next write fails. Writing the rest until the system says why it cannot keeps a short file from passing.
 */
function writeFully(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

function keepOwner(fd: number, uid: number, gid: number, name: string): void {
  if (uid === process.getuid?.() && gid === process.getgid?.()) return;
  try {
    fchownSync(fd, uid, gid);
  } catch {
    throw new UserError(
      `${name} belongs to user ${uid} and group ${gid}, which this user cannot give a new file: rewriting it would change its owner`,
      { file: name },
      'run the command as the file\'s owner (or as root), or print the output (without --in-place)',
    );
  }
}

function checkUnchanged(entry: Prepared): void {
  if (entry.readDigest === undefined) return;
  let now: Buffer;
  try {
    now = readFileSync(entry.target);
  } catch {
    now = Buffer.alloc(0);
  }
  if (digestOf(now) !== entry.readDigest || statSync(entry.target).nlink > 1) {
    throw new UserError(`${entry.target} changed while it was being converted: nothing was written`, { file: entry.target }, 'run the command again');
  }
}

function restore(entry: Prepared): void {
  try {
    replaceFilesAtomically([{ path: entry.target, chunks: [entry.original] }]);
  } catch {
    // The rename error is what gets reported; nothing more can be done for this file.
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never created, or renamed already.
  }
}
