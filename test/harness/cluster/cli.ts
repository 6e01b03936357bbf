// `npm run cluster:up` / `npm run cluster:down`: the tests' local control plane, kept running for people who
// want to try the plugin without a cluster. State lives in ~/.cache/kueue/local-cluster/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureControlPlaneBinaries } from './control-plane/binaries.js';
import { startLocalControlPlane } from './control-plane/local-control-plane.js';
import { isProcessAlive, stopPids } from './control-plane/process-group.js';

const STATE_DIR = path.join(process.env['KUEUE_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'kueue'), 'local-cluster');
const STATE_FILE = path.join(STATE_DIR, 'state.json');

interface State {
  pids: number[];
  dir: string;
  kubeconfig: string;
  server: string;
}

function readState(): State | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;
}

function running(state: State): boolean {
  return state.pids.every(isProcessAlive);
}

async function up(): Promise<void> {
  const existing = readState();
  if (existing && running(existing)) {
    process.stdout.write(`local control plane already running at ${existing.server}\nexport KUBECONFIG=${existing.kubeconfig}\n`);
    return;
  }
  if (existing) await down();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const bin = await ensureControlPlaneBinaries(log);
  const plane = await startLocalControlPlane(bin, log);
  mkdirSync(STATE_DIR, { recursive: true });
  const state: State = { pids: plane.pids, dir: plane.dir, kubeconfig: plane.kubeconfig, server: plane.server };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  process.stdout.write(
    `local control plane ready at ${plane.server} in ${(plane.startupMs / 1000).toFixed(1)}s (stop it with: npm run cluster:down)\n` +
      `export KUBECONFIG=${plane.kubeconfig}\n`,
  );
}

async function down(): Promise<void> {
  const state = readState();
  if (!state) {
    process.stdout.write('no local control plane is running\n');
    return;
  }
  await stopPids(state.pids);
  rmSync(state.dir, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
  process.stdout.write('local control plane stopped\n');
}

const command = process.argv[2];
const action = command === 'up' ? up : command === 'down' ? down : undefined;
if (!action) {
  process.stderr.write('usage: cli.ts up|down\n');
  process.exitCode = 2;
} else {
  action().catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
