import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../repo-root.js';

export interface ControlPlaneBinaries {
  dir: string;
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kwok: string;
}



/**
 * Builds (first time, tens of minutes) or finds (cached, instant) the control plane binaries. A failed build
 * is an error carrying the build output: cluster suites must fail loudly, never skip silently.
 */
export async function ensureControlPlaneBinaries(log: (line: string) => void): Promise<ControlPlaneBinaries> {
  const { code, stdout, stderr } = await run('bash', [path.join(repoRoot(), 'test', 'harness', 'cluster', 'build-control-plane.sh')], log);
  if (code !== 0) {
    const tail = stderr.split('\n').slice(-40).join('\n');
    throw new Error(`building the test control plane failed (exit ${code}):\n${tail}`);
  }
  const dir = stdout.trim().split('\n').pop() ?? '';
  return {
    dir,
    etcd: path.join(dir, 'etcd'),
    kubeApiserver: path.join(dir, 'kube-apiserver'),
    kubeControllerManager: path.join(dir, 'kube-controller-manager'),
    kubeScheduler: path.join(dir, 'kube-scheduler'),
    kwok: path.join(dir, 'kwok'),
  };
}

function run(cmd: string, args: string[], log: (line: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const line of d.toString().split('\n')) if (line.trim()) log(line);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
