import { type Readable, type Writable } from 'node:stream';

/**
 * Where a command reads its input and writes its output and diagnostics, as kubectl's
 * genericiooptions.IOStreams. Commands and printers write only here, never to process.stdout/stderr, so the
 * whole program can run inside a test with captured streams as well as from the shell.
 */
export interface IOStreams {
  in: Readable;
  out: Writable;
  err: Writable;
}

/** The process's own streams. Standard input is opened only when a command reads it (`-f -`). */
export function processStreams(): IOStreams {
  return {
    get in() {
      return process.stdin;
    },
    out: process.stdout,
    err: process.stderr,
  };
}

/** Whether a stream is a terminal: redraw in place and colour only there. */
export function isTerminal(stream: Readable | Writable): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** Everything a readable stream delivers until its end. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
