import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  child: ChildProcess;
}

/** Starts and stops the control plane's processes, each logging to its own file in `dir`. */
export class ProcessGroup {
  readonly processes: ManagedProcess[] = [];
  private exited = new Map<string, number | null>();

  constructor(private readonly dir: string) {}

  start(name: string, binary: string, args: string[], options: { cwd?: string } = {}): ManagedProcess {
    const logFile = path.join(this.dir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    // Own process group: a Ctrl+C in the terminal reaches us, and we stop these in order.
    const child = spawn(binary, args, { stdio: ['ignore', fd, fd], detached: true, cwd: options.cwd });
    if (child.pid === undefined) throw new Error(`could not start ${name} (${binary})`);
    child.unref();
    child.on('exit', (code) => this.exited.set(name, code));
    const proc: ManagedProcess = { name, pid: child.pid, logFile, child };
    this.processes.push(proc);
    return proc;
  }

  /** Throws with the log tail if a process has already died. */
  assertAlive(): void {
    for (const p of this.processes) {
      if (this.exited.has(p.name)) {
        throw new Error(`${p.name} exited (code ${this.exited.get(p.name)}); last log lines:\n${logTail(p.logFile)}`);
      }
    }
  }
}

export function logTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Whether a process with this PID exists (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM every PID (last started first), then SIGKILL whatever is still alive after `graceMs`. */
export async function stopPids(pids: number[], graceMs = 5000): Promise<void> {
  for (const pid of [...pids].reverse()) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isProcessAlive)) await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids) if (isProcessAlive(pid)) signal(pid, 'SIGKILL');
}

/** Synchronous variant for `process.on('exit')`, where no timers run. */
export function killPidsNow(pids: number[]): void {
  for (const pid of pids) signal(pid, 'SIGKILL');
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}
