import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Writable } from 'node:stream';
import { UserError } from '../../../shared/errors/index.js';

/** Pieces are gathered to this size before a write, and read back in blocks of it. */
const BLOCK_BYTES = 1 << 20;

/**
 * The output of `convert`/`revert` on its way to stdout, kept in a temporary file instead of memory: nothing
 * may be printed before every input has converted and its output has read back right (all or nothing), and a
 * converted manifest is several times the size of its input. The file is removed as soon as it is opened
 * (the open descriptor keeps it readable), so even a killed run leaves nothing behind.
 */
export class OutputSpool {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  private written = 0;
  private closed = false;

  constructor(private readonly directory = os.tmpdir()) {
    const file = path.join(directory, `kubectl-kueue-output-${randomBytes(6).toString('hex')}.tmp`);
    try {
      this.fd = openSync(file, 'wx+', 0o600);
    } catch (err) {
      throw this.failure(err);
    }
    unlinkSync(file);
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BLOCK_BYTES) this.flush();
  }

  /** Everything written, in order, to `out`, waiting whenever `out` asks to (a slow pipe). */
  async copyTo(out: Writable): Promise<void> {
    this.flush();
    let position = 0;
    while (position < this.written) {
      const block = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.written - position));
      let filled = 0;
      while (filled < block.length) {
        const read = readSync(this.fd, block, filled, block.length - filled, position + filled);
        if (read === 0) throw new Error(`the temporary output file ended after ${position + filled} of ${this.written} bytes`);
        filled += read;
      }
      position += filled;
      if (!out.write(block)) await drained(out);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    let offset = 0;
    try {
      // writeSync may write less than asked (a full disk says why only on the next write).
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset, this.written + offset);
    } catch (err) {
      throw this.failure(err);
    }
    this.written += bytes.length;
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
