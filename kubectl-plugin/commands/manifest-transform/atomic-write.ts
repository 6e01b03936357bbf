import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same directory (so the
 * rename cannot cross file systems), is flushed, keeps the old file's permissions, and is renamed over the
 * original. Readers see the old file or the new one, never half of it. A symbolic link stays a link: the
 * file it points to is the one replaced.
 */
export function writeFileAtomic(given: string, chunks: readonly string[]): void {
  const file = realpathSync(given);
  const mode = statSync(file).mode & 0o7777;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', mode);
  try {
    try {
      // The umask applied to openSync's mode; set the old permissions exactly.
      fchmodSync(fd, mode);
      for (const chunk of chunks) writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (err) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never created: nothing to clean up.
    }
    throw err;
  }
}
