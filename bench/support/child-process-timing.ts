import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  /** Wall time from spawn until the process exited and its output was drained. */
  ms: number;
  stdoutBytes: number;
  /** With `peakRss`: the process's maximum resident set size. */
  peakRssBytes?: number;
  /**
   * With `peakRss` and GNU time: user + system CPU time of all its threads. Unlike wall time it hardly moves
   * when other work shares the machine, so it is the steadier figure for comparing two programs there.
   */
  cpuMs?: number;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: boolean | undefined;

function hasGnuTime(): boolean {
  gnuTime ??= existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
  return gnuTime;
}

/** How peak memory is measured on this machine, for the table's notes. */
export function peakRssMethod(): string {
  return hasGnuTime() ? 'max RSS from GNU time (getrusage)' : 'VmHWM of /proc/<pid>/status polled every 5 ms (a lower bound)';
}

/**
 * Runs a command to completion with its stdout read and thrown away, as a pipe into another program would, so
 * that neither terminal rendering nor file writes are part of what is measured. A non-zero exit is an error: a
 * benchmark of a failing command measures nothing.
 *
 * With `peakRss`, the command runs under GNU time, whose getrusage maximum also catches a peak in the last
 * moments before exit (its own fork and exec add about a millisecond, so cold-start timings do not use it);
 * without GNU time, VmHWM is polled, which can miss growth after the last poll.
 */
export function timeCommand(command: string, args: readonly string[], options: { peakRss?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TimedRun> {
  const viaTime = options.peakRss === true && hasGnuTime();
  const dir = viaTime ? mkdtempSync(path.join(os.tmpdir(), 'kueue-bench-rss-')) : '';
  const report = path.join(dir, 'rss');
  const [file, argv] = viaTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', report, command, ...args]] : [command, [...args]];
  return new Promise<TimedRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...(options.env !== undefined ? { env: { ...process.env, ...options.env } } : {}) });
    let stdoutBytes = 0;
    let stderr = '';
    let highWaterMark = 0;
    const poll =
      options.peakRss === true && !viaTime
        ? setInterval(() => {
            try {
              const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
              if (match) highWaterMark = Math.max(highWaterMark, Number(match[1]) * 1024);
            } catch {
              // The process ended between two polls.
            }
          }, 5)
        : undefined;
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', (err) => {
      clearInterval(poll);
      reject(err);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      clearInterval(poll);
      if (code !== 0) {
        reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`}):\n${stderr}`));
        return;
      }
      const run: TimedRun = { ms, stdoutBytes };
      if (viaTime) {
        const [rssKb, user, system] = (readFileSync(report, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        run.peakRssBytes = (rssKb ?? Number.NaN) * 1024;
        run.cpuMs = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000;
      } else if (options.peakRss === true) run.peakRssBytes = highWaterMark;
      resolve(run);
    });
  }).finally(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}
