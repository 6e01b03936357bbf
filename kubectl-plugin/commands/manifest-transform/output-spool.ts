import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Writable } from 'node:stream';
import { UserError } from '../../../shared/errors/index.js';

/** Pieces are gathered to this size before a write, and read back in blocks of it. */
const BLOCK_BYTES = 1 << 20;

/** Tries at a free temporary name before giving up (names are unique per process and moment already). */
const NAME_ATTEMPTS = 5;

/**
 * The output of `convert`/`revert` on its way to stdout, kept in a temporary file instead of memory: nothing
 * may be printed before every input has converted and its output has read back right (all or nothing), and a
 * converted manifest is several times the size of its input. Up to one block stays in memory, so a small
 * output never touches the disk; the file is made when the output outgrows that, and removed as soon as it is
 * opened (the open descriptor keeps it readable), so even a killed run leaves nothing behind.
 */
export class OutputSpool {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingLength = 0;
  private written = 0;
  private closed = false;

  constructor(private readonly directory = os.tmpdir()) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BLOCK_BYTES) this.flush();
  }

  /** Everything written, in order, to `out`, waiting whenever `out` asks to (a slow pipe). */
  async copyTo(out: Writable): Promise<void> {
    if (this.fd === undefined) {
      // All of it is still in memory.
      const text = this.pending.join('');
      if (text.length > 0 && !out.write(text)) await drained(out);
      return;
    }
    this.flush();
    const fd = this.fd;
    // Blocks are memory outside the JS heap, which the collector frees late: a new block for each MiB of a large
    // output added tens of MiB to the peak. The process's own stdout (a file, pipe or terminal: a stream with an
    // fd) is done with a chunk once the write's callback runs, so one block is read into again and again. Any
    // other stream may keep what it is given (a PassThrough does), so it gets a new block each time.
    const reused = isStdioStream(out) ? Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.written)) : undefined;
    let position = 0;
    while (position < this.written) {
      const size = Math.min(BLOCK_BYTES, this.written - position);
      const block = reused === undefined ? Buffer.allocUnsafe(size) : reused.subarray(0, size);
      let filled = 0;
      while (filled < block.length) {
        const read = readSync(fd, block, filled, block.length - filled, position + filled);
        if (read === 0) throw new Error(`the temporary output file ended after ${position + filled} of ${this.written} bytes`);
        filled += read;
      }
      position += filled;
      if (reused !== undefined) await written(out, block);
      else if (!out.write(block)) await drained(out);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    if (this.fd !== undefined) closeSync(this.fd);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const fd = (this.fd ??= this.open());
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    let offset = 0;
    try {
      // writeSync may write less than asked (a full disk says why only on the next write).
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset, this.written + offset);
    } catch (err) {
      throw this.failure(err);
    }
    this.written += bytes.length;
  }

  /** A new file only this process can have made (O_EXCL), unlinked at once. */
  private open(): number {
    for (let attempt = 1; ; attempt++) {
      const unique = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      const file = path.join(this.directory, `kubectl-kueue-output-${unique}.tmp`);
      try {
        const fd = openSync(file, 'wx+', 0o600);
        unlinkSync(file);
        return fd;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= NAME_ATTEMPTS) throw this.failure(err);
      }
    }
  }

  private failure(err: unknown): UserError {
    const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    return new UserError(
      `cannot keep the output in a temporary file in ${this.directory} (${reason}), so nothing was written`,
      {},
      'set TMPDIR to a writable directory with room for the converted manifest',
    );
  }
}

/** Node gives its stdin, stdout and stderr streams their descriptor as `fd`, whatever they write to. */
function isStdioStream(out: Writable): boolean {
  return typeof (out as { fd?: unknown }).fd === 'number';
}

/** Once `out` is done with `chunk` (it has gone to the descriptor), or has failed. */
function written(out: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      out.off('drain', done);
      out.off('error', done);
      out.off('close', closedEarly);
      if (err) reject(err);
      else resolve();
    };
    const closedEarly = (): void => done(new Error('the output stream closed before everything was written'));
    out.once('drain', done);
    out.once('error', done);
    out.once('close', closedEarly);
  });
}
