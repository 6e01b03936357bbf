import { Readable, Writable } from 'node:stream';
import { runProgram } from '../../kubectl-plugin/run-program.js';
import { type CliResult } from './run-cli.js';

/** A stream that keeps everything written to it. */
class CapturedStream extends Writable {
  private readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Runs the CLI inside the test process, as main.ts runs it but with `input` as standard input and captured
 * output, so commands that need no cluster are tested without building or spawning the bundle. `argv1` is the
 * path the CLI believes it was started as (its name in usage and completion scripts).
 */
export async function runCliInProcess(args: string[], options: { input?: string; argv1?: string } = {}): Promise<CliResult> {
  const out = new CapturedStream();
  const err = new CapturedStream();
  const input = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]);
  const code = await runProgram(args, { in: input, out, err }, options.argv1 ?? '/usr/local/bin/kubectl-kueue');
  return { code, stdout: out.text(), stderr: err.text() };
}
