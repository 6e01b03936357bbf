import { createWriteStream, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputSpool } from '../../../kubectl-plugin/commands/manifest-transform/output-spool.js';
import { UserError } from '../../../shared/errors/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kueue-output-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the output spool of convert/revert', () => {
  it('gives back every piece in order, multi-byte characters included, to a slow reader', async () => {
    const spool = new OutputSpool(dir);
    const pieces = Array.from({ length: 3000 }, (_, i) => `- name: step-${i} # café ✓ ${'x'.repeat(i % 700)}\n`);
    for (const piece of pieces) spool.write(piece);
    // A small buffer makes write() ask to wait (backpressure) many times.
    const out = new PassThrough({ highWaterMark: 1024 });
    const received: Buffer[] = [];
    const reading = (async () => {
      for await (const chunk of out) {
        received.push(chunk as Buffer);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await spool.copyTo(out);
    out.end();
    await reading;
    spool.close();
    expect(Buffer.concat(received).toString('utf8')).toBe(pieces.join(''));
  });

  it('gives a stream with a descriptor (as stdout is) every block whole, reading each into the same memory', async () => {
    const spool = new OutputSpool(dir);
    // Several blocks, each line unique, so a block overwritten before it went out would show.
    const pieces = Array.from({ length: 40_000 }, (_, i) => `- name: step-${i} # ✓ ${String(i * 7919).repeat(i % 13)}\n`);
    for (const piece of pieces) spool.write(piece);
    const target = path.join(dir, 'stdout.yaml');
    const out = createWriteStream('', { fd: openSync(target, 'w') });
    expect(typeof (out as unknown as { fd: unknown }).fd).toBe('number');
    await spool.copyTo(out);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    spool.close();
    const text = readFileSync(target, 'utf8');
    rmSync(target);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 << 20);
    expect(text).toBe(pieces.join(''));
  });

  it('leaves no file behind, even before it is closed', () => {
    const spool = new OutputSpool(dir);
    // Past one block in memory: the file is made, and unlinked at once.
    spool.write(`data: ${'x'.repeat(2 << 20)}\n`);
    expect(readdirSync(dir)).toEqual([]);
    spool.close();
  });

  it('keeps a small output in memory: no temporary file is needed, so none can fail', async () => {
    const spool = new OutputSpool(path.join(dir, 'no-such-directory'));
    spool.write('apiVersion: v1\n');
    spool.write('kind: Pod\n');
    const out = new PassThrough();
    await spool.copyTo(out);
    out.end();
    spool.close();
    expect((out.read() as Buffer | null)?.toString()).toBe('apiVersion: v1\nkind: Pod\n');
  });

  it('says which directory it cannot use and what to do, once the output outgrows memory', () => {
    const missing = path.join(dir, 'no-such-directory');
    const spool = new OutputSpool(missing);
    let error: unknown;
    try {
      spool.write(`data: ${'x'.repeat(2 << 20)}\n`);
    } catch (err) {
      error = err;
    }
    spool.close();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(`cannot keep the output in a temporary file in ${missing} (ENOENT), so nothing was written`);
    expect((error as UserError).hint).toBe('set TMPDIR to a writable directory with room for the converted manifest');
  });
});
