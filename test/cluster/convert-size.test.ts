import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_FULL_MOUNT_STEPS } from '../../shared/convert/step-limit.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

function podWithSteps(name: string, count: number, annotations = ''): string {
  const steps = Array.from({ length: count }, (_, i) => `  - name: s${i}\n    image: busybox\n    command: [echo, '${i}']\n`).join('');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${annotations}spec:\n  restartPolicy: Never\n  containers:\n${steps}`;
}

/** `kubectl create` (not apply: its last-applied annotation would hit the 256 KiB annotation limit first). */
function kubectlCreate(kubeconfig: string, namespace: string, manifest: string, dryRun: boolean): { code: number; stderr: string } {
  const result = spawnSync('kubectl', ['create', '--kubeconfig', kubeconfig, '-n', namespace, ...(dryRun ? ['--dry-run=server'] : []), '-f', '-'], {
    input: manifest,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? 1, stderr: result.stderr };
}

async function converted(manifest: string, flags: string[] = []): Promise<string> {
  const result = await runCliInProcess(['convert', '-f', '-', '-o', 'json', ...flags], { input: manifest });
  expect(result.code).toBe(0);
  return result.stdout;
}

describe.skipIf(clusterUnavailable())('converted Pods of many steps on the real API server', () => {
  const ns = useClusterNamespace('convert-size');

  it('stores a compact Pod of 400 steps, which the full layout cannot; the largest full one is found by bisection', async () => {
    const create = async (count: number, flags: string[] = []) =>
      kubectlCreate(ns.kubeconfig, ns.namespace, await converted(podWithSteps(`steps-${count}${flags.length > 0 ? '-compact' : ''}`, count), flags), false);

    // Past MAX_FULL_MOUNT_STEPS convert itself refuses full mounts; at that count the API server refuses the Pod.
    const beyond = await runCliInProcess(['convert', '-f', '-', '-o', 'json'], { input: podWithSteps('beyond', MAX_FULL_MOUNT_STEPS + 1) });
    expect(beyond.code).not.toBe(0);
    expect(beyond.stderr).toContain('convert with --compact');
    const refused = await create(MAX_FULL_MOUNT_STEPS);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/too large|entity too large|exceeds/i);
    expect(await create(400, ['--compact'])).toEqual({ code: 0, stderr: '' });

    let accepted = 1;
    let tooLarge = MAX_FULL_MOUNT_STEPS;
    expect((await create(accepted)).code).toBe(0);
    while (tooLarge - accepted > 1) {
      const middle = Math.floor((accepted + tooLarge) / 2);
      if ((await create(middle)).code === 0) accepted = middle;
      else tooLarge = middle;
    }
    process.stdout.write(`largest step count stored with full mounts: ${accepted}\n`);
    // What the API server refuses, convert warned about.
    const refusedAt = await runCliInProcess(['convert', '-f', '-', '-o', 'json'], { input: podWithSteps('warned', tooLarge) });
    expect(refusedAt.stderr).toMatch(/Warning: .*Pod\/warned.*: the converted object is [\d.]+ MiB as JSON and may be over etcd's 1.5 MiB object limit/);
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(MAX_FULL_MOUNT_STEPS);
  });

  it('accepts the annotation-driven compact conversion (server dry-run)', async () => {
    const manifest = await converted(podWithSteps('annotated', 5, '  annotations:\n    kueue.dev/compact: "true"\n'));
    expect(manifest).toContain('"kueue.dev/compact": "true"');
    expect(kubectlCreate(ns.kubeconfig, ns.namespace, manifest, true)).toEqual({ code: 0, stderr: '' });
  });
});
