import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../test/harness/repo-root.js';
import { cpuTimeMs } from '../extension/process-cpu.js';
import { formatMs } from './percentiles.js';

export type ExecutorMode = 'event-driven' | 'polling';

/**
 * How long reconciles waited in the work queue, by urgency: how many, p50 and p99 in ms; and under
 * `eventLoopDelay` how late the executor's event loop ran (sampled every 10 ms), with its max.
 */
export type QueueWaits = Record<string, { count: number; p50: number; p99: number; max?: number }>;

/** Stops a child process with SIGTERM and waits for it to exit. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The executor under measurement (executor-process.ts) seen from the bench: started once it acts, its CPU time,
 * its heap after a full collection on demand, stopped cleanly.
 */
export class ExecutorProcess {
  private out = '';
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => {
      this.out += d.toString();
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** `labelSelector`: only the TaskActions it matches (the bench's own floor actions are left to the bench). */
  static async start(kubeconfig: string, namespace: string, mode: ExecutorMode, labelSelector?: string): Promise<ExecutorProcess> {
    const script = path.join(repoRoot(), 'bench', 'executor', 'executor-process.ts');
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, kubeconfig, namespace, mode, ...(labelSelector !== undefined ? [labelSelector] : [])], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const executor = new ExecutorProcess(child);
    await executor.next(/^ready$/m, 60_000);
    return executor;
  }

  async heapUsed(): Promise<number> {
    this.out = '';
    this.child.stdin?.write('heap\n');
    const match = await this.next(/^heap (\d+)$/m, 60_000);
    return Number(match[1]);
  }

  /** Work queue waits since the last call, by urgency: count, p50 and p99 in ms. */
  async queueWaits(): Promise<QueueWaits> {
    this.out = '';
    this.child.stdin?.write('waits\n');
    const match = await this.next(/^waits (\{.*\})$/m, 60_000);
    return JSON.parse(match[1] ?? '{}') as QueueWaits;
  }

  cpuMs(): number {
    return cpuTimeMs(this.child.pid ?? 0);
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }

  private async next(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.out);
      if (match) return match;
      if (this.child.exitCode !== null) throw new Error(`the executor process exited (${this.child.exitCode})`);
      if (Date.now() > deadline) throw new Error(`the executor process did not print ${String(pattern)} within ${formatMs(timeoutMs)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}
