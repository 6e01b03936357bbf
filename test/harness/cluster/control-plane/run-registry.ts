import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive, killPidsNow } from './process-group.js';

/**
 * Records which processes each test run started, so that a run killed too hard to clean up (SIGKILL, a
 * crashed runner) has its control plane stopped and its directory removed by the next run.
 */
const REGISTRY = path.join(process.env['KUEUE_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'kueue'), 'running');

interface Entry {
  ownerPid: number;
  pids: number[];
  dir: string;
}

/** `key` is the owner's pid, or the pid and a tag when one process owns several control planes. */
function entryFile(key: number | string): string {
  return path.join(REGISTRY, `${key}.json`);
}

export function recordRun(entry: Entry, key: number | string = entry.ownerPid): void {
  mkdirSync(REGISTRY, { recursive: true });
  writeFileSync(entryFile(key), JSON.stringify(entry));
}

export function forgetRun(key: number | string): void {
  rmSync(entryFile(key), { force: true });
}


function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Stops the leftovers of runs whose owner process is gone; returns how many were cleaned. */
export function reapOrphanedRuns(): number {
  let reaped = 0;
  let files: string[] = [];
  try {
    files = readdirSync(REGISTRY);
  } catch {
    return 0;
  }
  for (const file of files) {
    try {
      const entry = JSON.parse(readFileSync(path.join(REGISTRY, file), 'utf8')) as Entry;
      if (isProcessAlive(entry.ownerPid)) continue;
      // Only PIDs still running a command of that run (their command lines name its directory).
      killPidsNow(entry.pids.filter((pid) => commandLine(pid).includes(entry.dir)));
      rmSync(entry.dir, { recursive: true, force: true });
      rmSync(path.join(REGISTRY, file), { force: true });
      reaped += 1;
    } catch {
      rmSync(path.join(REGISTRY, file), { force: true });
    }
  }
  return reaped;
}
