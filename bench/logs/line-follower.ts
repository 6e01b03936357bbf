import { type ChildProcess, spawn } from 'node:child_process';

/** A process printing log lines with `--timestamps`: when each line (by its text) arrived here. */
export class LineFollower {
  readonly arrivals = new Map<string, { writtenMs: number; arrivedMs: number }>();
  private readonly child: ChildProcess;
  private pending = '';
  private readonly waiters: (() => void)[] = [];
  stderr = '';

  constructor(command: string, args: string[]) {
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => this.take(chunk, Date.now()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  private take(chunk: string, arrivedMs: number): void {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      const space = line.indexOf(' ');
      const text = line.slice(space + 1);
      // The kubelet's time has nanoseconds; milliseconds are what both sides can be compared in.
      if (!this.arrivals.has(text)) this.arrivals.set(text, { writtenMs: Date.parse(line.slice(0, space)), arrivedMs });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once every one of `texts` has arrived; rejects if the process ends first. */
  async waitFor(texts: readonly string[]): Promise<void> {
    while (!texts.every((text) => this.arrivals.has(text))) {
      if (this.child.exitCode !== null) throw new Error(`the follower ended early (exit ${this.child.exitCode}): ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}
